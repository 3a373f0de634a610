/// Lower-cased words and the forms used to compare questions: the exact-repeat key (words joined
/// by one space) and content words (stop words dropped, a light plural/-ing/-ed stem), so that
/// "How do I undo my commits?" and "how do i undo my commit" compare as they should.
public enum TextNormalizer {
    /// Lower-cased runs of letters, digits and the characters that belong inside code words
    /// (`--staged`, `*args`, `__init__`, `e-mail`); apostrophes are dropped ("can't" → "cant").
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" { continue }
            let c = Character(scalar)
            if c.isLetter || c.isNumber || c == "_" || (c == "-" && !current.isEmpty) || c == "*" || (c == "-" && current.isEmpty) {
                current.append(c)
            } else if !current.isEmpty {
                out.append(trim(current))
                current = ""
            }
        }
        if !current.isEmpty { out.append(trim(current)) }
        return out.filter { !$0.isEmpty }
    }

    static func trim(_ word: String) -> String {
        // A lone or trailing "-" is punctuation; a leading "--" (a flag) is kept.
        var w = Substring(word)
        while w.last == "-" { w.removeLast() }
        if w.allSatisfy({ $0 == "-" || $0 == "*" }) { return "" }
        return String(w)
    }

    /// The key under which exact repeats are merged before anything is embedded.
    public static func key(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "i", "me", "my", "mine", "we", "our", "you", "your", "it", "its", "this", "that", "these",
        "those", "is", "are", "am", "was", "were", "be", "been", "being", "do", "does", "did", "doing", "done", "have",
        "has", "had", "having", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "how",
        "what", "why", "when", "where", "which", "who", "whom", "whose", "of", "to", "in", "on", "at", "by", "for",
        "with", "from", "into", "onto", "about", "as", "and", "or", "but", "if", "then", "so", "than", "there",
        "here", "way", "ways", "some", "any", "all", "just", "really", "actually", "please", "exactly", "one",
        "there", "get", "go", "make", "use", "using", "used", "need", "want", "wanna", "im", "ive", "id", "dont",
        "cant", "isnt", "doesnt", "whats", "hows", "thing", "things", "something", "anything", "again", "also",
        "up", "out", "not", "no", "yes", "kind", "sort", "mean", "means", "meaning", "tell", "explain", "show",
        "help", "possible", "correct", "right", "properly", "best", "good", "idea", "question", "still", "even",
        "only", "very", "too", "much", "many", "more", "most", "other", "another", "same", "own", "each", "every",
        "happen", "happens", "work", "works", "working", "like", "know", "okay", "ok", "hi", "hello", "hey",
        "thanks", "thank", "us", "them", "they", "their", "he", "she", "his", "her", "let", "lets", "try", "trying",
        // How a question is framed ("the difference between A and B", "A vs B", "A instead of B"), not what it asks.
        "difference", "differences", "different", "between", "vs", "versus", "instead", "compare", "comparison",
        // Prepositions, time adverbs and light verbs: they shape a sentence and rarely tell two intents apart.
        "over", "through", "before", "after", "within", "under", "above", "below", "across", "along", "around",
        "during", "until", "via", "per", "whether", "already", "ago", "back", "away", "ever", "always", "later",
        "soon", "now", "yet", "together", "else", "rather", "maybe", "perhaps", "quite", "almost", "enough", "see",
        "take", "put", "give", "come", "got", "getting", "given",
    ]

    /// Content words, stemmed, in first-seen order without repeats.
    public static func contentWords(_ text: String) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for word in words(text) where !stopWords.contains(word) {
            let s = stem(word)
            if !s.isEmpty, seen.insert(s).inserted { out.append(s) }
        }
        return out
    }

    /// A deliberately light stem, plurals only: the stem is also what the lexical check embeds,
    /// and "staging" → "stag" would embed as another word.
    static func stem(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy({ $0.isLetter }), word.hasSuffix("s"), !word.hasSuffix("ss") else { return word }
        if word.hasSuffix("ies") && word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("shes") || word.hasSuffix("ches") || word.hasSuffix("xes") || word.hasSuffix("sses") {
            return String(word.dropLast(2))
        }
        return String(word.dropLast())
    }
}
