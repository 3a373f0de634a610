import Foundation
import LecternIndex
import Synchronization
import Testing

@Suite struct AtomicWriteTests {
    static func records(_ count: Int, tag: String) -> [IndexRecord] {
        var random = SeededRandom(state: UInt64(count))
        return (0..<count).map { record("\(tag)\($0)", text: String(repeating: "\(tag) text ", count: 50), vector: random.unitVector(384)) }
    }

    @Test func anOpenReaderKeepsTheOldFileAfterAnOverwrite() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/index"
            try IndexWriter.write(Self.records(50, tag: "old"), modelID: "m", to: path)
            let old = try IndexReader(path: path)
            try IndexWriter.write(Self.records(80, tag: "new"), modelID: "m", to: path)
            #expect(old.count == 50)
            #expect(old.record(49).chunkID == "old49")
            #expect(old.search(SearchQuery(text: "old", k: 3, mode: .lexical)).count == 3)
            let new = try IndexReader(path: path)
            #expect(new.count == 80)
            #expect(new.record(0).chunkID == "new0")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["index"])
        }
    }

    /// A reader opening the path over and over while it is rewritten must always find a
    /// complete file, old or new; writing in place would show it a truncated one.
    @Test func concurrentOpensNeverSeeAPartialFile() async throws {
        let dir = NSTemporaryDirectory() + "lectern-index-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/index"
        let versions = [Self.records(300, tag: "a"), Self.records(700, tag: "b")]
        try IndexWriter.write(versions[0], modelID: "m", to: path)
        let stop = Atomic<Bool>(false)
        let opened = Atomic<Int>(0)
        let reader = Task.detached { () -> [String] in
            var failures: [String] = []
            while !stop.load(ordering: .relaxed) {
                do {
                    let index = try IndexReader(path: path)
                    if index.count != 300 && index.count != 700 { failures.append("count \(index.count)") }
                    opened.add(1, ordering: .relaxed)
                } catch {
                    failures.append("\(error)")
                }
            }
            return failures
        }
        // Keep rewriting until the reader has had many chances to catch a partial file.
        var round = 0
        while round < 40 || opened.load(ordering: .relaxed) < 100 {
            try IndexWriter.write(versions[round % 2], modelID: "m", to: path)
            round += 1
        }
        stop.store(true, ordering: .relaxed)
        let failures = await reader.value
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["index"])
    }

    @Test func aRefusedWriteLeavesTheOldFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/index"
            try IndexWriter.write(Self.records(10, tag: "old"), modelID: "m", to: path)
            var bad = Self.records(10, tag: "bad")
            bad[3].vector[7] = .nan
            #expect(throws: IndexError.self) { try IndexWriter.write(bad, modelID: "m", to: path) }
            #expect(try IndexReader(path: path).record(0).chunkID == "old0")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["index"])
        }
    }

    @Test func anUnwritableDestinationNamesTheFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/no-such-folder/index"
            do {
                try IndexWriter.write(Self.records(2, tag: "x"), modelID: "m", to: path)
                Issue.record("wrote into a missing folder")
            } catch {
                #expect("\(error)".hasPrefix("\(path).tmp-"))
                #expect("\(error)".contains("cannot create"))
            }
        }
    }
}
