/// A strict JSON scanner over bytes in memory (RFC 8259): it checks every value and reports
/// where each one is, but decodes and copies nothing. Lines are counted as it goes (a newline
/// can only be whitespace in valid JSON), so an error and every value can be placed on a line.
///
/// Two ways to walk the input: `value()` checks one whole value (containers to their end) and
/// returns its span; `enterObject`/`key`/`nextInObject` and `enterArray`/`nextInArray` step
/// through a container, for records that are read member by member.
///
/// Bytes inside strings are not checked as UTF-8: a log line with one broken character is
/// still a log line, and the importer replaces such bytes when it stores them.
public struct JSONScanner {
    /// Deeper nesting is an error: the scanner recurses per level, and no log record nests
    /// anywhere near this deep.
    public static let maximumDepth = 512

    public let bytes: UnsafeBufferPointer<UInt8>
    public let end: Int
    public private(set) var position: Int
    public private(set) var line: Int
    private var depth = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int? = nil, line: Int = 1) {
        self.bytes = bytes
        self.end = end ?? bytes.count
        self.position = start
        self.line = line
    }

    // MARK: whole values

    /// The next value, checked to its end.
    public mutating func value() throws(JSONSyntaxError) -> JSONSpan {
        skipWhitespace()
        guard position < end else { throw failure("unexpected end of the input, expected a value") }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "\""):
            return try string()
        case UInt8(ascii: "{"):
            if try enterObject() {
                repeat {
                    _ = try key()
                    _ = try value()
                } while try nextInObject()
            }
            return JSONSpan(kind: .object, start: start, end: position)
        case UInt8(ascii: "["):
            if try enterArray() {
                repeat { _ = try value() } while try nextInArray()
            }
            return JSONSpan(kind: .array, start: start, end: position)
        case UInt8(ascii: "t"): return try literal("true", .true)
        case UInt8(ascii: "f"): return try literal("false", .false)
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected \(Self.describe(bytes[position])), expected a value")
        }
    }

    /// After the last value: only whitespace may follow.
    public mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position == end else { throw failure("unexpected \(Self.describe(bytes[position])) after the JSON value") }
    }

    /// Steps over a UTF-8 byte order mark at the current position, if there is one.
    public mutating func skipByteOrderMark() {
        if end - position >= 3, bytes[position] == 0xEF, bytes[position + 1] == 0xBB, bytes[position + 2] == 0xBF {
            position += 3
        }
    }

    /// The first byte of the next value, without consuming it (nil at the end).
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < end ? bytes[position] : nil
    }

    // MARK: stepping through containers

    /// Consumes `{`; false when the object is empty (its `}` consumed too).
    public mutating func enterObject() throws(JSONSyntaxError) -> Bool {
        try open(UInt8(ascii: "{"), close: UInt8(ascii: "}"))
    }

    /// A member's key and the `:` after it; the value comes next.
    public mutating func key() throws(JSONSyntaxError) -> JSONSpan {
        skipWhitespace()
        guard position < end, bytes[position] == UInt8(ascii: "\"") else { throw failure(expected: "a string key") }
        let key = try string()
        skipWhitespace()
        guard position < end, bytes[position] == UInt8(ascii: ":") else { throw failure(expected: "':' after an object key") }
        position += 1
        return key
    }

    /// After a member: true at `,` (another member follows), false at the closing `}`.
    public mutating func nextInObject() throws(JSONSyntaxError) -> Bool {
        try next(close: UInt8(ascii: "}"), expected: "',' or '}' in an object")
    }

    /// Consumes `[`; false when the array is empty (its `]` consumed too).
    public mutating func enterArray() throws(JSONSyntaxError) -> Bool {
        try open(UInt8(ascii: "["), close: UInt8(ascii: "]"))
    }

    /// After an element: true at `,` (another element follows), false at the closing `]`.
    public mutating func nextInArray() throws(JSONSyntaxError) -> Bool {
        try next(close: UInt8(ascii: "]"), expected: "',' or ']' in an array")
    }

    /// Every member of the object that starts here, appended to `members` (containers skipped).
    public mutating func members(into members: inout [JSONMember]) throws(JSONSyntaxError) {
        guard try enterObject() else { return }
        repeat {
            let key = try key()
            members.append(JSONMember(key: key, value: try value()))
        } while try nextInObject()
    }

    // MARK: pieces

    private mutating func open(_ bracket: UInt8, close: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < end, bytes[position] == bracket else {
            throw failure(expected: bracket == UInt8(ascii: "{") ? "an object" : "an array")
        }
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        position += 1
        skipWhitespace()
        if position < end, bytes[position] == close {
            position += 1
            depth -= 1
            return false
        }
        return true
    }

    private mutating func next(close: UInt8, expected: String) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < end else { throw failure(expected: expected) }
        switch bytes[position] {
        case UInt8(ascii: ","):
            position += 1
            return true
        case close:
            position += 1
            depth -= 1
            return false
        default:
            throw failure(expected: expected)
        }
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A: position += 1; line += 1
            default: return
            }
        }
    }

    /// A string from its opening quote; escapes are checked here so that decoding cannot fail.
    private mutating func string() throws(JSONSyntaxError) -> JSONSpan {
        let start = position + 1
        var i = start
        var escaped = false
        while true {
            i = Self.skipPlainStringBytes(bytes, from: i, to: end)
            guard i < end else { throw failure("a string is not closed") }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                i = try escape(at: i)
                continue
            }
            if byte < 0x20 {
                throw failure(byte == 0x0A ? "a string is not closed on its line" : "control character \(Self.describe(byte)) in a string")
            }
            i += 1
        }
        position = i + 1
        return JSONSpan(kind: escaped ? .escapedString : .string, start: start, end: i)
    }

    /// Skips the bytes that need no attention in a string (not `"`, `\` or a control
    /// character), eight at a time: message texts are most of a chat log's bytes.
    @inline(__always)
    private static func skipPlainStringBytes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return i }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= end {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            if special & highs != 0 { break }
            i += 8
        }
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            i += 1
        }
        return i
    }

    /// The index after the escape at `i` (a backslash).
    private func escape(at i: Int) throws(JSONSyntaxError) -> Int {
        guard i + 1 < end else { throw failure("a string is not closed") }
        switch bytes[i + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return i + 2
        case UInt8(ascii: "u"):
            guard i + 6 <= end, (i + 2..<i + 6).allSatisfy({ Self.isHexDigit(bytes[$0]) }) else {
                throw failure("\\u must be followed by four hex digits")
            }
            return i + 6
        default:
            throw failure("invalid escape \\\(Self.describe(bytes[i + 1])) in a string")
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONSpan {
        let start = position
        var i = position
        func digits() -> Bool {
            let first = i
            while i < end, bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
            return i > first
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        if i < end, bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if !digits() {
            throw failure("a number needs digits")
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() else { throw failure("a number needs digits after its decimal point") }
        }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() else { throw failure("a number needs digits in its exponent") }
        }
        position = i
        return JSONSpan(kind: .number, start: start, end: i)
    }

    private mutating func literal(_ word: StaticString, _ kind: JSONSpan.Kind) throws(JSONSyntaxError) -> JSONSpan {
        let count = word.utf8CodeUnitCount
        guard end - position >= count, (0..<count).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] }) else {
            throw failure("unexpected \(Self.describe(bytes[position])), expected a value")
        }
        position += count
        return JSONSpan(kind: kind, start: position - count, end: position)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    private func failure(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, reason: reason)
    }

    private func failure(expected: String) -> JSONSyntaxError {
        guard position < end else { return failure("unexpected end of the input, expected \(expected)") }
        return failure("unexpected \(Self.describe(bytes[position])), expected \(expected)")
    }

    /// A byte for an error message: the character if printable ASCII, else its hex value.
    static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
