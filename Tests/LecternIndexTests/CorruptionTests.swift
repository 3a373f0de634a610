import Foundation
import LecternIndex
import Testing

@Suite struct CorruptionTests {
    /// A small index where every section is non-empty; its bytes and section layout.
    func withIndex(_ body: (String, [UInt8], [IndexSection]) throws -> Void) throws {
        var random = SeededRandom(state: 51)
        let records = (0..<30).map { i in
            record("c\(i)", course: "course\(i % 3)", lesson: "lesson\(i % 7)", text: "chunk number \(i) about git",
                   vector: random.unitVector(40), title: "Title \(i)", headings: ["H\(i % 2)"])
        }
        try withTemporaryDirectory { dir in
            let path = dir + "/index"
            try IndexWriter.write(records, modelID: "test-model", to: path)
            let sections = try IndexReader(path: path).sections
            try body(dir, Array(FileManager.default.contents(atPath: path)!), sections)
        }
    }

    func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    @Test func aFlippedByteInEachSectionIsRefused() throws {
        try withIndex { dir, bytes, sections in
            #expect(sections.count == 9)
            for section in sections {
                #expect(section.length > 0, "section \(section.name) is empty in the fixture")
                for position in [section.offset, section.offset + section.length / 2, section.offset + section.length - 1] {
                    var damaged = bytes
                    damaged[position] ^= 0x10
                    let path = dir + "/flipped-\(section.name)-\(position)"
                    write(damaged, to: path)
                    let message = openError(path)
                    #expect(message == "\(path): section '\(section.name)' is corrupt (checksum mismatch)")
                }
            }
        }
    }

    @Test func aFlippedByteInTheHeaderIsRefused() throws {
        try withIndex { dir, bytes, sections in
            // Dimension, record count, build time, a section offset, the model id.
            for position in [24, 28, 44, 64 + 8, sections[0].offset - 60] {
                var damaged = bytes
                damaged[position] ^= 0x01
                let path = dir + "/header-\(position)"
                write(damaged, to: path)
                #expect(openError(path) == "\(path): header is corrupt (checksum mismatch)")
            }
        }
    }

    @Test func nonZeroPaddingIsRefused() throws {
        try withIndex { dir, bytes, sections in
            let gap = zip(sections, sections.dropFirst()).first { $0.offset + $0.length < $1.offset }!
            var damaged = bytes
            damaged[gap.0.offset + gap.0.length] = 0xFF
            let path = dir + "/padding"
            write(damaged, to: path)
            #expect(openError(path)?.hasPrefix("\(path): corrupt: the padding before section") == true)
        }
    }

    @Test func truncatedFilesAreRefused() throws {
        try withIndex { dir, bytes, sections in
            for length in [bytes.count - 1, bytes.count / 2, sections[0].offset, 100, 63, 12] {
                let path = dir + "/truncated-\(length)"
                write(Array(bytes.prefix(length)), to: path)
                let message = openError(path)
                #expect(message?.hasPrefix("\(path): truncated: \(length) bytes") == true, "\(message ?? "opened")")
            }
            let path = dir + "/longer"
            write(bytes + [0], to: path)
            #expect(openError(path)?.hasPrefix("\(path): \(bytes.count + 1) bytes, the header says \(bytes.count)") == true)
        }
    }

    @Test func wrongMagicIsRefused() throws {
        try withIndex { dir, bytes, _ in
            var damaged = bytes
            damaged[0] = UInt8(ascii: "X")
            let path = dir + "/magic"
            write(damaged, to: path)
            #expect(openError(path) == "\(path): not a Lectern index (wrong magic bytes)")
            let text = dir + "/notes.txt"
            write(Array("hello, this is not an index at all".utf8), to: text)
            #expect(openError(text) == "\(text): not a Lectern index (wrong magic bytes)")
        }
    }

    @Test func otherVersionIsRefused() throws {
        try withIndex { dir, bytes, _ in
            var damaged = bytes
            damaged[8] = 2
            let path = dir + "/v2"
            write(damaged, to: path)
            #expect(openError(path) == "\(path): index format version 2; this build reads version 1 (rebuild the index)")
        }
    }

    @Test func emptyAndMissingFilesAreRefused() throws {
        try withTemporaryDirectory { dir in
            let empty = dir + "/empty"
            _ = FileManager.default.createFile(atPath: empty, contents: Data())
            #expect(openError(empty) == "\(empty): empty file (0 bytes), not a Lectern index")
            let missing = dir + "/missing"
            #expect(openError(missing) == "\(missing): cannot open (No such file or directory)")
            #expect(openError(dir) == "\(dir): not a regular file")
        }
    }
}
