import LecternJSON
import LecternStore

/// What the parsing side learnt of a file, read by the writer once the parser has finished.
struct ParseResult: Sendable {
    var read = 0
    var rejected = 0
    var rejectMessages: [String] = []
    /// DocTypes of the rows that were built, the file's own first.
    var doctypes: [String] = []
    /// Set when the file cannot be read at all: the writer then drops everything of it.
    var failure: MalformedFile?
}

/// Reads one export file (CSV, a JSON document, JSON Lines) and turns its records into rows and
/// rejects in batches handed to the writer through `pipe`. It runs on its own thread, so it owns
/// everything it touches; it and the writer share only the pipe.
struct ExportParser {
    let path: String
    private let forced: DocTypeSchema?
    private let fileSchema: DocTypeSchema?
    private let pipe: BatchPipe
    private let sourceFile: [UInt8]
    private var assembler: RowAssembler
    private var batch = ImportBatch()
    private var posted = 0
    private var result = ParseResult()
    private var keyRoles: [KeyRoleCache?] = Array(repeating: nil, count: DocTypes.all.count)
    private var lastDeclared: (name: [UInt8], schema: DocTypeSchema)?

    /// The writer stopped taking batches (a database failure); the parse ends without a result.
    private struct Abandoned: Error {}

    init(path: String, forced: DocTypeSchema?, fileSchema: DocTypeSchema?, dates: LogDateTime, pipe: BatchPipe) {
        self.path = path
        self.forced = forced
        self.fileSchema = fileSchema
        self.pipe = pipe
        self.sourceFile = Array(path.utf8)
        self.assembler = RowAssembler(dates: dates)
        result.doctypes = fileSchema.map { [$0.doctype] } ?? []
    }

    /// Parses the whole file, posting batches as they fill (the caller then finishes the pipe).
    mutating func run() -> ParseResult {
        guard let first = pipe.takeEmpty() else { return result }
        batch = first
        do {
            let bytes = try ExportFileBytes.read(path)
            try bytes.withUnsafeBufferPointer { try parse($0) }
            pipe.putFull(batch)
        } catch let failure as MalformedFile {
            result.failure = failure
        } catch {
            // Abandoned: the writer no longer wants the result.
        }
        return result
    }

    private mutating func parse(_ file: UnsafeBufferPointer<UInt8>) throws {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") {
            try parseCSV(file)
        } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            try parseJSON(file, layout: .lines)
        } else {
            do {
                try parseJSON(file, layout: .document)
            } catch let error as TextAfterDocument {
                // A .json file holding JSON Lines: its first line was a whole document. (Once
                // rows have gone to the writer, it is just a broken file.)
                guard posted == 0 else { throw error.failure }
                batch.removeAll()
                result = ParseResult(doctypes: fileSchema.map { [$0.doctype] } ?? [])
                try parseJSON(file, layout: .lines)
            }
        }
    }

    private struct TextAfterDocument: Error {
        let failure: MalformedFile
    }

    // MARK: JSON

    private mutating func parseJSON(_ file: UnsafeBufferPointer<UInt8>, layout: JSONRecordReader.Layout) throws {
        var reader = JSONRecordReader(file, layout: layout)
        var record = JSONRecord()
        while true {
            do {
                guard try reader.next(into: &record) else { break }
            } catch {
                let failure = MalformedFile(line: error.line, reason: "not valid JSON")
                if layout == .document && reader.readWholeValue { throw TextAfterDocument(failure: failure) }
                throw failure
            }
            result.read += 1
            let raw = UnsafeBufferPointer(rebasing: file[record.start..<record.end])
            switch record.problem {
            case .notAnObject?:
                reject("not a JSON object", line: record.line, record: record.index, doctype: fileSchema, raw: raw)
            case .notJSON?:
                reject("not valid JSON", line: record.line, record: record.index, doctype: fileSchema, raw: raw)
            case nil:
                try jsonRow(record, in: file, raw: raw)
            }
            if batch.isFull { try post() }
        }
    }

    private mutating func jsonRow(_ record: JSONRecord, in file: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>) throws {
        var schema = fileSchema
        let mark = batch.rows.mark
        do {
            if forced == nil, let declared = declaredDoctype(record.members, in: file) {
                schema = try self.schema(named: declared)
            }
            guard let schema else { throw Self.noDocType }
            let index = DocTypes.index(of: schema)
            if keyRoles[index] == nil { keyRoles[index] = KeyRoleCache(schema: schema) }
            assembler.start(schema, in: &batch.rows)
            for member in record.members {
                let role: KeyRole
                if member.key.kind == .string {
                    role = keyRoles[index]!.role(of: UnsafeBufferPointer(rebasing: file[member.key.start..<member.key.end]))
                } else {
                    var key = Array(RowAssembler.keyText(member.key, in: file).utf8)
                    role = key.withUnsafeMutableBufferPointer { keyRoles[index]!.role(of: UnsafeBufferPointer($0)) }
                }
                try assembler.add(FieldValue(member.value, in: file), role: role, schema: schema, in: &batch.rows)
            }
            try finishRow(schema, index: index)
        } catch let rejected as Rejected {
            batch.rows.rollBack(to: mark)
            reject(rejected.reason, line: record.line, record: record.index, doctype: schema, raw: raw)
        }
    }

    /// The string value of a record's `doctype` key, if it has a non-empty one.
    private func declaredDoctype(_ members: [JSONMember], in file: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        for member in members where member.key.count == 7 {
            guard DocTypeSchema.isDoctypeKey(RowAssembler.keyText(member.key, in: file)) else { continue }
            guard member.value.isString, member.value.count > 0 else { return nil }
            let bytes = UnsafeBufferPointer(rebasing: file[member.value.start..<member.value.end])
            if member.value.kind == .string { return Array(bytes) }
            var decoded: [UInt8] = []
            JSONStringDecoder.append(bytes, to: &decoded)
            return decoded
        }
        return nil
    }

    // MARK: CSV

    private mutating func parseCSV(_ file: UnsafeBufferPointer<UInt8>) throws {
        var reader = CSVReader(file)
        var record = CSVRecord()
        guard try reader.next(into: &record) else { return }
        let names = (0..<record.fieldCount).map { String(record.field($0).trimmingSpaces) }
        let doctypeColumn = names.firstIndex(where: DocTypeSchema.isDoctypeKey)
        var columnRoles: [[KeyRole]?] = Array(repeating: nil, count: DocTypes.all.count)
        var index = 0
        while try reader.next(into: &record) {
            index += 1
            result.read += 1
            let raw = UnsafeBufferPointer(rebasing: file[record.start..<record.end])
            guard record.fieldCount == names.count else {
                reject("\(record.fieldCount) fields, the header has \(names.count)", line: record.line, record: index,
                       doctype: fileSchema, raw: raw)
                continue
            }
            var schema = fileSchema
            let mark = batch.rows.mark
            do {
                if forced == nil, let column = doctypeColumn, !record.range(ofField: column).isEmpty {
                    schema = try self.schema(named: Array(record.bytes[record.range(ofField: column)]))
                }
                guard let schema else { throw Self.noDocType }
                let schemaIndex = DocTypes.index(of: schema)
                if columnRoles[schemaIndex] == nil { columnRoles[schemaIndex] = names.map(schema.role(ofKey:)) }
                let roles = columnRoles[schemaIndex]!
                assembler.start(schema, in: &batch.rows)
                try record.bytes.withUnsafeBufferPointer { fields in
                    for k in 0..<roles.count {
                        let value = FieldValue(kind: .text, bytes: UnsafeBufferPointer(rebasing: fields[record.range(ofField: k)]))
                        try assembler.add(value, role: roles[k], schema: schema, in: &batch.rows)
                    }
                }
                try finishRow(schema, index: schemaIndex)
            } catch let rejected as Rejected {
                batch.rows.rollBack(to: mark)
                reject(rejected.reason, line: record.line, record: index, doctype: schema, raw: raw)
            }
            if batch.isFull { try post() }
        }
    }

    // MARK: rows and rejects

    private static let noDocType = Rejected(
        reason: "no DocType: pass --doctype, add a doctype field, or name the file after it (\"AI Proxy Log.json\")")

    private mutating func finishRow(_ schema: DocTypeSchema, index: Int) throws(Rejected) {
        let row = try sourceFile.withUnsafeBufferPointer { (source) throws(Rejected) in
            try assembler.finish(schema, sourceFile: source, in: &batch.rows)
        }
        batch.entries.append(.row(schema: index, first: row.first, children: row.children))
        if !result.doctypes.contains(schema.doctype) { result.doctypes.append(schema.doctype) }
    }

    /// The DocType a record names (the last one looked up is kept: records of a file mostly
    /// name the same one).
    private mutating func schema(named name: [UInt8]) throws(Rejected) -> DocTypeSchema {
        if let last = lastDeclared, last.name == name { return last.schema }
        let text = String(decoding: name, as: UTF8.self)
        guard let schema = DocTypes.named(text) else { throw Rejected(reason: "unknown DocType \"\(text)\"") }
        lastDeclared = (name, schema)
        return schema
    }

    private mutating func reject(_ reason: String, line: Int, record: Int, doctype: DocTypeSchema?, raw: UnsafeBufferPointer<UInt8>) {
        result.rejected += 1
        if result.rejectMessages.count < 20 { result.rejectMessages.append("\(path):\(line): \(reason)") }
        batch.entries.append(.reject(RejectedRecord(line: line, record: record, doctype: doctype?.doctype, reason: reason,
                                                    raw: LogImporter.rawText(raw))))
    }

    private mutating func post() throws {
        pipe.putFull(batch)
        // Let go of it while waiting: the writer then empties the only reference in place, and
        // its buffers are reused instead of copied (fresh pages cost 9% of a message import).
        batch = ImportBatch()
        posted += 1
        guard let next = pipe.takeEmpty() else { throw Abandoned() }
        batch = next
    }
}
