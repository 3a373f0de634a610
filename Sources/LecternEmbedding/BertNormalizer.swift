// `@_spi(_Unicode)` gives the standard library's own canonical decomposition (NFD) without
// pulling Foundation and ICU into the small query binary.
@_spi(_Unicode) import Swift

/// The text clean-up and pre-tokenization of BERT's uncased tokenizer, scalar for scalar as the
/// reference (Hugging Face `tokenizers` `BertNormalizer` + `BertPreTokenizer`) does it:
/// drop NUL, U+FFFD and control/format characters; map white space to a space; put spaces around
/// CJK ideographs; decompose (NFD) and drop non-spacing marks; lower-case each scalar on its own;
/// then split on white space and isolate punctuation.
///
/// The reference classifies characters (control, non-spacing mark, punctuation) with Unicode 8.0
/// tables, so a scalar assigned after 8.0 belongs to none of those classes here either, and the
/// few scalars whose category changed since 8.0 keep their 8.0 class (found by comparing every
/// code point with the reference).
enum BertNormalizer {
    /// Other punctuation (Po) in Unicode 8.0, since re-categorized.
    static let punctuationInUnicode8: Set<UInt32> = [0x166D, 0x111C9]
    /// Non-spacing marks (Mn) in Unicode 8.0 that are now spacing marks (Mc).
    static let nonspacingInUnicode8: Set<UInt32> = [0x1734, 0x1171E]
    /// Letters or spacing marks in Unicode 8.0 that are now non-spacing marks.
    static let notNonspacingInUnicode8: Set<UInt32> = [0x1885, 0x1886, 0xA9BD, 0x111C9]

    /// Splits `text` into the words that WordPiece then cuts into pieces.
    static func words(_ text: String) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        func flush() {
            if !current.isEmpty {
                words.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        func emit(_ scalar: Unicode.Scalar) {
            if isWhitespace(scalar) {
                flush()
            } else if isPunctuation(scalar) {
                flush()
                words.append([scalar])
            } else {
                current.append(scalar)
            }
        }
        for scalar in cleaned(text) {
            // The lower-case mapping of one scalar may be several scalars (U+0130 is "i" + U+0307).
            if scalar.isASCII {
                emit(asciiLowercase(scalar))
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    emit(lower)
                }
            }
        }
        flush()
        return words
    }

    /// Clean-up, CJK spacing and accent stripping, before lower-casing.
    static func cleaned(_ text: String) -> [Unicode.Scalar] {
        var spaced = String.UnicodeScalarView()
        var isASCII = true
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                spaced.append(" ")
            } else if isCJKIdeograph(scalar) {
                spaced.append(" ")
                spaced.append(scalar)
                spaced.append(" ")
                isASCII = false
            } else {
                spaced.append(scalar)
                if !scalar.isASCII { isASCII = false }
            }
        }
        if isASCII { return Array(spaced) }
        var stripped: [Unicode.Scalar] = []
        stripped.reserveCapacity(spaced.count)
        for scalar in String(spaced)._nfd where !isNonspacingMark(scalar) {
            stripped.append(scalar)
        }
        return stripped
    }

    static func asciiLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (scalar.value >= 65 && scalar.value <= 90) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    /// True when the scalar existed in Unicode 8.0, the version of the reference's tables.
    static func knownToReference(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age else { return false }
        return age.major < 8 || (age.major == 8 && age.minor == 0)
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D: return true
        case 0..<0x80: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// Control, format, private-use and surrogate scalars, except tab, line feed and return.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0..<0x20, 0x7F: return true
        case 0x20..<0x7F: return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .privateUse, .surrogate: return knownToReference(scalar)
            default: return false
            }
        }
    }

    /// ASCII symbols count as punctuation (`$ + < = > ^ | ~` among them); elsewhere only the
    /// Unicode punctuation categories do (so `€ £ ©` and emoji do not).
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 {
            return (v >= 33 && v <= 47) || (v >= 58 && v <= 64) || (v >= 91 && v <= 96) || (v >= 123 && v <= 126)
        }
        if punctuationInUnicode8.contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return knownToReference(scalar)
        default:
            return false
        }
    }

    static func isNonspacingMark(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x300 { return false }
        if nonspacingInUnicode8.contains(scalar.value) { return true }
        if notNonspacingInUnicode8.contains(scalar.value) { return false }
        return scalar.properties.generalCategory == .nonspacingMark && knownToReference(scalar)
    }

    /// The CJK ideograph blocks the reference puts spaces around.
    static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
