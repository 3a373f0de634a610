import Foundation
import LecternStore

/// One record turned into a row of its DocType's table: typed values in column order, unknown
/// fields as `extra_json`, child rows (FAQ items). Any value that fails its field's check makes
/// the whole record a reject with a reason naming the field.
struct LogRow {
    var values: [SQLValue]
    var name: String
    var children: [[SQLValue]]?

    struct Rejected: Error {
        let reason: String
    }

    /// Unknown CSV columns carry Data Import labels ("Prompt Tokens"); stored under the fieldname
    /// a JSON export of the same proxy would use ("prompt_tokens"), so both land under one key.
    static func fieldName(ofLabel key: String) -> String {
        guard key.contains(where: { $0 == " " || $0.isUppercase }), !key.contains("_") else { return key }
        let words = key.split(separator: "(")[0].split(whereSeparator: { $0 == " " || $0 == "-" })
        let name = words.map { $0.lowercased() }.joined(separator: "_")
        return name.isEmpty ? key : name
    }

    /// The key that names a record's DocType; it is not data of the row. (Compared directly, not
    /// through a Set: it is checked for every field of every row.)
    static func isDoctypeKey(_ key: String) -> Bool {
        key == "doctype" || key == "DocType" || key == "Doctype"
    }

    init(record: [(String, Any)], schema: DocTypeSchema, dates: LogDateTime, sourceFile: String) throws(Rejected) {
        var values = [SQLValue](repeating: .null, count: schema.fields.count + 2)
        var extras: [(String, Any)] = []
        var children: [[SQLValue]]?
        for (key, raw) in record {
            if let index = schema.fieldIndex(forKey: key) {
                let field = schema.fields[index]
                values[index] = try Self.convert(raw, field: field, dates: dates)
            } else if let child = schema.child, key == child.field {
                children = try Self.childRows(raw, child: child.fields, dates: dates)
            } else if !Self.isDoctypeKey(key) {
                // An empty CSV cell is "not recorded", as a missing JSON key is.
                if let text = raw as? String, text.isEmpty { continue }
                extras.append((Self.fieldName(ofLabel: key), raw))
            }
        }
        guard case .text(let name) = values[0], !name.isEmpty else { throw Rejected(reason: "missing name") }
        values[schema.fields.count] = .text(extras.isEmpty ? "{}" : JSONText.object(extras))
        values[schema.fields.count + 1] = .text(sourceFile)
        self.values = values
        self.name = name
        self.children = children
    }

    static func childRows(_ raw: Any, child fields: [FieldSpec], dates: LogDateTime) throws(Rejected) -> [[SQLValue]] {
        if raw is NSNull { return [] }
        guard let items = raw as? [Any] else { throw Rejected(reason: "items: not a list of rows") }
        var rows: [[SQLValue]] = []
        for (position, item) in items.enumerated() {
            guard let object = item as? [String: Any] else { throw Rejected(reason: "items row \(position + 1): not an object") }
            var row = [SQLValue](repeating: .null, count: fields.count + 2)
            var idx = position + 1
            if let given = object["idx"], case .int(let i) = try convert(given, field: FieldSpec(name: "idx", kind: .integer(nonNegative: true)), dates: dates) { idx = i }
            row[0] = .int(idx)
            var extras: [(String, Any)] = []
            for (key, value) in object where key != "idx" && !isDoctypeKey(key) {
                if let k = fields.firstIndex(where: { $0.name == key }) {
                    row[k + 1] = try convert(value, field: fields[k], dates: dates)
                } else {
                    extras.append((key, value))
                }
            }
            row[fields.count + 1] = .text(extras.isEmpty ? "{}" : JSONText.object(extras))
            rows.append(row)
        }
        return rows
    }

    /// A JSON or CSV value as its column's SQL value. Empty strings and nulls are NULL:
    /// Frappe exports an unset field either way, and "not recorded" must not become zero.
    static func convert(_ raw: Any, field: FieldSpec, dates: LogDateTime) throws(Rejected) -> SQLValue {
        if raw is NSNull { return .null }
        let string = raw as? String
        if let string, string.isEmpty { return .null }
        func reject(_ why: String) -> Rejected {
            Rejected(reason: "\(field.name): \(why) (\(Self.preview(raw)))")
        }
        switch field.kind {
        case .text:
            guard let string else {
                if let n = raw as? NSNumber { return .text(JSONText.isBool(n) ? (n.boolValue ? "1" : "0") : "\(n)") }
                throw reject("not text")
            }
            return .text(string)
        case .choice(let allowed):
            guard let string, allowed.contains(string) else { throw reject("not one of \(allowed.joined(separator: "|"))") }
            return .text(string)
        case .integer(let nonNegative):
            guard let value = number(raw), value.rounded() == value, abs(value) < 9e15 else { throw reject("not an integer") }
            if nonNegative && value < 0 { throw reject("negative") }
            return .int(Int(value))
        case .real(let nonNegative):
            guard let value = number(raw), value.isFinite else { throw reject("not a number") }
            if nonNegative && value < 0 { throw reject("negative") }
            return .double(value)
        case .datetime:
            guard let string, let seconds = dates.parse(string) else { throw reject("not a datetime") }
            return .double(seconds)
        case .check:
            if let n = raw as? NSNumber {
                let v = n.doubleValue
                guard v == 0 || v == 1 else { throw reject("not 0/1/true/false") }
                return .int(Int(v))
            }
            switch string?.trimmingSpaces.lowercased() {
            case "0", "false": return .int(0)
            case "1", "true": return .int(1)
            default: throw reject("not 0/1/true/false")
            }
        case .json:
            // A JSON string is kept as written (Frappe's JSON fields arrive as strings).
            return .text(string ?? JSONText.encode(raw))
        }
    }

    static func number(_ raw: Any) -> Double? {
        if let n = raw as? NSNumber, !JSONText.isBool(n) { return n.doubleValue }
        if let s = raw as? String { return Double(s.trimmingSpaces) }
        return nil
    }

    static func preview(_ raw: Any) -> String {
        let text = raw as? String ?? JSONText.encode(raw)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
