#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes the bytes between a string's quotes (as `JSONScanner` found them) into UTF-8.
/// Escapes become their characters, a surrogate pair one character; a surrogate without its
/// partner becomes U+FFFD, so the text stays valid wherever the other bytes are.
public enum JSONStringDecoder {
    public static func append(_ content: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = content.baseAddress else { return }
        var i = 0
        let n = content.count
        while i < n {
            // The text up to the next backslash goes over in one copy: a chat message is
            // paragraphs with a few \n and \" in them, and a byte at a time was half its parse.
            let run = memchr(base + i, Int32(UInt8(ascii: "\\")), n - i).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? n
            if run > i {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: content[i..<run]))
                i = run
                continue
            }
            guard i + 1 < n else {
                out.append(content[i])   // a backslash at the very end (the scanner never passes one)
                break
            }
            let code = content[i + 1]
            i += 2
            switch code {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(content, at: i) else { out.append(contentsOf: replacement); continue }
                i += 4
                var scalar = unit
                if (0xD800..<0xDC00).contains(unit) {
                    // A high surrogate counts only with a low one right after it.
                    if i + 6 <= n, content[i] == UInt8(ascii: "\\"), content[i + 1] == UInt8(ascii: "u"),
                       let low = hex4(content, at: i + 2), (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(unit) {
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &out)
            default:
                out.append(code)   // \" \\ \/
            }
        }
    }

    /// The decoded text as a String (for messages and lookups, not for the hot path).
    public static func string(_ content: UnsafeBufferPointer<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(content.count)
        append(content, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for k in i..<(i + 4) {
            let b = bytes[k]
            let digit: UInt8
            if b &- UInt8(ascii: "0") < 10 { digit = b - UInt8(ascii: "0") }
            else if (b | 0x20) &- UInt8(ascii: "a") < 6 { digit = (b | 0x20) - UInt8(ascii: "a") + 10 }
            else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
