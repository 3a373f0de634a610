import LecternIndex
import Testing

@Suite struct DenseSearchTests {
    /// A unit vector at cosine `c` to the unit vector `q`: c·q + √(1−c²)·r, r ⟂ q.
    static func planted(_ q: [Float], cosine c: Float, random: inout SeededRandom) -> [Float] {
        let r = random.unitVector(q.count)
        let along = dot(r, q)
        let orthogonal = normalized(zip(r, q).map { $0 - along * $1 })
        return zip(q, orthogonal).map { c * $0 + (1 - c * c).squareRoot() * $1 }
    }

    @Test func findsThePlantedNeighboursInOrder() throws {
        var random = SeededRandom(state: 21)
        let q = random.unitVector(384)
        // Distractors: random directions, |cos| with q about 0.05 and never near 0.5.
        var records = (0..<3_000).map { record("noise\($0)", vector: random.unitVector(384)) }
        let cosines: [Float] = [0.95, 0.9, 0.85, 0.8, 0.75, 0.7]
        var plantedAt: [Int] = []
        for (rank, c) in cosines.enumerated() {
            let position = 400 * rank + 123
            records.insert(record("near\(rank)", vector: Self.planted(q, cosine: c, random: &random)), at: position)
        }
        for rank in cosines.indices { plantedAt.append(records.firstIndex { $0.chunkID == "near\(rank)" }!) }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            let hits = reader.search(SearchQuery(vector: q, k: 6, mode: .dense))
            #expect(hits.map(\.index) == plantedAt)
            for (hit, c) in zip(hits, cosines) {
                #expect(abs(hit.score - c) < 0.01, "cosine \(hit.score) for a neighbour planted at \(c)")
            }
            // The int8 stage alone already ranks them first.
            let candidates = reader.denseCandidates(for: SearchQuery(vector: q, k: 6, mode: .dense))
            #expect(candidates.count == 200)
            #expect(Array(candidates.prefix(6).map(\.index)) == plantedAt)
        }
    }

    @Test func everyRecordFindsItselfFirst() throws {
        var random = SeededRandom(state: 22)
        let records = (0..<500).map { record("r\($0)", vector: random.unitVector(64)) }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            for (i, r) in records.enumerated() {
                let hits = reader.search(SearchQuery(vector: r.vector, k: 3, mode: .dense))
                #expect(hits.first?.index == i)
                #expect(hits.first.map { $0.score > 0.995 } == true)
                #expect(hits.count == 3 && hits[0].score >= hits[1].score && hits[1].score >= hits[2].score)
            }
        }
    }

    @Test func matchesExactBruteForceOnRandomData() throws {
        var random = SeededRandom(state: 23)
        let records = (0..<2_000).map { record("r\($0)", vector: random.unitVector(96)) }
        try withTemporaryDirectory { dir in
            try IndexWriter.write(records, modelID: "m", to: dir + "/index")
            let reader = try IndexReader(path: dir + "/index")
            var found = 0
            for _ in 0..<50 {
                let q = random.unitVector(96)
                let exact = records.indices.sorted { dot(records[$0].vector, q) > dot(records[$1].vector, q) }.prefix(10)
                let hits = reader.search(SearchQuery(vector: q, k: 10, mode: .dense))
                found += Set(hits.map(\.index)).intersection(exact).count
            }
            #expect(Double(found) / 500 >= 0.97)
        }
    }
}
