import Foundation

public struct GuardrailFinding: Sendable, Equatable {
    public var type: GuardrailType
    public var pattern: String
    /// The match with some context; a secret's value is masked.
    public var snippet: String
    /// The same finding met twice (in a chunk and in the page's raw text) has the same key.
    public var key: String
}

/// Checks text against the patterns. Stateless and cheap to copy.
public struct GuardrailScanner: Sendable {
    public let patterns: GuardrailPatterns
    static let context = 40

    public init(patterns: GuardrailPatterns) {
        self.patterns = patterns
    }

    public func scan(_ text: String) -> [GuardrailFinding] {
        guard !text.isEmpty else { return [] }
        let normalized = GuardrailText.normalized(text)
        let visible = GuardrailText.visible(text)
        let normalizedBytes = Array(normalized.utf8)
        let visibleLowered = Array(visible.lowercased().utf8)
        var findings: [GuardrailFinding] = []
        var keys = Set<String>()
        for pattern in patterns.patterns {
            if let needs = pattern.needs {
                let haystack = pattern.type == .injection ? normalizedBytes : visibleLowered
                guard needs.contains(where: { Self.contains(haystack, $0) }) else { continue }
            }
            let subject = pattern.type == .injection ? normalized : visible
            let ns = subject as NSString
            for match in pattern.regex.matches(in: subject, range: NSRange(location: 0, length: ns.length)) {
                let valueRange = match.range(withName: "value")
                let hasValue = valueRange.location != NSNotFound
                let value = ns.substring(with: hasValue ? valueRange : match.range)
                if pattern.type == .sensitive, !isSecretLike(value, pattern: pattern) { continue }
                let whole = ns.substring(with: match.range)
                let key = pattern.name + ":" + whole.lowercased()
                guard keys.insert(key).inserted else { continue }
                findings.append(GuardrailFinding(type: pattern.type, pattern: pattern.name,
                                                 snippet: snippet(ns, match: match.range, mask: pattern.type == .sensitive ? (hasValue ? valueRange : match.range) : nil),
                                                 key: key))
            }
        }
        return findings
    }

    /// Not a placeholder and, when the pattern asks, random enough to be a real key.
    func isSecretLike(_ value: String, pattern: GuardrailPattern) -> Bool {
        let lowered = value.lowercased()
        if patterns.placeholders.contains(where: { lowered.contains($0) }) { return false }
        if let minimum = pattern.minimumEntropy, Self.entropy(value) < minimum { return false }
        return true
    }

    /// Byte-wise substring test; NSRegularExpression costs far more per call than this loop.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// Runs of 16 or more key-like characters (letters, digits, `+/=_-`) cut to their first four.
    static func maskingKeyLikeRuns(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            out += run.count >= 16 ? String(run.prefix(4)) + "…" : run
            run = ""
        }
        for c in text {
            if c.isASCII && (c.isLetter || c.isNumber || "+/=_-".contains(c)) {
                run.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }

    /// Shannon entropy in bits per character.
    static func entropy(_ value: String) -> Double {
        var counts: [Character: Int] = [:]
        for c in value { counts[c, default: 0] += 1 }
        let n = Double(value.count)
        return counts.values.reduce(0) { sum, count in
            let p = Double(count) / n
            return sum - p * log2(p)
        }
    }

    private func snippet(_ text: NSString, match: NSRange, mask: NSRange?) -> String {
        let start = max(0, match.location - Self.context)
        let end = min(text.length, match.location + match.length + Self.context)
        func part(_ from: Int, _ to: Int) -> String { to > from ? text.substring(with: NSRange(location: from, length: to - from)) : "" }
        var body: String
        if let mask {
            let secret = text.substring(with: mask)
            let shown = String(secret.prefix(4)) + "…[\(secret.count) characters hidden]"
            // The context may hold more of the same secret (the next lines of a private key).
            body = Self.maskingKeyLikeRuns(part(start, mask.location)) + shown
                + Self.maskingKeyLikeRuns(part(mask.location + mask.length, end))
        } else {
            body = part(start, end)
        }
        body = body.split(whereSeparator: \.isNewline).joined(separator: " ")
        return (start > 0 ? "…" : "") + body + (end < text.length ? "…" : "")
    }
}
