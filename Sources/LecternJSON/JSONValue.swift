/// A parsed JSON document as a tree: for request bodies, which are small and read whole.
/// Built on `JSONScanner`, so the strictness and the error messages are the importer's.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in document order; a repeated key keeps its last value (`self[key]`).
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            do throws(JSONSyntaxError) {
                scanner.skipByteOrderMark()
                let value = try read(&scanner)
                try scanner.expectEnd()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func read(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> JSONValue {
        switch scanner.peek() {
        case UInt8(ascii: "{"):
            var members: [(String, JSONValue)] = []
            if try scanner.enterObject() {
                repeat {
                    let key = text(try scanner.key(), scanner.bytes)
                    members.append((key, try read(&scanner)))
                } while try scanner.nextInObject()
            }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            if try scanner.enterArray() {
                repeat { elements.append(try read(&scanner)) } while try scanner.nextInArray()
            }
            return .array(elements)
        default:
            let span = try scanner.value()
            switch span.kind {
            case .string, .escapedString: return .string(text(span, scanner.bytes))
            case .number: return .number(Double(String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[span.start..<span.end]), as: UTF8.self)) ?? .nan)
            case .true: return .bool(true)
            case .false: return .bool(false)
            case .null: return .null
            case .object, .array: return .null  // peek() saw no bracket, so the scanner found none
            }
        }
    }

    private static func text(_ span: JSONSpan, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let content = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
        guard span.kind == .escapedString else { return String(decoding: content, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        JSONStringDecoder.append(content, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: reading

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.0 == key }?.1
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var number: Double? { if case .number(let x) = self { return x }; return nil }
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var isNull: Bool { self == .null }

    /// A whole number that fits an Int exactly.
    public var integer: Int? {
        guard let x = number, x == x.rounded(), abs(x) < 9e15 else { return nil }
        return Int(x)
    }
}
