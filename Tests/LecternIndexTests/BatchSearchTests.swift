import LecternIndex
import Testing

/// `search(batch:)` must answer each query exactly as `search` answers it alone.
@Suite struct BatchSearchTests {
    @Test func aBatchAnswersEachQueryAsAlone() throws {
        var random = SeededRandom(state: 2026)
        let courses = ["git", "python", "sql"]
        var records: [IndexRecord] = []
        for n in 0..<3_000 {
            let course = courses[n % 3]
            records.append(record("r\(n)", course: course, lesson: "\(course)-\(n % 7)", text: "words \(n % 11) about \(course)",
                                  vector: random.unitVector(96)))
        }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            var queries: [SearchQuery] = []
            for n in 0..<40 {
                let course: String? = n % 4 == 0 ? courses[n % 3] : (n % 13 == 0 ? "no-such-course" : nil)
                let lesson: String? = n % 5 == 0 ? "python-\(n % 7)" : nil
                let mode: SearchMode = n % 9 == 0 ? .hybrid : (n % 10 == 0 ? .lexical : .dense)
                let vector: [Float]? = n % 17 == 0 ? [1, 2] : random.unitVector(96)   // a vector of the wrong size
                queries.append(SearchQuery(vector: vector, text: "words \(n % 11)", course: course, lesson: lesson,
                                           k: [1, 5, 10, 50][n % 4], mode: mode))
            }
            for size in [1, 2, 7, 40] {
                for start in Swift.stride(from: 0, to: queries.count, by: size) {
                    let batch = Array(queries[start..<min(start + size, queries.count)])
                    let together = reader.search(batch: batch)
                    #expect(together.count == batch.count)
                    for (query, hits) in zip(batch, together) {
                        #expect(hits == reader.search(query), "batch of \(size), \(query.mode), k \(query.k), course \(query.course ?? "-")")
                    }
                }
            }
            #expect(reader.search(batch: []).isEmpty)
        }
    }
}

extension BatchSearchTests {
    /// Large enough for the two-thread split (and, at 384 dimensions, the AMX tile scan where the
    /// CPU has it); copies of the same vector on both sides of the split make ties, which the
    /// earlier record must win as in a pass of its own.
    @Test func aSplitPassAnswersEachQueryAsAlone() throws {
        var random = SeededRandom(state: 77)
        let shared = (0..<8).map { _ in random.unitVector(384) }
        var records: [IndexRecord] = []
        for n in 0..<20_000 {
            let course = n % 2 == 0 ? "git" : "sql"
            let vector = n % 500 == 0 ? shared[(n / 500) % shared.count] : random.unitVector(384)
            records.append(record("r\(n)", course: course, lesson: "\(course)-\(n % 5)", text: "words \(n % 13)", vector: vector))
        }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            var queries = shared.map { SearchQuery(vector: $0, text: "", course: nil, lesson: nil, k: 10, mode: .dense) }
            for n in 0..<20 {
                queries.append(SearchQuery(vector: random.unitVector(384), text: "", course: n % 3 == 0 ? "sql" : nil,
                                           lesson: n % 7 == 0 ? "git-2" : nil, k: [1, 5, 20][n % 3], mode: .dense))
            }
            let together = reader.search(batch: queries, threads: 2)
            for (query, hits) in zip(queries, together) {
                #expect(hits == reader.search(query), "k \(query.k), course \(query.course ?? "-"), lesson \(query.lesson ?? "-")")
            }
        }
    }
}
