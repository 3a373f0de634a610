/// Keeps apart questions that embed close but ask different things: "undo a commit" vs "undo a
/// push". Each side's content words that the other lacks are compared by their own embeddings; a
/// word with no close counterpart on the other side is a different subject. When both sides have
/// such a word, the questions differ in what they are about, not just in how they are phrased.
/// Only adding words ("undo my last commit" vs "undo my last commit but keep my changes") is no
/// conflict: a longer phrasing of the same question often says more.
public struct LexicalCheck: Sendable {
    /// Two words at or above this cosine are treated as synonyms ("undo" and "revert").
    public var wordThreshold: Float
    let wordVectors: [String: [Float]]

    /// A side with this many content words that have no counterpart on the other side asks
    /// about more than the other, even when the other has nothing of its own.
    public var maxUnmatched: Int

    public init(wordVectors: [String: [Float]], wordThreshold: Float = 0.6, maxUnmatched: Int = 2) {
        self.wordVectors = wordVectors
        self.wordThreshold = wordThreshold
        self.maxUnmatched = maxUnmatched
    }

    public func conflicts(_ a: [String], _ b: [String]) -> Bool {
        let setA = Set(a), setB = Set(b)
        let onlyA = a.filter { !setB.contains($0) }, onlyB = b.filter { !setA.contains($0) }
        let unmatchedA = unmatched(onlyA, against: onlyB), unmatchedB = unmatched(onlyB, against: onlyA)
        return (unmatchedA > 0 && unmatchedB > 0) || unmatchedA >= maxUnmatched || unmatchedB >= maxUnmatched
    }

    func unmatched(_ words: [String], against others: [String]) -> Int {
        words.reduce(0) { count, word in
            guard let v = wordVectors[word] else { return count + 1 }
            let matched = others.contains { other in
                guard let u = wordVectors[other] else { return false }
                return VectorDot.dot(v, u) >= wordThreshold
            }
            return matched ? count : count + 1
        }
    }
}
