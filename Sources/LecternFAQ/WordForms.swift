/// Words that are spelt as forms of one another: "staged" / "staging", "committed" / "commits",
/// "forgot" / "forgotten", "dict" / "dictionary". MiniLM embeds such single words far apart more
/// often than synonyms, yet a learner who writes one and a learner who writes the other ask about
/// the same thing. A negating prefix is the other way round: "stage" / "unstage" and "commit" /
/// "uncommit" embed close and ask opposite things.
enum WordForms {
    /// One ending each, longest first, then a doubled final consonant undone ("committ" → "commit").
    static let endings = ["ing", "ed", "es", "en", "ion", "ment", "ly", "s", "e"]

    static func root(_ word: String) -> Substring {
        var w = Substring(word)
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

    static let negations = ["un", "dis", "non"]

    /// Opposites that embed as close as synonyms (add / remove: a learner asking one does not
    /// ask the other): common antonyms of actions and directions, as pairs of roots.
    static let antonyms: Set<[Substring]> = {
        let pairs = [("add", "remove"), ("add", "delete"), ("insert", "remove"), ("insert", "delete"), ("create", "delete"),
                     ("create", "destroy"), ("start", "stop"), ("open", "close"), ("show", "hide"), ("push", "pull"),
                     ("upload", "download"), ("import", "export"), ("include", "exclude"), ("increase", "decrease"),
                     ("ascending", "descending"), ("encrypt", "decrypt"), ("encode", "decode"), ("read", "write"), ("get", "set"),
                     ("min", "max"), ("minimum", "maximum"), ("first", "last"), ("enable", "disable"), ("join", "split"),
                     ("merge", "split"), ("attach", "detach"), ("save", "discard"), ("accept", "reject"), ("allow", "deny"),
                     ("allow", "block"), ("grant", "revoke"), ("login", "logout"), ("keep", "discard"), ("keep", "lose")]
        return Set(pairs.flatMap { [[root($0.0), root($0.1)], [root($0.1), root($0.0)]] })
    }()

    /// One is the other with a negating prefix ("unstage" / "staged"), or they are antonyms.
    static func opposite(_ a: String, _ b: String) -> Bool {
        func negates(_ x: String, _ y: String) -> Bool {
            negations.contains { x.hasPrefix($0) && x.count - $0.count >= 3 && root(String(x.dropFirst($0.count))) == root(y) }
        }
        return negates(a, b) || negates(b, a) || antonyms.contains([root(a), root(b)])
    }
}
