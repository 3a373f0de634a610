import LecternJSON
import LecternStore

/// Why a record cannot be a row; it goes to the rejects table with this reason.
struct Rejected: Error {
    let reason: String
}

/// Stores one field's value in its column's cell, checked as the field's kind requires. Empty
/// strings and nulls are NULL: "not recorded" must not become zero. The checks and the reasons
/// are those of the first importer, now made on the bytes where they lie.
struct FieldConverter {
    let dates: LogDateTime

    func store(_ value: FieldValue, as field: FieldSpec, in batch: inout RowBatch, cell: Int) throws(Rejected) {
        if value.isUnset {
            batch.setNull(cell)
            return
        }
        if value.kind == .escapedText, !Self.takesText(field.kind) {
            // Rare (an escape in a number or a status): decode, then check the text. A reject
            // shows the same decoded text either way.
            var decoded: [UInt8] = []
            JSONStringDecoder.append(value.bytes, to: &decoded)
            try decoded.withUnsafeBufferPointer { (text) throws(Rejected) in
                try store(FieldValue(kind: .text, bytes: text), as: field, in: &batch, cell: cell)
            }
            return
        }
        func reject(_ why: String) -> Rejected {
            Rejected(reason: "\(field.name): \(why) (\(Self.preview(value)))")
        }
        switch field.kind {
        case .text:
            guard value.kind != .nested else { throw reject("not text") }
            Self.storeScalarAsText(value, true: "1", false: "0", in: &batch, cell: cell)
        case .choice(let allowed):
            guard value.kind == .text, allowed.contains(where: { $0.utf8.elementsEqual(value.bytes) }) else {
                throw reject("not one of \(allowed.joined(separator: "|"))")
            }
            batch.setText(value.bytes, at: cell)
        case .integer(let nonNegative):
            guard let number = Self.number(value), number.rounded() == number, abs(number) < 9e15 else { throw reject("not an integer") }
            if nonNegative && number < 0 { throw reject("negative") }
            batch.setInt(Int(number), at: cell)
        case .real(let nonNegative):
            guard let number = Self.number(value), number.isFinite else { throw reject("not a number") }
            if nonNegative && number < 0 { throw reject("negative") }
            batch.setDouble(number, at: cell)
        case .datetime:
            guard value.kind == .text, let seconds = dates.parse(value.bytes) else { throw reject("not a datetime") }
            batch.setDouble(seconds, at: cell)
        case .check:
            switch value.kind {
            case .true: batch.setInt(1, at: cell)
            case .false: batch.setInt(0, at: cell)
            case .number:
                guard let number = NumberText.double(value.bytes), number == 0 || number == 1 else { throw reject("not 0/1/true/false") }
                batch.setInt(Int(number), at: cell)
            case .text:
                switch Self.lowercasedTrimmed(value.bytes) {
                case "0", "false": batch.setInt(0, at: cell)
                case "1", "true": batch.setInt(1, at: cell)
                default: throw reject("not 0/1/true/false")
                }
            case .escapedText, .nested, .null: throw reject("not 0/1/true/false")
            }
        case .json:
            // A JSON string is kept as written (Frappe's JSON fields arrive as strings); other
            // values as compact JSON text.
            guard value.kind == .nested else {
                Self.storeScalarAsText(value, true: "true", false: "false", in: &batch, cell: cell)
                return
            }
            let start = batch.bytes.count
            JSONCompact.append(value.bytes, to: &batch.bytes)
            batch.endText(at: cell, from: start)
        }
    }

    private static func takesText(_ kind: FieldKind) -> Bool {
        switch kind {
        case .text, .json: return true
        default: return false
        }
    }

    /// A string, number or boolean as text: strings decoded, numbers as written, booleans as
    /// the column spells them.
    private static func storeScalarAsText(_ value: FieldValue, true yes: StaticString, false no: StaticString,
                                          in batch: inout RowBatch, cell: Int) {
        switch value.kind {
        case .text, .number:
            batch.setText(value.bytes, at: cell)
        case .escapedText:
            let start = batch.bytes.count
            JSONStringDecoder.append(value.bytes, to: &batch.bytes)
            batch.endText(at: cell, from: start)
        case .true, .false:
            let text = value.kind == .true ? yes : no
            batch.setText(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), at: cell)
        case .nested, .null:
            batch.setNull(cell)   // not reached: nested values and nulls are handled by the caller
        }
    }

    /// The number a JSON number or a text (spaces and tabs around it ignored) holds.
    private static func number(_ value: FieldValue) -> Double? {
        guard value.kind == .number || value.kind == .text else { return nil }
        return NumberText.double(trimmed(value.bytes))
    }

    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lower = 0, upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }

    private static func lowercasedTrimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: trimmed(bytes), as: UTF8.self).lowercased()
    }

    /// At most 60 characters of the value, for a reject reason.
    static func preview(_ value: FieldValue) -> String {
        let text = value.displayText
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
