import Foundation

/// The two forms of a text the patterns see. Hiding a phrase from a scanner is cheap (a
/// zero-width space inside a word, a Cyrillic "о", fullwidth letters, Unicode tag characters,
/// Markdown emphasis); each trick is undone here once, so no pattern has to spell it out.
enum GuardrailText {
    /// Case kept, invisible characters removed, tag characters decoded: for secrets.
    static func visible(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let decoded = decodedTag(scalar) {
                scalars.append(decoded)
            } else if !isInvisible(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// `visible`, then compatibility forms (NFKC), look-alike letters to Latin, lower case,
    /// typographic quotes to ASCII, emphasis marks dropped and white space collapsed: for phrases.
    static func normalized(_ text: String) -> String {
        let folded = visible(text).precomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if emphasis.contains(scalar) { continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(lookalikes[scalar] ?? scalar)
        }
        return String(out)
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B...0x200F, 0x202A...0x202E,
             0x2060...0x206F, 0x3164, 0xFE00...0xFE0F, 0xFEFF, 0xFFA0, 0x1D173...0x1D17A, 0xE0000, 0xE0001, 0xE0080...0xE0FFF:
            return true
        default:
            return false
        }
    }

    /// Unicode tag characters (U+E0020–U+E007E) shadow ASCII and render as nothing: text smuggled
    /// in them is read as the ASCII it stands for.
    static func decodedTag(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard (0xE0020...0xE007E).contains(scalar.value) else { return nil }
        return Unicode.Scalar(scalar.value - 0xE0000)
    }

    private static let emphasis: Set<Unicode.Scalar> = ["*", "~", "`"]

    private static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = {
        // Cyrillic and Greek letters that look like Latin ones (lower case, after lowercasing).
        let pairs: [(String, String)] = [
            ("а", "a"), ("в", "b"), ("е", "e"), ("ё", "e"), ("к", "k"), ("м", "m"), ("н", "h"), ("о", "o"), ("р", "p"),
            ("с", "c"), ("т", "t"), ("у", "y"), ("х", "x"), ("і", "i"), ("ї", "i"), ("ј", "j"), ("ѕ", "s"), ("ԁ", "d"),
            ("ԛ", "q"), ("ԝ", "w"), ("α", "a"), ("ε", "e"), ("ι", "i"), ("κ", "k"), ("ν", "v"), ("ο", "o"), ("ρ", "p"),
            ("τ", "t"), ("υ", "u"), ("χ", "x"), ("ɡ", "g"), ("ı", "i"), ("‘", "'"), ("’", "'"), ("“", "\""), ("”", "\""),
            ("‐", "-"), ("‑", "-"), ("–", "-"), ("—", "-"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (from, to) in pairs { map[from.unicodeScalars.first!] = to.unicodeScalars.first! }
        return map
    }()
}
