extension IndexReader {
    /// How many int8 candidates are re-scored in float for a request of `k`.
    static func candidateDepth(k: Int) -> Int { max(k * 20, 200) }

    /// The query vector if it can be searched: the index's dimension, finite values.
    func usableVector(_ vector: [Float]?) -> [Float]? {
        guard let vector, dimension > 0, vector.count == dimension, vector.allSatisfy(\.isFinite) else { return nil }
        return vector
    }

    /// The first stage of dense search alone: the best `max(k·20, 200)` records by the integer
    /// dot product, scores being those integers. For benchmarks and diagnostics; `search` is the
    /// real thing. Empty when the query has no usable vector.
    public func denseCandidates(for query: SearchQuery) -> [SearchHit] {
        guard query.k > 0, count > 0, let vector = usableVector(query.vector) else { return [] }
        let filter = RecordFilter(course: query.course, lesson: query.lesson, facets: facets)
        guard !filter.matchesNothing else { return [] }
        return scan(vector, filter: filter, depth: Self.candidateDepth(k: query.k))
            .map { SearchHit(index: $0.index, score: Float($0.score)) }
    }

    func scan(_ vector: [Float], filter: RecordFilter, depth: Int) -> [(score: Int32, index: Int)] {
        scan(batch: [(vector, filter, depth)], records: 0..<count)[0]
    }

    /// Dense search: int8 candidates re-scored by the cosine between the float query and each
    /// candidate's de-quantized vector (code and refinement).
    func denseHits(_ vector: [Float], filter: RecordFilter, k: Int) -> [SearchHit] {
        rescored(scan(vector, filter: filter, depth: Self.candidateDepth(k: k)), vector: vector, k: k)
    }

    /// The best `k` of the int8 candidates by their float cosine with the query.
    func rescored(_ candidates: [(score: Int32, index: Int)], vector: [Float], k: Int) -> [SearchHit] {
        let rescorer = Rescorer(query: vector, offsets: paddedOffsets, scales: paddedScales, stride: stride)
        var best = TopK<Float>(capacity: k)
        for candidate in candidates {
            let score = rescorer.cosine(codes: vectors.baseAddress! + candidate.index * stride,
                                        refinements: refinements.baseAddress! + candidate.index * (stride / 4))
            best.insert(score, candidate.index)
        }
        return best.sorted().map { SearchHit(index: $0.index, score: $0.score) }
    }
}
