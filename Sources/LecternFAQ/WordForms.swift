/// Words that are spelt as forms of one another: "staged" / "staging" / "unstage", "commit" /
/// "uncommitted", "forgot" / "forgotten", "dict" / "dictionary". MiniLM embeds such single words
/// far apart more often than synonyms (staged and unstage: 0.30), yet a learner who writes one
/// and a learner who writes the other ask about the same thing.
enum WordForms {
    /// One ending each, longest first, then a doubled final consonant undone ("committ" → "commit").
    static let endings = ["ing", "ed", "es", "en", "ion", "ment", "ly", "s", "e"]

    static func root(_ word: String) -> Substring {
        var w = Substring(word)
        if w.hasPrefix("un") && w.count > 5 { w = w.dropFirst(2) }
        for ending in endings where w.hasSuffix(ending) && w.count - ending.count >= 3 {
            w = w.dropLast(ending.count)
            break
        }
        let chars = Array(w)
        if chars.count > 3, chars[chars.count - 1] == chars[chars.count - 2], !"aeiou".contains(chars[chars.count - 1]) {
            w = w.dropLast()
        }
        return w
    }

    /// Same root, or one word (four letters or more) abbreviates the other.
    static func sameWord(_ a: String, _ b: String) -> Bool {
        if a == b || root(a) == root(b) { return true }
        return min(a.count, b.count) >= 4 && (a.hasPrefix(b) || b.hasPrefix(a))
    }
}
