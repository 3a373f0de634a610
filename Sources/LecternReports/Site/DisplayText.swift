/// Makes a string from logs or content safe to hand to a template, whatever it holds, before the
/// template's own HTML escaping:
/// - swift-mustache escapes `< > & " '` per Character, so a quote followed by a combining mark
///   (or preceded by a prepend mark) forms one Character and would pass unescaped: such a
///   special is isolated between word joiners (grapheme-cluster breaks) so it is escaped;
/// - NUL and other C0 controls show as their Control Pictures (␀, ␛), C1 controls as U+FFFD;
/// - bidirectional overrides and isolates show as `[U+202E]` instead of reordering the page;
/// - long values are cut for display (the page says how long the value was).
public enum DisplayText {
    public static let defaultLimit = 500

    public static func clean(_ text: String, limit: Int = defaultLimit) -> String {
        // Printable ASCII within the limit needs nothing: the common case, checked per byte.
        if text.utf8.count <= limit && text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x0A || $0 == 0x09 }) {
            return text
        }
        var out = String.UnicodeScalarView()
        var kept = 0
        var total = 0
        for character in text {
            total += 1
            guard kept < limit else { continue }
            kept += 1
            let scalars = character.unicodeScalars
            let isolate = scalars.count > 1 && scalars.contains(where: isHTMLSpecial)
            for scalar in scalars {
                if isolate && isHTMLSpecial(scalar) {
                    out.append("\u{2060}"); out.append(scalar); out.append("\u{2060}")
                } else {
                    append(scalar, to: &out)
                }
            }
        }
        var result = String(out)
        if total > limit { result += "… (\(total.formatted) characters)" }
        return result
    }

    static func isHTMLSpecial(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "<", ">", "&", "\"", "'": return true
        default: return false
        }
    }

    static func append(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        switch scalar.value {
        case 0x09, 0x0A: out.append(scalar)
        case 0x0D: out.append(" ")
        case 0x00..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: out.append("\u{2421}")
        case 0x80..<0xA0: out.append("\u{FFFD}")
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069:
            out.append(contentsOf: "[U+\(String(scalar.value, radix: 16, uppercase: true))]".unicodeScalars)
        default: out.append(scalar)
        }
    }
}

extension Int {
    /// 1234567 → "1,234,567" (the reports' number style, independent of the machine's locale).
    var formatted: String {
        let digits = String(magnitude)
        var out = ""
        for (n, digit) in digits.enumerated() {
            if n > 0 && (digits.count - n) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return self < 0 ? "-" + out : out
    }
}
