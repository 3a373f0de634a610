/// A problem that makes a whole file unreadable, with the line where it was found.
public struct MalformedFile: Error, Sendable {
    public let line: Int?
    public let reason: String
}

/// One CSV record: its fields, the line it starts on, and its raw bytes (for the rejects table).
public struct CSVRecord: Sendable {
    public var fields: [String]
    public var line: Int
    public var raw: ArraySlice<UInt8>
}

/// RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote inside
/// quotes, newlines allowed inside quotes, CRLF or LF line ends, an optional UTF-8 BOM.
/// A quote left open at the end, or text after a closing quote, makes the file malformed:
/// guessing where such a field ends would silently shift every later column.
public enum CSVReader {
    public static func records(_ bytes: [UInt8]) throws(MalformedFile) -> [CSVRecord] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var recordStart = i, recordLine = 1
        // Set by `""`: an empty quoted field is still a field, so `""` alone is a record.
        var quotedField = false

        func endRecord(at end: Int) {
            // A blank line is no record (a trailing newline, or spacing between blocks).
            if !(fields.isEmpty && field.isEmpty && !quotedField) {
                fields.append(String(decoding: field, as: UTF8.self))
                records.append(CSVRecord(fields: fields, line: recordLine, raw: bytes[recordStart..<end]))
            }
            fields = []
            field = []
            quotedField = false
        }

        while i < bytes.count {
            let byte = bytes[i]
            if byte == quote && field.isEmpty && !quotedField {
                // A quoted field: read to the closing quote.
                let openLine = line
                i += 1
                while true {
                    guard i < bytes.count else { throw MalformedFile(line: openLine, reason: "quoted field opened on line \(openLine) is never closed") }
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < bytes.count && bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                        i += 1
                        break
                    }
                    if b == lf { line += 1 }
                    field.append(b)
                    i += 1
                }
                guard i == bytes.count || bytes[i] == comma || bytes[i] == lf || bytes[i] == cr else {
                    throw MalformedFile(line: line, reason: "text after a closing quote on line \(line)")
                }
                quotedField = true
                continue
            }
            switch byte {
            case comma:
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
                quotedField = false
                i += 1
            case cr, lf:
                let end = i
                if byte == cr && i + 1 < bytes.count && bytes[i + 1] == lf { i += 1 }
                i += 1
                endRecord(at: end)
                line += 1
                recordStart = i
                recordLine = line
            default:
                field.append(byte)
                i += 1
            }
        }
        endRecord(at: bytes.count)
        return records
    }
}
