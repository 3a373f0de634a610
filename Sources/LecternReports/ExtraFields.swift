import LecternJSON
import LecternStore

/// The fields of a record that its DocType does not know, written as `extra_json`: one JSON
/// object, keys sorted so that the same row always gives the same text. Values keep their JSON
/// form (a CSV cell is a string); nested values are stored compact.
struct ExtraFields {
    private var fields: [(name: [UInt8], order: Int, value: FieldValue)] = []

    mutating func removeAll() {
        fields.removeAll(keepingCapacity: true)
    }

    mutating func append(name: [UInt8], value: FieldValue) {
        fields.append((name, fields.count, value))
    }

    mutating func write(into batch: inout RowBatch, cell: Int) {
        let start = batch.bytes.count
        if fields.isEmpty {
            batch.bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
            batch.endText(at: cell, from: start)
            return
        }
        fields.sort { $0.name == $1.name ? $0.order < $1.order : $0.name.lexicographicallyPrecedes($1.name) }
        batch.bytes.append(UInt8(ascii: "{"))
        for (n, field) in fields.enumerated() {
            // A key given twice keeps its last value, as a JSON object read into a dictionary would.
            if n + 1 < fields.count, fields[n + 1].name == field.name { continue }
            if batch.bytes.count > start + 1 { batch.bytes.append(UInt8(ascii: ",")) }
            field.name.withUnsafeBufferPointer { JSONString.append($0, to: &batch.bytes) }
            batch.bytes.append(UInt8(ascii: ":"))
            Self.appendJSON(field.value, to: &batch.bytes)
        }
        batch.bytes.append(UInt8(ascii: "}"))
        batch.endText(at: cell, from: start)
    }

    private static func appendJSON(_ value: FieldValue, to out: inout [UInt8]) {
        switch value.kind {
        case .text: JSONString.append(value.bytes, to: &out)
        case .escapedText:
            var decoded: [UInt8] = []
            JSONStringDecoder.append(value.bytes, to: &decoded)
            decoded.withUnsafeBufferPointer { JSONString.append($0, to: &out) }
        case .number: out.append(contentsOf: value.bytes)
        case .true: out.append(contentsOf: "true".utf8)
        case .false: out.append(contentsOf: "false".utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .nested: JSONCompact.append(value.bytes, to: &out)
        }
    }
}
