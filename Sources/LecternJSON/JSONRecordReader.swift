#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One record of a log export as `JSONRecordReader` found it. The reader refills the same value
/// for every record, so its members array is allocated once per file, not once per record.
public struct JSONRecord {
    public enum Problem: Sendable, Equatable {
        /// A valid value that is not an object (a string in the list, a number on a line).
        case notAnObject
        /// A JSON Lines line that is not JSON; the other lines are still records.
        case notJSON(JSONSyntaxError)
    }

    /// The object's members in the order written (empty when there is a problem).
    public var members: [JSONMember] = []
    /// The line the record starts on.
    public var line = 0
    /// 1-based position among the file's records.
    public var index = 0
    /// The record's bytes: the object, or the whole line of a JSON Lines record.
    public var start = 0
    public var end = 0
    public var problem: Problem?

    public init() {}
}

/// Walks the records of a log export held in memory, in the layouts Frappe and its tools write:
/// a REST list `{"data":[…]}`, a single document `{"data":{…}}`, a bare array, a bare object,
/// and JSON Lines. A whole document must be valid JSON to the end: a syntax error anywhere
/// (also after the last record) is thrown with its line, and the caller drops the file. In JSON
/// Lines each line stands alone; only a file in which no line is JSON is an error.
public struct JSONRecordReader {
    public enum Layout: Sendable {
        case document
        case lines
    }

    private enum Stage {
        case start
        case list(inEnvelope: Bool)
        case closing(inEnvelope: Bool)
        case finished
    }

    private var scanner: JSONScanner
    private let layout: Layout
    private var stage = Stage.start
    private var count = 0
    // JSON Lines
    private var lineStart = 0
    private var lineNumber = 1
    private var firstLine: Int?
    private var validLines = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>, layout: Layout) {
        scanner = JSONScanner(bytes)
        scanner.skipByteOrderMark()
        self.layout = layout
        lineStart = scanner.position
    }

    /// Fills `record` with the next record; false after the last one.
    public mutating func next(into record: inout JSONRecord) throws(JSONSyntaxError) -> Bool {
        record.members.removeAll(keepingCapacity: true)
        record.problem = nil
        switch layout {
        case .document: return try nextInDocument(&record)
        case .lines: return try nextLine(&record)
        }
    }

    /// True once the whole top-level value of a document has been read: an error after that
    /// is text after the value, as in JSON Lines mistaken for a document.
    public private(set) var readWholeValue = false

    // MARK: documents

    private mutating func nextInDocument(_ record: inout JSONRecord) throws(JSONSyntaxError) -> Bool {
        switch stage {
        case .start:
            switch scanner.peek() {
            case UInt8(ascii: "["):
                stage = try scanner.enterArray() ? .list(inEnvelope: false) : .closing(inEnvelope: false)
            case UInt8(ascii: "{"):
                switch try enterEnvelope() {
                case .list:
                    break
                case .object:
                    try Self.readObject(into: &record, from: &scanner)
                    return counted(&record)
                case .bare(let start, let line):
                    var whole = JSONScanner(scanner.bytes, from: start, to: scanner.end, line: line)
                    try Self.readObject(into: &record, from: &whole)
                    return counted(&record)
                }
            default:
                _ = try scanner.value()
                throw JSONSyntaxError(line: 1, reason: "a log export is an object or an array, not a single value")
            }
            return try nextInDocument(&record)
        case .list(let inEnvelope):
            _ = scanner.peek()
            record.line = scanner.line
            record.start = scanner.position
            if scanner.peek() == UInt8(ascii: "{") {
                try scanner.members(into: &record.members)
            } else {
                _ = try scanner.value()
                record.problem = .notAnObject
            }
            record.end = scanner.position
            if try !scanner.nextInArray() { stage = .closing(inEnvelope: inEnvelope) }
            return counted(&record)
        case .closing(let inEnvelope):
            if inEnvelope {
                while try scanner.nextInObject() {
                    _ = try scanner.key()
                    _ = try scanner.value()
                }
            }
            readWholeValue = true
            try scanner.expectEnd()
            stage = .finished
            return false
        case .finished:
            return false
        }
    }

    private enum Envelope {
        /// `{"data":[…]}`: the scanner stands at the list's first element (or after an empty list).
        case list
        /// `{"data":{…}}`: the scanner stands at the document's `{`.
        case object
        /// No list or object under `data`: the object that starts here is itself the record.
        case bare(start: Int, line: Int)
    }

    /// Reads a top-level object up to its `data` member.
    private mutating func enterEnvelope() throws(JSONSyntaxError) -> Envelope {
        let bare = Envelope.bare(start: scanner.position, line: scanner.line)
        stage = .closing(inEnvelope: false)
        guard try scanner.enterObject() else { return bare }
        repeat {
            let key = try scanner.key()
            if key.kind == .string, isData(key) {
                switch scanner.peek() {
                case UInt8(ascii: "["):
                    stage = try scanner.enterArray() ? .list(inEnvelope: true) : .closing(inEnvelope: true)
                    return .list
                case UInt8(ascii: "{"):
                    stage = .closing(inEnvelope: true)
                    return .object
                default:
                    break
                }
            }
            _ = try scanner.value()
        } while try scanner.nextInObject()
        return bare
    }

    /// The object where `source` stands, as one record.
    private static func readObject(into record: inout JSONRecord, from source: inout JSONScanner) throws(JSONSyntaxError) {
        _ = source.peek()
        record.line = source.line
        record.start = source.position
        try source.members(into: &record.members)
        record.end = source.position
    }

    /// Numbers a record just read; always true, for `next`'s return.
    private mutating func counted(_ record: inout JSONRecord) -> Bool {
        count += 1
        record.index = count
        return true
    }

    private func isData(_ key: JSONSpan) -> Bool {
        key.count == 4 && scanner.bytes[key.start] == UInt8(ascii: "d") && scanner.bytes[key.start + 1] == UInt8(ascii: "a")
            && scanner.bytes[key.start + 2] == UInt8(ascii: "t") && scanner.bytes[key.start + 3] == UInt8(ascii: "a")
    }

    // MARK: JSON Lines

    private mutating func nextLine(_ record: inout JSONRecord) throws(JSONSyntaxError) -> Bool {
        let bytes = scanner.bytes
        while lineStart < bytes.count {
            let lineEnd = Self.newline(in: bytes, from: lineStart) ?? bytes.count
            let start = lineStart, number = lineNumber
            lineStart = lineEnd + 1
            lineNumber += 1
            guard bytes[start..<lineEnd].contains(where: { !Self.isWhitespace($0) }) else { continue }
            if firstLine == nil { firstLine = number }
            count += 1
            record.line = number
            record.index = count
            record.start = start
            record.end = lineEnd
            var line = JSONScanner(bytes, from: start, to: lineEnd, line: number)
            do {
                if line.peek() == UInt8(ascii: "{") {
                    try line.members(into: &record.members)
                } else {
                    _ = try line.value()
                    record.problem = .notAnObject
                }
                try line.expectEnd()
                validLines += 1
            } catch {
                record.members.removeAll(keepingCapacity: true)
                record.problem = .notJSON(error)
            }
            return true
        }
        if let firstLine, validLines == 0 {
            throw JSONSyntaxError(line: firstLine, reason: "no line is valid JSON")
        }
        return false
    }

    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
