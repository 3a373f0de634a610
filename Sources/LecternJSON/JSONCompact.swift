/// Copies a checked JSON value without the whitespace between its tokens, and with every string
/// written the one way `JSONString` writes it (`\/` becomes `/`, `\u00e9` becomes `é`), so a
/// pretty-printed export and a compact one store the same text. Numbers and member order are
/// kept as written.
public enum JSONCompact {
    public static func append(_ value: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var decoded: [UInt8] = []
        var i = 0
        while i < value.count {
            let byte = value[i]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case UInt8(ascii: "\""):
                var end = i + 1
                while end < value.count, value[end] != UInt8(ascii: "\"") {
                    end += value[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                decoded.removeAll(keepingCapacity: true)
                JSONStringDecoder.append(UnsafeBufferPointer(rebasing: value[(i + 1)..<min(end, value.count)]), to: &decoded)
                decoded.withUnsafeBufferPointer { JSONString.append($0, to: &out) }
                i = end + 1
            default:
                out.append(byte)
                i += 1
            }
        }
    }
}
