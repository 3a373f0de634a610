import Foundation
import LecternIndex
import Testing

@Suite struct RoundTripTests {
    @Test func everyFieldSurvivesIncludingUnicode() throws {
        var random = SeededRandom(state: 1)
        let written = [
            IndexRecord(chunkID: "git-basics#0", course: "git-101", lesson: "first-commit", title: "Your first commit",
                        headingPath: ["Git 101", "Committing", "Staging"], url: "/lms/courses/git-101/learn/1-1",
                        source: "lesson", text: "Run `git add` then `git commit -m \"msg\"`.\nTabs\tand\nlines.",
                        vector: random.unitVector(384)),
            IndexRecord(chunkID: "unicode#1", course: "cours-café", lesson: "leçon-é\u{301}",
                        title: "Crème brûlée 🍮 学习 Ελληνικά عربى", headingPath: [],
                        url: "https://example.org/ü?q=ß&r=€", source: "external",
                        text: "e\u{301} vs é; 𝔘𝔫𝔦𝔠𝔬𝔡𝔢; zero\u{0}byte; RTL: مرحبا; CJK: 你好世界; 👩‍👩‍👧",
                        vector: random.unitVector(384)),
            IndexRecord(chunkID: "", course: "", lesson: "", title: "", headingPath: [""], url: "", source: "",
                        text: "", vector: random.unitVector(384)),
        ]
        try withTemporaryDirectory { dir in
            let path = dir + "/index.lectern"
            try IndexWriter.write(written, modelID: "sentence-transformers/all-MiniLM-L6-v2", to: path, buildTime: 1_767_225_600)
            let reader = try IndexReader(path: path)
            #expect(reader.count == 3)
            #expect(reader.dimension == 384)
            #expect(reader.modelID == "sentence-transformers/all-MiniLM-L6-v2")
            #expect(reader.buildTime == 1_767_225_600)
            #expect(reader.courses == ["git-101", "cours-café", ""])
            for (i, original) in written.enumerated() {
                let read = reader.record(i)
                // Byte-wise: Swift's == would accept a canonically equivalent respelling.
                for (a, b) in zip([read.chunkID, read.course, read.lesson, read.title, read.url, read.source, read.text],
                                  [original.chunkID, original.course, original.lesson, original.title, original.url,
                                   original.source, original.text]) {
                    #expect(Array(a.utf8) == Array(b.utf8))
                }
                #expect(read.headingPath.map { Array($0.utf8) } == original.headingPath.map { Array($0.utf8) })
                #expect(read.vector.count == 384)
                // 8 + 2 bits: each dimension within an eighth of a step of range/254 (range ≤ 2).
                let worst = zip(read.vector, original.vector).map { abs($0 - $1) }.max()!
                #expect(worst <= 2 / 254 / 8 * 1.01)
                #expect(dot(normalized(read.vector), original.vector) > 0.9999)
            }
        }
    }

    @Test func vectorStorageIsUnder512BytesPerChunk() throws {
        var random = SeededRandom(state: 2)
        let records = (0..<100).map { record("r\($0)", vector: random.unitVector(384)) }
        try withTemporaryDirectory { dir in
            let path = dir + "/index"
            try IndexWriter.write(records, modelID: "m", to: path)
            let reader = try IndexReader(path: path)
            let vectors = reader.sections.first { $0.name == "vectors" }!
            let refinements = reader.sections.first { $0.name == "refinements" }!
            #expect(vectors.length == 100 * 384)
            #expect(refinements.length == 100 * 96)
            let calibration = reader.sections.first { $0.name == "calibration" }!
            #expect(calibration.length == 2 * 4 * 384)
            #expect(reader.sections.map(\.name) == ["calibration", "vectors", "refinements", "facets", "records", "strings",
                                                    "terms", "postings", "lengths"])
        }
    }

    @Test func sameInputGivesTheSameBytes() throws {
        var random = SeededRandom(state: 3)
        let records = (0..<20).map { record("r\($0)", text: "word\($0) shared", vector: random.unitVector(32)) }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/a", buildTime: 7)
            try IndexWriter.write(records, modelID: "m", to: dir + "/b", buildTime: 7)
            #expect(FileManager.default.contents(atPath: dir + "/a") == FileManager.default.contents(atPath: dir + "/b"))
        }
    }
}
