/// JSON string literals, written by hand: the query binary stays free of Foundation, and the
/// log importer writes one per field of every row, where an encoder would dominate.
public enum JSONString {
    /// `text` as a quoted JSON string. U+2028 and U+2029 are escaped too, so the text is also
    /// safe inside a `<script>` block of a generated page.
    public static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    public static func append(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        var text = text
        text.withUTF8 { append($0, to: &bytes) }
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// UTF-8 `text` as a quoted JSON string, appended to `out`. Bytes that are not valid UTF-8
    /// pass through unchanged: the caller decides how to repair them.
    public static func append(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let n = text.count
        var i = 0
        while i < n {
            let byte = text[i]
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case ..<0x20: appendUnicodeEscape(UInt32(byte), to: &out)
            case 0xE2 where i + 2 < n && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9):
                // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
                appendUnicodeEscape(text[i + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                i += 2
            default: out.append(byte)
            }
            i += 1
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ value: UInt32, to out: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int(value >> UInt32(shift) & 0xF)]) }
    }
}
