import Foundation

/// Bytes to text. libxml2 turns a whole page into Latin-1 after one bad UTF-8 byte, and older
/// lesson pages are often windows-1252, so text is decoded here first: a byte-order mark wins,
/// then a declared charset, then UTF-8 when the bytes are valid UTF-8, else windows-1252 (which
/// also reads Latin-1 and ASCII).
enum TextDecoding {
    enum Charset: Sendable, Equatable {
        case utf8, utf16LittleEndian, utf16BigEndian, windows1252, latin9
    }

    static func decode(_ bytes: [UInt8], declared label: String? = nil) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        if bytes.starts(with: [0xFF, 0xFE]) { return decode(bytes.dropFirst(2), as: .utf16LittleEndian) }
        if bytes.starts(with: [0xFE, 0xFF]) { return decode(bytes.dropFirst(2), as: .utf16BigEndian) }
        if let label, let charset = charset(named: label) { return decode(bytes[...], as: charset) }
        return decode(bytes[...], as: isValidUTF8(bytes) ? .utf8 : .windows1252)
    }

    /// An HTML page: as `decode`, with the charset taken from a `<meta>` near the top.
    static func decodeHTML(_ bytes: [UInt8]) -> String {
        decode(bytes, declared: declaredCharset(inHTML: bytes))
    }

    static func charset(named label: String) -> Charset? {
        switch label.trimmingWhitespace().lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8":
            return .utf8
        // Browsers read all of these as windows-1252; pages labelled Latin-1 rely on it.
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
             "l1", "cp819", "ibm819", "iso-ir-100", "us-ascii", "ascii":
            return .windows1252
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9", "l9":
            return .latin9
        default:
            return nil
        }
    }

    /// The charset a page declares in `<meta charset>` or `<meta http-equiv … content="…;
    /// charset=…">`, looked for in the first few kilobytes as browsers do.
    static func declaredCharset(inHTML bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : UInt8(ascii: " ") }, as: UTF8.self).lowercased()
        var searchStart = head.startIndex
        while let meta = head.range(of: "<meta", range: searchStart..<head.endIndex) {
            let tagEnd = head[meta.upperBound...].firstIndex(of: ">") ?? head.endIndex
            let tag = head[meta.upperBound..<tagEnd]
            if let key = tag.range(of: "charset") {
                var value = tag[key.upperBound...].drop(while: { $0 == " " })
                if value.first == "=" {
                    value = value.dropFirst().drop(while: { $0 == " " || $0 == "\"" || $0 == "'" })
                    let label = value.prefix(while: { !" \"';/>".contains($0) })
                    if !label.isEmpty { return String(label) }
                }
            }
            searchStart = tagEnd
        }
        return nil
    }

    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar? {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let value = windows1252High[Int(byte) - 0x80]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, as charset: Charset) -> String {
        switch charset {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .utf16LittleEndian, .utf16BigEndian:
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = bytes.startIndex
            while index + 1 < bytes.endIndex {
                let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
                units.append(charset == .utf16LittleEndian ? second << 8 | first : first << 8 | second)
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        case .windows1252, .latin9:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                let scalar = charset == .latin9 ? latin9Scalar(byte) : windows1252Scalar(byte)
                scalars.append(scalar ?? "\u{FFFD}")
            }
            return String(scalars)
        }
    }

    private static func latin9Scalar(_ byte: UInt8) -> Unicode.Scalar {
        switch byte {
        case 0xA4: return "\u{20AC}"
        case 0xA6: return "\u{160}"
        case 0xA8: return "\u{161}"
        case 0xB4: return "\u{17D}"
        case 0xB8: return "\u{17E}"
        case 0xBC: return "\u{152}"
        case 0xBD: return "\u{153}"
        case 0xBE: return "\u{178}"
        default: return Unicode.Scalar(byte)
        }
    }

    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// 0x80–0x9F in windows-1252; zero marks the five bytes it leaves undefined.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
