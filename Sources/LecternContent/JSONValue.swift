/// A parsed JSON value. Frappe documents are loosely typed (numbers as strings, strings holding
/// JSON), so readers ask for what they need and accept near-misses instead of decoding into
/// strict structs.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A string, or a number written as one: `name` and `idx` fields come both ways.
    var text: String? {
        switch self {
        case .string(let value): return value
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        default: return nil
        }
    }

    var int: Int? {
        switch self {
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? Int(value) : nil
        case .string(let value): return Int(value.trimmingWhitespace())
        default: return nil
        }
    }

    var bool: Bool? {
        switch self {
        case .bool(let value): return value
        case .number(let value): return value != 0
        case .string(let value): return ["1", "true"].contains(value.lowercased())
        default: return nil
        }
    }

    var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
