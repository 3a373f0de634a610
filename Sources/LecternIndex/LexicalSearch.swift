#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Okapi BM25 parameters.
enum BM25 {
    static let k1: Float = 1.2
    static let b: Float = 0.75

    /// The idf that stays positive for terms in more than half the documents (as in Lucene):
    /// ln(1 + (N − n + 0.5) / (n + 0.5)).
    static func idf(documents: Int, containing: Int) -> Float {
        Float(log(1 + (Double(documents) - Double(containing) + 0.5) / (Double(containing) + 0.5)))
    }
}

extension IndexReader {
    /// BM25 over the records passing `filter`. N, n and the average length are those of the
    /// whole index, so a chunk's score does not depend on the filter. Each distinct query term
    /// counts once.
    func lexicalHits(_ text: String, filter: RecordFilter, k: Int) -> [SearchHit] {
        var terms: [Int] = []
        var seen: Set<Int> = []
        LexicalTokenizer.forEachTerm(in: text) { bytes in
            if let t = lexicon.find(bytes), seen.insert(t).inserted { terms.append(t) }
        }
        guard !terms.isEmpty, lexicon.averageLength > 0 else { return [] }
        var scores = [Float](repeating: 0, count: count)
        var touched: [Int] = []
        let lengths = lexicon.lengths
        let lengthFactor = BM25.b / lexicon.averageLength
        let everything = filter.isEverything
        for t in terms {
            let idf = BM25.idf(documents: count, containing: Int(lexicon.documentFrequency[t]))
            lexicon.forEachPosting(of: t, count: count) { document, frequency in
                if !everything, !filter.matches(document) { return }
                let tf = Float(frequency)
                let norm = BM25.k1 * (1 - BM25.b + lengthFactor * Float(lengths[document]))
                if scores[document] == 0 { touched.append(document) }
                scores[document] += idf * tf * (BM25.k1 + 1) / (tf + norm)
            }
        }
        var best = TopK<Float>(capacity: k)
        for document in touched { best.insert(scores[document], document) }
        return best.sorted().map { SearchHit(index: $0.index, score: $0.score) }
    }
}
