/// Numbers from text bytes. Plain decimals (the numbers logs hold) are read here, exactly as
/// `Double(String)` reads them; anything else (exponents, `+`, hex, `inf`) goes through
/// `Double(String)` itself, so the accepted forms are the same as before.
enum NumberText {
    /// 10^0 … 10^22: every one exact as a Double.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let value = plainDecimal(bytes) { return value }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// `-?digits(.digits)?` with at most 15 digits: the digits as an integer are exact, and one
    /// division by an exact power of ten is correctly rounded, as a full decimal parser's is.
    private static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let negative = !bytes.isEmpty && bytes[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var sawPoint = false, digitsBeforePoint = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte &- UInt8(ascii: "0") < 10 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
                digitsBeforePoint = digits
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 15, !sawPoint || (digitsBeforePoint > 0 && fractionDigits > 0) else { return nil }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }
}
