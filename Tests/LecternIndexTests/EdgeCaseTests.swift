import LecternIndex
import Testing

@Suite struct EdgeCaseTests {
    func withIndex(count: Int = 12, _ body: (IndexReader) throws -> Void) throws {
        var random = SeededRandom(state: 61)
        let records = (0..<count).map { record("r\($0)", text: "word \($0 % 3 == 0 ? "rare" : "common")", vector: random.unitVector(384)) }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            try body(try IndexReader(path: dir + "/index"))
        }
    }

    @Test func kLargerThanTheIndexGivesEveryMatch() throws {
        try withIndex { reader in
            let q = reader.record(5).vector
            let dense = reader.search(SearchQuery(vector: q, k: 1_000, mode: .dense))
            #expect(dense.count == 12)
            #expect(dense.first?.index == 5)
            #expect(zip(dense, dense.dropFirst()).allSatisfy { $0.score >= $1.score })
            #expect(reader.search(SearchQuery(text: "rare", k: 1_000, mode: .lexical)).count == 4)
            #expect(reader.search(SearchQuery(vector: q, text: "rare", k: 1_000, mode: .hybrid)).count == 12)
        }
    }

    @Test func nonPositiveKGivesNothing() throws {
        try withIndex { reader in
            for k in [0, -3] {
                for mode in SearchMode.allCases {
                    #expect(reader.search(SearchQuery(vector: reader.record(0).vector, text: "word", k: k, mode: mode)).isEmpty)
                }
            }
        }
    }

    @Test func unusableVectorsGiveNoDenseHits() throws {
        try withIndex { reader in
            #expect(reader.search(SearchQuery(vector: [Float](repeating: 0.05, count: 383), mode: .dense)).isEmpty)
            #expect(reader.search(SearchQuery(vector: [], mode: .dense)).isEmpty)
            var nan = reader.record(0).vector
            nan[10] = .nan
            #expect(reader.search(SearchQuery(vector: nan, mode: .dense)).isEmpty)
            #expect(reader.search(SearchQuery(vector: nil, text: "word", mode: .dense)).isEmpty)
            // An all-zero query is well defined: every cosine is 0.
            let zero = reader.search(SearchQuery(vector: [Float](repeating: 0, count: 384), k: 3, mode: .dense))
            #expect(zero.map(\.score) == [0, 0, 0])
        }
    }

    @Test func emptyQueryTextGivesNoLexicalHits() throws {
        try withIndex { reader in
            #expect(reader.search(SearchQuery(text: "", mode: .lexical)).isEmpty)
            #expect(reader.search(SearchQuery(text: "   \n\t–—", mode: .lexical)).isEmpty)
            #expect(reader.search(SearchQuery(text: nil, mode: .lexical)).isEmpty)
        }
    }

    @Test func anEmptyIndexIsValidAndFindsNothing() throws {
        try withTemporaryDirectory { dir in
            try IndexWriter.write([], modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            #expect(reader.count == 0)
            #expect(reader.dimension == 0)
            for mode in SearchMode.allCases {
                #expect(reader.search(SearchQuery(vector: [1, 0], text: "anything", mode: mode)).isEmpty)
            }
        }
    }

    @Test func theWriterRefusesBadVectorsNamingTheFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/index"
            let mixed = [record("a", vector: [1, 0, 0]), record("b", vector: [1, 0])]
            #expect(throws: IndexError("\(path): record b has a 2-d vector, the first record a 3-d one")) {
                try IndexWriter.write(mixed, modelID: "m", to: path)
            }
            let wide = [record("w", vector: [Float](repeating: 0.01, count: 5000))]
            #expect(throws: IndexError("\(path): record w has a 5000-d vector; the index takes 1 to 4096 dimensions")) {
                try IndexWriter.write(wide, modelID: "m", to: path)
            }
            #expect(throws: IndexError("\(path): record e has a 0-d vector; the index takes 1 to 4096 dimensions")) {
                try IndexWriter.write([record("e", vector: [])], modelID: "m", to: path)
            }
        }
    }

    @Test func oddDimensionsArePaddedAndStillSearch() throws {
        var random = SeededRandom(state: 62)
        let records = (0..<50).map { record("r\($0)", vector: random.unitVector(37)) }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            #expect(reader.sections.first { $0.name == "vectors" }?.length == 50 * 48)
            #expect(reader.sections.first { $0.name == "refinements" }?.length == 50 * 12)
            for i in [0, 17, 49] {
                #expect(reader.search(SearchQuery(vector: records[i].vector, k: 1, mode: .dense)).first?.index == i)
            }
        }
    }
}
