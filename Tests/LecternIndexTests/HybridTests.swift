import LecternIndex
import Testing

@Suite struct HybridTests {
    /// Dense order A, B, C, D (cosines 0.9, 0.8, 0.7, 0.6); lexical order C (zebra ×2), A (zebra ×1),
    /// equal lengths. RRF with k = 60: A 1/61 + 1/62, C 1/63 + 1/61, B 1/62, D 1/64.
    func withIndex(_ body: (IndexReader, [Float]) throws -> Void) throws {
        var random = SeededRandom(state: 41)
        let q = random.unitVector(64)
        let texts = ["zebra one two three", "four five six seven", "zebra zebra two three", "eight nine ten eleven"]
        let cosines: [Float] = [0.9, 0.8, 0.7, 0.6]
        var records = zip(texts, cosines).enumerated().map { i, pair in
            record("\(i)", text: pair.0, vector: DenseSearchTests.planted(q, cosine: pair.1, random: &random))
        }
        // Distractors far from q and without the word.
        for i in 0..<40 {
            records.append(record("x\(i)", text: "filler text", vector: DenseSearchTests.planted(q, cosine: -0.5, random: &random)))
        }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            try body(try IndexReader(path: dir + "/index"), q)
        }
    }

    @Test func fusesByReciprocalRank() throws {
        try withIndex { reader, q in
            #expect(reader.search(SearchQuery(vector: q, k: 4, mode: .dense)).map(\.index) == [0, 1, 2, 3])
            #expect(reader.search(SearchQuery(text: "zebra", k: 4, mode: .lexical)).map(\.index) == [2, 0])
            let hits = reader.search(SearchQuery(vector: q, text: "zebra", k: 4, mode: .hybrid))
            #expect(hits.map(\.index) == [0, 2, 1, 3])
            let expected: [Double] = [1.0 / 61 + 1.0 / 62, 1.0 / 63 + 1.0 / 61, 1.0 / 62, 1.0 / 64]
            for (hit, want) in zip(hits, expected) {
                #expect(abs(Double(hit.score) - want) < 1e-7)
            }
        }
    }

    @Test func aMissingPartLeavesTheOtherOrder() throws {
        try withIndex { reader, q in
            #expect(reader.search(SearchQuery(vector: nil, text: "zebra", k: 4)).map(\.index) == [2, 0])
            #expect(reader.search(SearchQuery(vector: q, text: "", k: 4)).map(\.index) == [0, 1, 2, 3])
            // A vector of the wrong dimension is ignored, not a crash.
            #expect(reader.search(SearchQuery(vector: [1, 0, 0], text: "zebra", k: 4)).map(\.index) == [2, 0])
            #expect(reader.search(SearchQuery(vector: nil, text: nil, k: 4)).isEmpty)
        }
    }

    /// Each list is taken to depth 50 even for k = 1: record 30 (dense rank 31, lexical rank 1)
    /// beats record 0 (dense rank 1 only), which a depth of k would tie at 1/61.
    @Test func listsAreFusedToDepthFiftyWhateverK() throws {
        var random = SeededRandom(state: 42)
        let q = random.unitVector(64)
        let records = (0..<40).map { i in
            record("\(i)", text: i == 30 ? "zebra" : "plain", vector: DenseSearchTests.planted(q, cosine: 0.9 - 0.01 * Float(i), random: &random))
        }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            let hits = reader.search(SearchQuery(vector: q, text: "zebra", k: 1, mode: .hybrid))
            #expect(hits.map(\.index) == [30])
            #expect(abs(Double(hits[0].score) - (1.0 / 61 + 1.0 / 91)) < 1e-7)
        }
    }

    @Test func hybridResultsRespectFilters() throws {
        try withIndex { reader, q in
            #expect(reader.search(SearchQuery(vector: q, text: "zebra", course: "nope", k: 4)).isEmpty)
            #expect(reader.search(SearchQuery(vector: q, text: "zebra", course: "course", k: 4)).count == 4)
        }
    }
}
