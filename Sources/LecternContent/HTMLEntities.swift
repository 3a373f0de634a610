/// Character references in text taken from HTML: numeric ones, and the named ones that editors
/// actually write (the Latin-1 set, typography, arrows, maths, Greek). A reference that is not
/// known stays as written, so nothing is silently lost.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while let ampersand = text[index...].firstIndex(of: "&") {
            result += text[index..<ampersand]
            let afterAmpersand = text.index(after: ampersand)
            let limit = text.index(afterAmpersand, offsetBy: 32, limitedBy: text.endIndex) ?? text.endIndex
            if let semicolon = text[afterAmpersand..<limit].firstIndex(of: ";"),
               let scalar = scalar(for: text[afterAmpersand..<semicolon]) {
                // A no-break space is a space to every later step; keeping U+00A0 only hurts search.
                result.unicodeScalars.append(scalar == "\u{A0}" ? " " : scalar)
                index = text.index(after: semicolon)
            } else {
                result.append("&")
                index = afterAmpersand
            }
        }
        result += text[index...]
        return result
    }

    private static func scalar(for reference: Substring) -> Unicode.Scalar? {
        if reference.hasPrefix("#") {
            let digits = reference.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value else { return nil }
            if value == 0 { return "\u{FFFD}" }
            // Browsers read C1 code points in references as windows-1252; so do we.
            if (0x80...0x9F).contains(value), let mapped = TextDecoding.windows1252Scalar(UInt8(value)) { return mapped }
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        }
        return named[String(reference)].flatMap { Unicode.Scalar($0) }
    }

    private static let named: [String: UInt32] = {
        var table: [String: UInt32] = [
            "quot": 34, "amp": 38, "apos": 39, "lt": 60, "gt": 62,
            "OElig": 338, "oelig": 339, "Scaron": 352, "scaron": 353, "Yuml": 376, "fnof": 402,
            "circ": 710, "tilde": 732, "ensp": 8194, "emsp": 8195, "thinsp": 8201, "zwnj": 8204,
            "zwj": 8205, "lrm": 8206, "rlm": 8207, "ndash": 8211, "mdash": 8212, "lsquo": 8216,
            "rsquo": 8217, "sbquo": 8218, "ldquo": 8220, "rdquo": 8221, "bdquo": 8222, "dagger": 8224,
            "Dagger": 8225, "bull": 8226, "hellip": 8230, "permil": 8240, "prime": 8242, "Prime": 8243,
            "lsaquo": 8249, "rsaquo": 8250, "oline": 8254, "frasl": 8260, "euro": 8364, "trade": 8482,
            "larr": 8592, "uarr": 8593, "rarr": 8594, "darr": 8595, "harr": 8596, "lArr": 8656,
            "uArr": 8657, "rArr": 8658, "dArr": 8659, "hArr": 8660, "forall": 8704, "part": 8706,
            "exist": 8707, "empty": 8709, "nabla": 8711, "isin": 8712, "notin": 8713, "ni": 8715,
            "prod": 8719, "sum": 8721, "minus": 8722, "lowast": 8727, "radic": 8730, "prop": 8733,
            "infin": 8734, "ang": 8736, "and": 8743, "or": 8744, "cap": 8745, "cup": 8746, "int": 8747,
            "there4": 8756, "sim": 8764, "cong": 8773, "asymp": 8776, "ne": 8800, "equiv": 8801,
            "le": 8804, "ge": 8805, "sub": 8834, "sup": 8835, "sube": 8838, "supe": 8839,
            "oplus": 8853, "otimes": 8855, "perp": 8869, "sdot": 8901, "loz": 9674, "spades": 9824,
            "clubs": 9827, "hearts": 9829, "diams": 9830, "check": 10003, "cross": 10007,
        ]
        // U+00A0 to U+00FF in order: the Latin-1 names are a contiguous run.
        let latin1 = """
            nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn \
            sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave \
            Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml \
            ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN \
            szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute \
            icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml \
            yacute thorn yuml
            """
        for (offset, name) in latin1.split(separator: " ").enumerated() { table[String(name)] = 0xA0 + UInt32(offset) }
        let greek = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega"
        for (offset, name) in greek.split(separator: " ").enumerated() {
            table[String(name)] = 0x3B1 + UInt32(offset)
            // Capitals have no final sigma, so U+03A2 is unassigned and never named.
            if name != "sigmaf" { table[name.prefix(1).uppercased() + name.dropFirst()] = 0x391 + UInt32(offset) }
        }
        return table
    }()
}
