/// Unsigned LEB128: seven bits per byte, low bits first, the high bit set on all but the last.
/// Posting gaps are mostly small, so most take one byte instead of four.
enum VarInt {
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// The value at `offset`, which moves past it; nil when it would run past `end` or is longer
    /// than five bytes (a damaged stream never reads outside its range).
    @inline(__always)
    static func read(_ base: UnsafePointer<UInt8>, _ offset: inout Int, end: Int) -> UInt32? {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while offset < end, shift < 35 {
            let byte = base[offset]
            offset += 1
            value |= UInt32(truncatingIfNeeded: byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
