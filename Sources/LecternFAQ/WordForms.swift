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

    /// A word with its root and, when it opens with a negating prefix, the roots of what follows
    /// ("unstage": "stag"), worked out once per word so a lesson's pairs of words compare cheaply.
    struct Form {
        let word: String
        let root: Substring
        let negated: [Substring]

        init(_ word: String) {
            self.word = word
            root = WordForms.root(word)
            negated = negations.compactMap { word.hasPrefix($0) && word.count - $0.count >= 3 ? WordForms.root(String(word.dropFirst($0.count))) : nil }
        }

        /// Same root, or one word (four letters or more) abbreviates the other.
        func isSameWord(as other: Form) -> Bool {
            if word == other.word || root == other.root { return true }
            return min(word.count, other.word.count) >= 4 && (word.hasPrefix(other.word) || other.word.hasPrefix(word))
        }

        /// One is the other with a negating prefix ("unstage" / "staged"), or they are antonyms.
        func isOpposite(of other: Form) -> Bool {
            negated.contains(other.root) || other.negated.contains(root) || antonyms.contains([root, other.root])
        }
    }
}
