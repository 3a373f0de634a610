/// Replaces e-mail addresses, phone numbers and key-like strings with "[email]", "[phone]" and
/// "[key]", so that nothing a learner pasted by mistake reaches an FAQ file or page.
/// Works token by token on whitespace-separated words (keys and addresses never contain spaces);
/// phone numbers may span several tokens ("+46 70 123 45 67"), so digits runs are joined first.
public enum Redactor {
    public static func redact(_ text: String) -> String {
        // Every address has an "@", every phone number digits, every key digits or a "-" / "_"
        // (sk-…, ghp_…), every "password=…" a sign: text with none of them is returned as it
        // is, without splitting it into words.
        guard text.utf8.contains(where: Self.mayStartSecret) else { return text }
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

    static func mayStartSecret(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "@"), UInt8(ascii: "="), UInt8(ascii: ":"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    static func redactWord(_ word: String) -> String {
        let (lead, core, trail) = split(word)
        if core.isEmpty { return word }
        if isEmail(core) { return lead + "[email]" + trail }
        if isKey(core) { return lead + "[key]" + trail }
        if let name = secretAssignment(core) { return lead + name + "[key]" + trail }
        return word
    }

    /// Names whose value is a secret however short: "password=hunter2", "api_key:abc123".
    static let secretNames: Set<String> = ["password", "passwd", "pwd", "pass", "secret", "token", "apikey", "api_key",
                                           "api-key", "access_token", "auth", "authorization", "client_secret", "private_key"]

    /// "password=hunter2" → "password=": the name and its sign, when a value follows.
    static func secretAssignment(_ s: String) -> String? {
        guard let sign = s.firstIndex(where: { $0 == "=" || $0 == ":" }), s.index(after: sign) < s.endIndex,
              secretNames.contains(s[..<sign].lowercased()) else { return nil }
        return String(s[...sign])
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
        // dots only ("1.2.3.4567") is a version, not a phone, unless its groups are a phone's
        // (555.123.4567, 06.12.34.56.78).
        if let end = best, end == start + 1, words[start].contains("."), !words[start].contains("-"),
           !dottedPhone(words[start].trimmingTrailing(".,;:!?)")) { return nil }
        return best
    }
}

extension Redactor {
    /// Digit groups of a North American (3.3.4) or a French-style (2.2.2.2.2) number; an IPv4 address
    /// (up to 3 digits in each of 4 groups) is none.
    static func dottedPhone(_ token: String) -> Bool {
        let groups = token.drop { $0 == "(" || $0 == "+" }.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return false }
        let lengths = groups.map(\.count)
        return lengths == [3, 3, 4] || (lengths.count == 5 && lengths.allSatisfy { $0 == 2 })
    }
}

private extension String {
    func trimmingTrailing(_ characters: String) -> String {
        var s = Substring(self)
        while let c = s.last, characters.contains(c) { s.removeLast() }
        return String(s)
    }
}
