/// A JSON value found in the input: what it is and where its bytes are. Nothing is decoded or
/// copied; a consumer turns only the values it needs into numbers or text.
public struct JSONSpan: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// A string without backslashes: its bytes are the text itself.
        case string
        /// A string with at least one escape: decode it with `JSONStringDecoder`.
        case escapedString
        case number
        case `true`
        case `false`
        case null
        case object
        case array
    }

    public var kind: Kind
    /// For strings the bytes between the quotes; for everything else the value's own bytes
    /// (an object or array from its bracket to the matching one).
    public var start: Int
    public var end: Int

    public init(kind: Kind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    public var count: Int { end - start }
    public var isString: Bool { kind == .string || kind == .escapedString }
}

/// One `"key": value` pair of an object.
public struct JSONMember: Sendable, Equatable {
    public var key: JSONSpan
    public var value: JSONSpan

    public init(key: JSONSpan, value: JSONSpan) {
        self.key = key
        self.value = value
    }
}

/// Why the input is not JSON, and the line (1-based) where that was found.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public let line: Int
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}
