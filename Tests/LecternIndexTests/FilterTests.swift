import LecternIndex
import Testing

@Suite struct FilterTests {
    /// Three courses; "intro" is a lesson name in two of them.
    static let layout: [(course: String, lesson: String, copies: Int)] = [
        ("git", "intro", 4), ("git", "branches", 3), ("python", "intro", 5), ("python", "loops", 2), ("sql", "joins", 6),
    ]

    func withIndex(_ body: (IndexReader, [IndexRecord]) throws -> Void) throws {
        var random = SeededRandom(state: 11)
        var records: [IndexRecord] = []
        for part in Self.layout {
            for copy in 0..<part.copies {
                records.append(record("\(part.course)/\(part.lesson)/\(copy)", course: part.course, lesson: part.lesson,
                                      text: "common words about \(part.lesson)", vector: random.unitVector(48)))
            }
        }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records.shuffled(using: &random), modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            try body(reader, (0..<reader.count).map(reader.record))
        }
    }

    func expectFiltered(_ reader: IndexReader, records: [IndexRecord], course: String?, lesson: String?, expected: Int) {
        var random = SeededRandom(state: 5)
        for mode in SearchMode.allCases {
            let hits = reader.search(SearchQuery(vector: random.unitVector(48), text: "common words", course: course,
                                                 lesson: lesson, k: 100, mode: mode))
            #expect(hits.count == expected, "mode \(mode), course \(course ?? "-"), lesson \(lesson ?? "-")")
            for hit in hits {
                if let course { #expect(records[hit.index].course == course) }
                if let lesson { #expect(records[hit.index].lesson == lesson) }
            }
            #expect(Set(hits.map(\.index)).count == hits.count)
        }
    }

    @Test func byCourse() throws {
        try withIndex { reader, records in
            expectFiltered(reader, records: records, course: "git", lesson: nil, expected: 7)
            expectFiltered(reader, records: records, course: "sql", lesson: nil, expected: 6)
        }
    }

    @Test func byLessonAcrossCourses() throws {
        try withIndex { reader, records in
            expectFiltered(reader, records: records, course: nil, lesson: "intro", expected: 9)
            expectFiltered(reader, records: records, course: nil, lesson: "loops", expected: 2)
        }
    }

    @Test func byCourseAndLesson() throws {
        try withIndex { reader, records in
            expectFiltered(reader, records: records, course: "python", lesson: "intro", expected: 5)
            expectFiltered(reader, records: records, course: "git", lesson: "intro", expected: 4)
        }
    }

    @Test func filtersThatMatchNothing() throws {
        try withIndex { reader, records in
            // Both names exist, but not together.
            expectFiltered(reader, records: records, course: "sql", lesson: "intro", expected: 0)
            expectFiltered(reader, records: records, course: "rust", lesson: nil, expected: 0)
            expectFiltered(reader, records: records, course: nil, lesson: "no-such-lesson", expected: 0)
            #expect(reader.denseCandidates(for: SearchQuery(vector: [Float](repeating: 0.1, count: 48), course: "rust")).isEmpty)
        }
    }

    @Test func unfilteredSeesEverything() throws {
        try withIndex { reader, records in
            expectFiltered(reader, records: records, course: nil, lesson: nil, expected: 20)
        }
    }
}
