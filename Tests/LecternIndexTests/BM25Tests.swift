import Foundation
import LecternIndex
import Testing

/// Scores against Okapi BM25 worked out from the counts by hand:
/// score = Σ idf(t) · tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)), idf = ln(1 + (N − n + 0.5)/(n + 0.5)).
@Suite struct BM25Tests {
    static let texts = [
        "The cat sat on the mat.",           // the ×2, cat, sat, on, mat: 6 terms
        "The DOG chased the cat!",           // the ×2, dog, chased, cat: 5 terms
        "Dogs and cats.",                    // dogs, and, cats: 3 terms (no "dog", no "cat")
        "A cat and a dog, and a bird.",      // a ×3, cat, and ×2, dog, bird: 8 terms
    ]
    static let n = 4.0
    static let averageLength = (6.0 + 5 + 3 + 8) / 4

    static func idf(_ containing: Double) -> Double { log(1 + (n - containing + 0.5) / (containing + 0.5)) }

    static func term(tf: Double, length: Double, containing: Double) -> Double {
        idf(containing) * tf * 2.2 / (tf + 1.2 * (1 - 0.75 + 0.75 * length / averageLength))
    }

    func search(_ text: String, k: Int = 10) throws -> [SearchHit] {
        var random = SeededRandom(state: 31)
        let records = Self.texts.enumerated().map { record("d\($0.offset)", text: $0.element, vector: random.unitVector(8)) }
        return try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            return try IndexReader(path: dir + "/index").search(SearchQuery(text: text, k: k, mode: .lexical))
        }
    }

    func expect(_ hits: [SearchHit], _ expected: [(index: Int, score: Double)]) {
        #expect(hits.map(\.index) == expected.map(\.index))
        for (hit, want) in zip(hits, expected) {
            #expect(abs(Double(hit.score) - want.score) < 1e-5 * max(1, want.score), "document \(hit.index)")
        }
    }

    @Test func twoTermQuery() throws {
        // cat: in d0, d1, d3 (n = 3); dog: in d1, d3 (n = 2); each tf 1.
        let d0 = Self.term(tf: 1, length: 6, containing: 3)
        let d1 = Self.term(tf: 1, length: 5, containing: 3) + Self.term(tf: 1, length: 5, containing: 2)
        let d3 = Self.term(tf: 1, length: 8, containing: 3) + Self.term(tf: 1, length: 8, containing: 2)
        let expected = [(0, d0), (1, d1), (3, d3)].sorted { $0.1 > $1.1 }
        expect(try search("Cat? dog!"), expected.map { (index: $0.0, score: $0.1) })
    }

    @Test func termFrequencyAndLength() throws {
        // "the": tf 2 in d0 (length 6) and tf 2 in d1 (length 5), n = 2; the shorter scores higher.
        let d0 = Self.term(tf: 2, length: 6, containing: 2)
        let d1 = Self.term(tf: 2, length: 5, containing: 2)
        expect(try search("THE"), [(1, d1), (0, d0)])
        // "and": tf 2 in d3 (length 8), tf 1 in d2 (length 3), n = 2.
        let and3 = Self.term(tf: 2, length: 8, containing: 2)
        let and2 = Self.term(tf: 1, length: 3, containing: 2)
        expect(try search("and"), [(index: 2, score: and2), (index: 3, score: and3)].sorted { $0.score > $1.score })
    }

    @Test func repeatedQueryTermsCountOnceAndUnknownTermsAddNothing() throws {
        let d3 = Self.term(tf: 1, length: 8, containing: 1)  // "bird": only d3
        expect(try search("bird bird BIRD zebra"), [(3, d3)])
    }

    @Test func noHitsForEmptyOrUnknownText() throws {
        #expect(try search("").isEmpty)
        #expect(try search("?!  ...").isEmpty)
        #expect(try search("zebra").isEmpty)
    }

    @Test func titleAndHeadingsAreSearchable() throws {
        var random = SeededRandom(state: 32)
        let records = [
            record("a", text: "plain words", vector: random.unitVector(8), title: "Rebasing", headings: ["Branches"]),
            record("b", text: "other words", vector: random.unitVector(8)),
        ]
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            #expect(reader.search(SearchQuery(text: "rebasing", mode: .lexical)).map(\.index) == [0])
            #expect(reader.search(SearchQuery(text: "branches", mode: .lexical)).map(\.index) == [0])
        }
    }
}
