extension IndexReader {
    /// RRF constant: the usual 60, which keeps a first place in one list from outweighing
    /// agreement between the two.
    static let fusionK = 60

    /// How deep each list is taken for fusion.
    static func fusionDepth(k: Int) -> Int { max(50, k) }

    /// Reciprocal-rank fusion: each record scores Σ 1/(60 + rank) over the lists it appears in,
    /// ranks counted from 1. A list that cannot be made (no usable vector, no known term) adds
    /// nothing.
    func hybridHits(vector: [Float]?, text: String?, filter: RecordFilter, k: Int) -> [SearchHit] {
        let depth = Self.fusionDepth(k: k)
        var lists: [[SearchHit]] = []
        if let vector { lists.append(denseHits(vector, filter: filter, k: depth)) }
        if let text { lists.append(lexicalHits(text, filter: filter, k: depth)) }
        var fused: [Int: Double] = [:]
        for list in lists {
            for (rank, hit) in list.enumerated() {
                fused[hit.index, default: 0] += 1 / Double(Self.fusionK + rank + 1)
            }
        }
        var best = TopK<Double>(capacity: k)
        for (index, score) in fused { best.insert(score, index) }
        return best.sorted().map { SearchHit(index: $0.index, score: Float($0.score)) }
    }
}
