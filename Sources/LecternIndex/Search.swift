extension IndexReader {
    /// The top `query.k` records, best first. Defined for every input: k ≤ 0, an empty index, a
    /// filter naming an unknown course or lesson, or a query with neither a usable vector nor a
    /// known term give no hits; k beyond the matches gives all of them.
    public func search(_ query: SearchQuery) -> [SearchHit] {
        guard query.k > 0, count > 0 else { return [] }
        let filter = RecordFilter(course: query.course, lesson: query.lesson, facets: facets)
        guard !filter.matchesNothing else { return [] }
        let k = min(query.k, count)
        switch query.mode {
        case .dense:
            guard let vector = usableVector(query.vector) else { return [] }
            return denseHits(vector, filter: filter, k: k)
        case .lexical:
            guard let text = query.text else { return [] }
            return lexicalHits(text, filter: filter, k: k)
        case .hybrid:
            return hybridHits(vector: usableVector(query.vector), text: query.text, filter: filter, k: k)
        }
    }
}
