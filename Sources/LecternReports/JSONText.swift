import Foundation
import LecternJSON

/// JSON text of a value from `JSONSerialization` (or a CSV string), written without Foundation's
/// encoder: it runs once per row for `extra_json`, where the encoder would dominate the import.
enum JSONText {
    static func encode(_ value: Any) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    /// An object with keys sorted, so the same row always gives the same text.
    static func object(_ pairs: [(String, Any)]) -> String {
        var out = "{"
        for (n, (key, value)) in pairs.sorted(by: { $0.0 < $1.0 }).enumerated() {
            if n > 0 { out += "," }
            string(key, to: &out)
            out += ":"
            write(value, to: &out)
        }
        return out + "}"
    }

    static func write(_ value: Any, to out: inout String) {
        switch value {
        case let s as String: string(s, to: &out)
        case is NSNull: out += "null"
        case let n as NSNumber:
            if isBool(n) { out += n.boolValue ? "true" : "false" }
            else if let i = value as? Int { out += String(i) }
            else { let d = n.doubleValue; out += d.isFinite ? "\(d)" : "null" }
        case let a as [Any]:
            out += "["
            for (n, element) in a.enumerated() { if n > 0 { out += "," }; write(element, to: &out) }
            out += "]"
        case let d as [String: Any]: out += object(d.map { ($0.key, $0.value) })
        default: string("\(value)", to: &out)
        }
    }

    static func isBool(_ n: NSNumber) -> Bool {
        String(describing: type(of: n)).contains("Boolean")
    }

    static func string(_ s: String, to out: inout String) {
        JSONString.append(s, to: &out)
    }
}
