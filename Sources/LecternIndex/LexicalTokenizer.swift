/// The terms of the lexical index, the same for documents and queries. A term is a maximal run
/// of letters, digits and combining marks (Unicode Alphabetic, or general category Nd, Nl, No,
/// Mn, Mc, Me), lower-cased scalar by scalar with the full Unicode lowercase mapping. Each
/// ideographic scalar is a term of its own, since CJK text has no spaces to end a run. No
/// normalization, stemming or stop words: BM25's idf already discounts common words.
public enum LexicalTokenizer {
    public static func terms(in text: String) -> [String] {
        var terms: [String] = []
        forEachTerm(in: text) { terms.append(String(decoding: $0, as: UTF8.self)) }
        return terms
    }

    /// Calls `body` with the UTF-8 bytes of each term in order.
    static func forEachTerm(in text: String, _ body: ([UInt8]) -> Void) {
        var term: [UInt8] = []
        term.reserveCapacity(32)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    term.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    term.append(byte | 0x20)
                default:
                    flush(&term, body)
                }
                continue
            }
            let properties = scalar.properties
            if properties.isIdeographic {
                flush(&term, body)
                term.append(contentsOf: String(scalar).utf8)
                flush(&term, body)
            } else if isTermScalar(properties) {
                term.append(contentsOf: properties.lowercaseMapping.utf8)
            } else {
                flush(&term, body)
            }
        }
        flush(&term, body)
    }

    private static func isTermScalar(_ properties: Unicode.Scalar.Properties) -> Bool {
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    private static func flush(_ term: inout [UInt8], _ body: ([UInt8]) -> Void) {
        guard !term.isEmpty else { return }
        body(term)
        term.removeAll(keepingCapacity: true)
    }
}
