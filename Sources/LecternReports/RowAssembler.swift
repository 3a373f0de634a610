import LecternJSON
import LecternStore

/// Builds one record's row in a batch: `start` appends a row of NULL cells, `add` stores each
/// field as its key's role says, `finish` checks the name and writes `extra_json`,
/// `source_file` and the child rows. A thrown `Rejected` leaves the row half written: the
/// caller rolls the batch back to where the record began.
struct RowAssembler {
    let converter: FieldConverter
    private var extras = ExtraFields()
    private var childValue: FieldValue?
    private var first = 0

    init(dates: LogDateTime) {
        converter = FieldConverter(dates: dates)
    }

    mutating func start(_ schema: DocTypeSchema, in batch: inout RowBatch) {
        extras.removeAll()
        childValue = nil
        first = batch.appendRow(width: schema.columnCount)
    }

    mutating func add(_ value: FieldValue, role: KeyRole, schema: DocTypeSchema, in batch: inout RowBatch) throws(Rejected) {
        switch role {
        case .field(let index):
            try converter.store(value, as: schema.fields[index], in: &batch, cell: first + index)
        case .child:
            childValue = value
        case .doctype:
            break
        case .extra(let name):
            // An empty CSV cell is "not recorded", as a missing JSON key is.
            if value.kind == .text && value.bytes.isEmpty { return }
            extras.append(name: name, value: value)
        }
    }

    /// Completes the row; returns its first cell and how many child rows follow it (nil when
    /// the record has no child field, so the stored children stay as they are).
    mutating func finish(_ schema: DocTypeSchema, sourceFile: UnsafeBufferPointer<UInt8>,
                         in batch: inout RowBatch) throws(Rejected) -> (first: Int, children: Int?) {
        guard !batch.isNull(first) else { throw Rejected(reason: "missing name") }
        extras.write(into: &batch, cell: first + schema.fields.count)
        batch.setText(sourceFile, at: first + schema.fields.count + 1)
        var children: Int?
        if let child = schema.child, let childValue {
            children = try appendChildren(childValue, fields: child.fields, in: &batch)
        }
        return (first, children)
    }

    /// The rows of a child table field (a JSON list of objects) after the parent's row.
    private mutating func appendChildren(_ value: FieldValue, fields: [FieldSpec], in batch: inout RowBatch) throws(Rejected) -> Int {
        if value.kind == .null { return 0 }
        let notAList = Rejected(reason: "items: not a list of rows")
        guard value.kind == .nested, value.bytes.first == UInt8(ascii: "[") else { throw notAList }
        var scanner = JSONScanner(value.bytes)
        var members: [JSONMember] = []
        var count = 0
        do {
            guard try scanner.enterArray() else { return 0 }
            repeat {
                count += 1
                guard scanner.peek() == UInt8(ascii: "{") else { throw Rejected(reason: "items row \(count): not an object") }
                members.removeAll(keepingCapacity: true)
                try scanner.members(into: &members)
                try appendChild(members, position: count, fields: fields, source: value.bytes, in: &batch)
            } while try scanner.nextInArray()
        } catch let error as Rejected {
            throw error
        } catch {
            throw notAList   // cannot happen: the whole file was checked as JSON
        }
        return count
    }

    private mutating func appendChild(_ members: [JSONMember], position: Int, fields: [FieldSpec],
                                      source: UnsafeBufferPointer<UInt8>, in batch: inout RowBatch) throws(Rejected) {
        let row = batch.appendRow(width: fields.count + 2)
        extras.removeAll()
        batch.setInt(position, at: row)
        for member in members {
            let key = Self.keyText(member.key, in: source)
            let value = FieldValue(member.value, in: source)
            if key == "idx" {
                try converter.store(value, as: FieldSpec(name: "idx", kind: .integer(nonNegative: true)), in: &batch, cell: row)
                if batch.isNull(row) { batch.setInt(position, at: row) }
            } else if let k = fields.firstIndex(where: { $0.name == key }) {
                try converter.store(value, as: fields[k], in: &batch, cell: row + 1 + k)
            } else if !DocTypeSchema.isDoctypeKey(key) {
                extras.append(name: Array(key.utf8), value: value)
            }
        }
        extras.write(into: &batch, cell: row + fields.count + 1)
    }

    static func keyText(_ key: JSONSpan, in source: UnsafeBufferPointer<UInt8>) -> String {
        let bytes = UnsafeBufferPointer(rebasing: source[key.start..<key.end])
        return key.kind == .escapedString ? JSONStringDecoder.string(bytes) : String(decoding: bytes, as: UTF8.self)
    }
}
