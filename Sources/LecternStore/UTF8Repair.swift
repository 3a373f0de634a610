/// SQLite's TEXT must be UTF-8, and log exports are not always: a proxy may cut a message in
/// the middle of a character. Such bytes are stored as U+FFFD, the rest of the value as is.
enum UTF8Repair {
    /// Whether `bytes` is valid UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
    /// ASCII, most of any log, is checked eight bytes at a time.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        while i < n {
            if i + 8 <= n, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard i + length <= n, (low...high).contains(bytes[i + 1]) else { return false }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    /// `bytes` with every invalid sequence replaced by U+FFFD (the standard library's rule).
    static func repaired(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }
}
