import Foundation

/// One record read from an export file, with where it came from.
struct LogRecord {
    var fields: [(String, Any)]
    /// Line in the file (JSON Lines, CSV), when the format has lines per record.
    var line: Int?
    /// 1-based position among the file's records.
    var record: Int
    /// The record's text as read, for the rejects table (built only when it is rejected).
    var raw: () -> String
    /// Why the record cannot be a row whatever its DocType (not JSON, wrong column count).
    var problem: String? = nil
}

/// The formats of an exported log file: REST list `{"data":[…]}`, single document
/// `{"data":{…}}`, bare array (`bench export-json`), a bare document, JSON Lines, and CSV in
/// Frappe's Data Import export style (labels as headers).
enum LogRecords {
    static func read(path: String) throws(MalformedFile) -> [LogRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MalformedFile(line: nil, reason: "cannot read the file")
        }
        let bytes = [UInt8](data)
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return try csv(bytes) }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return try jsonLines(bytes) }
        // .json or anything else: a whole JSON document, unless it is JSON Lines in disguise.
        do {
            return try json(bytes)
        } catch {
            if let lines = try? jsonLines(bytes), lines.count > 1, lines.allSatisfy({ $0.problem == nil }) { return lines }
            throw error
        }
    }

    static func json(_ bytes: [UInt8]) throws(MalformedFile) -> [LogRecord] {
        let top: Any
        do {
            top = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw MalformedFile(line: errorLine(error, bytes), reason: "not valid JSON")
        }
        let items: [Any]
        if let object = top as? [String: Any] {
            if let list = object["data"] as? [Any] { items = list }
            else if let document = object["data"] as? [String: Any] { items = [document] }
            else { items = [object] }
        } else if let list = top as? [Any] {
            items = list
        } else {
            throw MalformedFile(line: 1, reason: "JSON is neither an object nor an array")
        }
        return items.enumerated().map { offset, item in
            let object = item as? [String: Any]
            return LogRecord(fields: object.map { Array($0) } ?? [], line: nil, record: offset + 1,
                             raw: { JSONText.encode(item) }, problem: object == nil ? "not a JSON object" : nil)
        }
    }

    /// JSON Lines. The whole file is parsed as one array first (fast); only if that fails is it
    /// parsed line by line, so a bad line is a reject with its line number and the rest arrive.
    static func jsonLines(_ bytes: [UInt8]) throws(MalformedFile) -> [LogRecord] {
        var lines: [(number: Int, slice: ArraySlice<UInt8>)] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 1
        for i in start...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
            let slice = bytes[start..<i]
            if slice.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { lines.append((number, slice)) }
            start = i + 1
            number += 1
        }
        var joined: [UInt8] = [UInt8(ascii: "[")]
        joined.reserveCapacity(bytes.count + lines.count + 2)
        for (n, line) in lines.enumerated() {
            if n > 0 { joined.append(UInt8(ascii: ",")) }
            joined.append(contentsOf: line.slice)
        }
        joined.append(UInt8(ascii: "]"))
        if let all = try? JSONSerialization.jsonObject(with: Data(joined)) as? [Any], all.count == lines.count {
            return zip(lines, all).enumerated().map { offset, pair in
                record(pair.1, line: pair.0.number, index: offset + 1, slice: pair.0.slice)
            }
        }
        if lines.isEmpty { return [] }
        var records: [LogRecord] = []
        var good = 0
        for (offset, line) in lines.enumerated() {
            if let value = try? JSONSerialization.jsonObject(with: Data(line.slice), options: [.fragmentsAllowed]) {
                good += 1
                records.append(record(value, line: line.number, index: offset + 1, slice: line.slice))
            } else {
                records.append(LogRecord(fields: [], line: line.number, record: offset + 1,
                                         raw: { String(decoding: line.slice, as: UTF8.self) }, problem: "not valid JSON"))
            }
        }
        // Nothing parsed: the file is not JSON Lines at all.
        if good == 0 { throw MalformedFile(line: lines[0].number, reason: "not valid JSON") }
        return records
    }

    private static func record(_ value: Any, line: Int, index: Int, slice: ArraySlice<UInt8>) -> LogRecord {
        let object = value as? [String: Any]
        return LogRecord(fields: object.map { Array($0) } ?? [], line: line, record: index,
                         raw: { String(decoding: slice, as: UTF8.self) }, problem: object == nil ? "not a JSON object" : nil)
    }

    static func csv(_ bytes: [UInt8]) throws(MalformedFile) -> [LogRecord] {
        let rows = try CSVReader.records(bytes)
        guard let header = rows.first else { return [] }
        let names = header.fields.map { String($0.trimmingSpaces) }
        return rows.dropFirst().enumerated().map { offset, row in
            var fields: [(String, Any)] = []
            fields.reserveCapacity(names.count)
            for (k, value) in row.fields.enumerated() {
                fields.append((k < names.count ? names[k] : "column \(k + 1)", value))
            }
            let problem = row.fields.count == names.count ? nil : "\(row.fields.count) fields, the header has \(names.count)"
            return LogRecord(fields: fields, line: row.line, record: offset + 1,
                             raw: { String(decoding: row.raw, as: UTF8.self) }, problem: problem)
        }
    }

    /// The line of a JSONSerialization error ("… around character N."), counted in `bytes`.
    static func errorLine(_ error: Error, _ bytes: [UInt8]) -> Int? {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        guard let range = text.range(of: "character ") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        guard let offset = Int(digits) else { return nil }
        return 1 + bytes.prefix(min(offset, bytes.count)).count(where: { $0 == UInt8(ascii: "\n") })
    }
}
