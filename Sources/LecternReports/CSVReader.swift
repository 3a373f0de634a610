/// A problem that makes a whole file unreadable, with the line where it was found.
public struct MalformedFile: Error, Sendable {
    public let line: Int?
    public let reason: String
}

/// One CSV record, refilled by `CSVReader.next(into:)` so that a file of a million rows needs
/// no allocation per row or field: the fields' bytes (quotes removed, `""` undone) lie one after
/// another in `bytes`, and field k ends at `ends[k]`.
public struct CSVRecord: Sendable {
    public var bytes: [UInt8] = []
    public var ends: [Int] = []
    /// The line the record starts on.
    public var line = 0
    /// The record's bytes in the file, without its line end (for the rejects table).
    public var start = 0
    public var end = 0

    public init() {}

    public var fieldCount: Int { ends.count }

    /// Where field `k` lies in `bytes`.
    public func range(ofField k: Int) -> Range<Int> {
        (k == 0 ? 0 : ends[k - 1])..<ends[k]
    }

    public func field(_ k: Int) -> String {
        String(decoding: bytes[range(ofField: k)], as: UTF8.self)
    }
}

/// RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote inside
/// quotes, newlines allowed inside quotes, CRLF or LF line ends, an optional UTF-8 BOM.
/// A quote left open at the end, or text after a closing quote, makes the file malformed:
/// guessing where such a field ends would silently shift every later column.
public struct CSVReader {
    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private var line = 1

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Fills `record` with the next record; false at the end. Blank lines are no records.
    public mutating func next(into record: inout CSVRecord) throws(MalformedFile) -> Bool {
        while position < bytes.count {
            record.bytes.removeAll(keepingCapacity: true)
            record.ends.removeAll(keepingCapacity: true)
            record.line = line
            record.start = position
            // Set by a quoted field: an empty quoted field is still a field, so `""` alone is a record.
            var quoted = false
            var fieldStart = 0
            var end = bytes.count
            scan: while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case Self.quote where record.bytes.count == fieldStart && !quoted:
                    try readQuoted(into: &record)
                    quoted = true
                case Self.comma:
                    record.ends.append(record.bytes.count)
                    fieldStart = record.bytes.count
                    quoted = false
                    position += 1
                case Self.cr, Self.lf:
                    end = position
                    position += byte == Self.cr && position + 1 < bytes.count && bytes[position + 1] == Self.lf ? 2 : 1
                    line += 1
                    break scan
                default:
                    // Plain text up to the next delimiter (a quote inside it is just a character).
                    let runStart = position
                    while position < bytes.count {
                        let b = bytes[position]
                        if b == Self.comma || b == Self.lf || b == Self.cr { break }
                        position += 1
                    }
                    record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                }
            }
            if record.ends.isEmpty && record.bytes.isEmpty && !quoted { continue }   // a blank line
            record.ends.append(record.bytes.count)
            record.end = end
            return true
        }
        return false
    }

    /// A quoted field from its opening quote to its closing one, which must end the field.
    private mutating func readQuoted(into record: inout CSVRecord) throws(MalformedFile) {
        let openLine = line
        position += 1
        while true {
            let segmentStart = position
            while position < bytes.count, bytes[position] != Self.quote {
                if bytes[position] == Self.lf { line += 1 }
                position += 1
            }
            record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<position]))
            guard position < bytes.count else {
                throw MalformedFile(line: openLine, reason: "quoted field opened on line \(openLine) is never closed")
            }
            if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                record.bytes.append(Self.quote)
                position += 2
                continue
            }
            position += 1
            break
        }
        guard position == bytes.count || bytes[position] == Self.comma || bytes[position] == Self.lf || bytes[position] == Self.cr else {
            throw MalformedFile(line: line, reason: "text after a closing quote on line \(line)")
        }
    }
}
