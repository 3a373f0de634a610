import Foundation
import Testing
import LecternStore

struct StateStoreTests {
    func temporaryPath() throws -> String {
        let directory = NSTemporaryDirectory() + "lectern-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/state.sqlite"
    }

    func chunk(_ id: String, lesson: String, ordinal: Int, text: String) -> StoredChunk {
        StoredChunk(id: id, course: "python", courseTitle: "Python", lesson: lesson, lessonTitle: "Title of \(lesson)",
                    source: "lesson", ordinal: ordinal, url: "/lms/courses/python/learn/1-1", headingPath: ["A", "B › C"],
                    anchor: "#h-c", start: 3, end: 40, tokenCount: 12, text: text, embeddingSHA256: "hash-\(text)")
    }

    @Test func migratesAndKeepsDataAcrossOpens() throws {
        let path = try temporaryPath()
        do {
            let store = try StateStore(path: path)
            #expect(try store.database.userVersion == Migrations.latest)
            try store.replaceChunks(course: "python", lesson: "loops", with: [chunk("1", lesson: "loops", ordinal: 0, text: "for x in y")])
        }
        let reopened = try StateStore(path: path)
        #expect(try reopened.database.userVersion == Migrations.latest)
        #expect(try reopened.chunks().map(\.id) == ["1"])
        let mode = try reopened.database.prepare("PRAGMA journal_mode")
        #expect(try mode.step() && mode.text(0) == "wal")
    }

    @Test func replacingALessonsChunksLeavesOtherLessons() throws {
        let store = try StateStore(path: try temporaryPath())
        try store.replaceChunks(course: "python", lesson: "loops", with: [chunk("1", lesson: "loops", ordinal: 0, text: "a"),
                                                                          chunk("2", lesson: "loops", ordinal: 1, text: "b")])
        try store.replaceChunks(course: "python", lesson: "lists", with: [chunk("3", lesson: "lists", ordinal: 0, text: "c")])
        try store.replaceChunks(course: "python", lesson: "loops", with: [chunk("4", lesson: "loops", ordinal: 0, text: "d")])
        let all = try store.chunks()
        #expect(all.map(\.id) == ["3", "4"])
        #expect(all[1] == chunk("4", lesson: "loops", ordinal: 0, text: "d"))
        #expect(try store.chunks(course: "python", lesson: "lists").map(\.id) == ["3"])
        try store.deleteChunks(course: "python", lesson: "lists")
        #expect(try store.lessons().map(\.lesson) == ["loops"])
    }

    @Test func theEmbeddingCacheRoundTripsVectorsByModelAndHash() throws {
        let store = try StateStore(path: try temporaryPath())
        let vector: [Float] = [0.25, -1.5, 3.0e-8, .pi]
        try store.cacheVectors(model: "m1", [("h1", vector[...])])
        #expect(try store.cachedVectors(model: "m1", hashes: ["h1", "h2"]) == ["h1": vector])
        #expect(try store.cachedVectors(model: "m2", hashes: ["h1"]).isEmpty)
    }

    @Test func aFailedTransactionLeavesNothingBehind() throws {
        let store = try StateStore(path: try temporaryPath())
        try store.replaceChunks(course: "python", lesson: "loops", with: [chunk("1", lesson: "loops", ordinal: 0, text: "a")])
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try store.database.transaction {
                try store.replaceChunks(course: "python", lesson: "loops", with: [chunk("9", lesson: "loops", ordinal: 0, text: "z")])
                throw Interrupted()
            }
        }
        #expect(try store.chunks().map(\.id) == ["1"])
    }

    @Test func runsAreRecordedWithNullsKept() throws {
        let store = try StateStore(path: try temporaryPath())
        try store.recordRun(IndexRunRecord(run: "r1", course: "python", lesson: "loops", status: "Success", chunkCount: 4,
                                           startedAt: 10, endedAt: 12, notes: ""))
        try store.recordRun(IndexRunRecord(run: "r1", course: "python", lesson: "courses/python/bad.md", status: "Error",
                                           chunkCount: nil, startedAt: 10, endedAt: nil, notes: "bad.md:3: unknown key"))
        let runs = try store.runs(run: "r1")
        #expect(runs.count == 2)
        #expect(runs[1].chunkCount == nil && runs[1].endedAt == nil && runs[1].status == "Error")
        #expect(throws: StoreError.self) {
            try store.recordRun(IndexRunRecord(run: "r1", course: "c", lesson: "l", status: "Done", chunkCount: nil,
                                               startedAt: 0, endedAt: nil, notes: ""))
        }
    }
}
