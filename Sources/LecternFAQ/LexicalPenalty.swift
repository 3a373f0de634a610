/// How much two phrasings' differing content words lower their cosine. Close intents embed close
/// ("undo a commit" / "undo a push": the sentence cosine is often higher than between true
/// paraphrases), so the words decide: a word one side has and the other lacks, with no synonym or
/// other form of it on the other side, counts by its salience, its cosine to its own sentence.
/// "descending" in "sort a list in descending order" is salient; "made" in "a commit I just made"
/// is not (0.07), so "my last commit" and "a commit I just made" stay one question. Unlike a yes/no
/// check this lets a very close pair survive one incidental word, and a merely close pair not.
public struct LexicalPenalty: Sendable {
    /// Word cosine at which two differing words start to count as the same (`from`) and fully do
    /// (`to`); in between they are partly matched. MiniLM puts synonyms ("delete"/"remove" 0.76)
    /// and related subjects ("push"/"commit" 0.51) in one band, so no single cut is right.
    public var synonymFrom: Float = 0.35
    public var synonymTo: Float = 0.75
    /// Cosine lost per unit of unmatched salience, summed over both sides' unmatched words.
    public var perSalience: Float = 0.4
    /// The salience given a word the model has no vector for: taken as one that matters.
    public var salientWord: Float = 0.35

    public init() {}

    /// The content words of one lesson's phrasings as ids, with their saliences and the match of
    /// every pair of the lesson's words, computed once.
    struct Lesson {
        var words: [[Int]]
        var salience: [[Float]]
        var match: [Float]
        var vocabulary: Int
        /// The match of two opposite words ("add" / "remove", "stage" / "unstage").
        static let opposite: Float = -1

        init(contentWords: [[String]], vectors: UnsafeBufferPointer<Float>, dimension d: Int,
             wordVectors: [String: [Float]], weights: LexicalPenalty) {
            var ids: [String: Int] = [:]
            var vocabulary: [String] = []
            words = contentWords.map { list in
                list.map { w in
                    if let id = ids[w] { return id }
                    ids[w] = vocabulary.count
                    vocabulary.append(w)
                    return vocabulary.count - 1
                }
            }
            let v = vocabulary.count
            self.vocabulary = v
            var match = [Float](repeating: 0, count: v * v)
            let forms = vocabulary.map(WordForms.Form.init)
            for a in 0..<v {
                match[a * v + a] = 1
                for b in (a + 1)..<max(a + 1, v) {
                    var m: Float = 0
                    if forms[a].isOpposite(of: forms[b]) {
                        m = Lesson.opposite
                    } else if forms[a].isSameWord(as: forms[b]) {
                        m = 1
                    } else if let x = wordVectors[vocabulary[a]], let y = wordVectors[vocabulary[b]] {
                        let s = VectorDot.dot(x, y)
                        m = min(1, max(0, (s - weights.synonymFrom) / (weights.synonymTo - weights.synonymFrom)))
                    }
                    match[a * v + b] = m
                    match[b * v + a] = m
                }
            }
            self.match = match
            salience = contentWords.enumerated().map { i, list in
                let sentence = UnsafeBufferPointer(rebasing: vectors[(i * d)..<((i + 1) * d)])
                return list.map { w in
                    guard let x = wordVectors[w] else { return weights.salientWord }
                    return x.withUnsafeBufferPointer { max(0, VectorDot.dot($0, sentence)) }
                }
            }
        }
    }

    func penalty(_ i: Int, _ j: Int, in lesson: Lesson) -> Float {
        var total: Float = 0, opposed = false
        let a = lesson.words[i], b = lesson.words[j]
        func side(_ own: [Int], _ ownSalience: [Float], _ other: [Int]) {
            for (k, w) in own.enumerated() where !other.contains(w) {
                var best: Float = 0
                for o in other where !own.contains(o) {
                    let m = lesson.match[w * lesson.vocabulary + o]
                    if m == Lesson.opposite { opposed = true }
                    best = max(best, m)
                }
                total += ownSalience[k] * (1 - best)
            }
        }
        side(a, lesson.salience[i], b)
        side(b, lesson.salience[j], a)
        // "add a file to the staging area" / "remove a file from it": one pair of opposites and
        // the rest alike embeds very close, and asks the opposite.
        if opposed { return 1 }
        return perSalience * total
    }
}
