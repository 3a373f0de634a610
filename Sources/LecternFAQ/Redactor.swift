/// Replaces e-mail addresses, phone numbers and key-like strings with "[email]", "[phone]" and
/// "[key]", so that nothing a learner pasted by mistake reaches an FAQ file or page.
/// Works token by token on whitespace-separated words (keys and addresses never contain spaces);
/// phone numbers may span several tokens ("+46 70 123 45 67"), so digits runs are joined first.
public enum Redactor {
    public static func redact(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var i = 0
        while i < words.count {
            // A phone number: the longest run of tokens made of digits and phone punctuation
            // holding 7–15 digits in all.
            if let end = phoneRun(words, from: i) {
                out.append("[phone]" + trailingPunctuation(words[end - 1]))
                i = end
                continue
            }
            out.append(redactWord(words[i]))
            i += 1
        }
        return out.joined(separator: " ")
    }

    static func redactWord(_ word: String) -> String {
        let (lead, core, trail) = split(word)
        if core.isEmpty { return word }
        if isEmail(core) { return lead + "[email]" + trail }
        if isKey(core) { return lead + "[key]" + trail }
        return word
    }

    /// Leading brackets/quotes and trailing sentence punctuation stay, so "(mail me: a@b.se)."
    /// keeps its shape.
    static func split(_ word: String) -> (String, String, String) {
        let edge: Set<Character> = ["(", ")", "[", "]", "<", ">", "\"", "'", ",", ";", ".", "!", "?", ":", "`"]
        var core = Substring(word)
        var lead = "", trail = ""
        while let c = core.first, edge.contains(c) { lead.append(c); core.removeFirst() }
        while let c = core.last, edge.contains(c) { trail.insert(c, at: trail.startIndex); core.removeLast() }
        return (lead, String(core), trail)
    }

    static func trailingPunctuation(_ word: String) -> String {
        String(word.reversed().prefix { ".,;:!?)".contains($0) }.reversed())
    }

    static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return parts[1].allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
    }

    /// Known key prefixes, JWT-like three-part tokens, and any long token mixing letters and
    /// digits (≥ 20 characters), which no lesson word or command is.
    static func isKey(_ s: String) -> Bool {
        let prefixes = ["sk-", "sk_", "pk_", "rk_", "ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "xoxb-", "xoxp-", "AKIA", "ASIA", "AIza", "glpat-"]
        for prefix in prefixes where s.hasPrefix(prefix) && s.count >= prefix.count + 8 { return true }
        let pieces = s.split(separator: ".", omittingEmptySubsequences: false)
        if pieces.count == 3, s.hasPrefix("eyJ"), pieces.allSatisfy({ $0.count >= 4 && $0.allSatisfy(isTokenCharacter) }) { return true }
        guard s.count >= 20, s.allSatisfy(isTokenCharacter) else { return false }
        let hasLetter = s.contains { $0.isLetter }, hasDigit = s.contains { $0.isNumber }
        return hasLetter && hasDigit
    }

    static func isTokenCharacter(_ c: Character) -> Bool {
        (c.isASCII && (c.isLetter || c.isNumber)) || c == "-" || c == "_" || c == "=" || c == "+" || c == "/"
    }

    static func phoneRun(_ words: [String], from start: Int) -> Int? {
        var digits = 0
        var best: Int?
        var j = start
        while j < words.count {
            let w = words[j].trimmingTrailing(".,;:!?)")
            let leadTrimmed = w.drop { $0 == "(" }
            guard !leadTrimmed.isEmpty, leadTrimmed.allSatisfy({ $0.isASCII && ($0.isNumber || "+-().".contains($0)) }) else { break }
            let n = leadTrimmed.filter(\.isNumber).count
            // A first token without digits, or a lone "+" is not a start.
            if n == 0 && j == start { break }
            digits += n
            if digits > 15 { break }
            if digits >= 7 { best = j + 1 }
            j += 1
        }
        // Plain years, counts and versions are short; a 7+ digit run with one token that has
        // dots only ("1.2.3.4567") is a version, not a phone.
        if let end = best, end == start + 1, words[start].contains("."), !words[start].contains("-") { return nil }
        return best
    }
}

extension String {
    func trimmingTrailing(_ characters: String) -> String {
        var s = Substring(self)
        while let c = s.last, characters.contains(c) { s.removeLast() }
        return String(s)
    }
}
