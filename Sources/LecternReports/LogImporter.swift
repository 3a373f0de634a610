import Foundation
import LecternStore

/// A problem that stops the whole import (bad option, missing path); exit status 2.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public struct ImportOptions: Sendable {
    /// Forces every record's DocType (`--doctype`).
    public var doctype: String?
    /// The zone of naive datetimes (`--timezone`).
    public var timeZone: TimeZone

    public init(doctype: String? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.doctype = doctype
        self.timeZone = timeZone
    }
}

/// What one file gave: counts, and the rejects as `file:line: reason` lines for the terminal.
public struct FileImportSummary: Sendable, Equatable {
    public var file: String
    public var doctypes: [String] = []
    public var read = 0
    public var upserted = 0
    public var unchanged = 0
    public var rejected = 0
    /// Set when the file as a whole could not be read (not JSON, an unclosed CSV quote).
    public var failure: String?
    public var rejectMessages: [String] = []
}

/// `lectern import`: reads exported AI-tutor logs into `state.sqlite`, one transaction per file.
/// Bad rows and bad files are recorded in `rejects` and never stop the other rows or files.
public final class LogImporter {
    let tables: LogTables
    let options: ImportOptions
    let forced: DocTypeSchema?
    let dates: LogDateTime
    static let rawLimit = 4096

    public init(database: Database, options: ImportOptions) throws(ImportError) {
        self.tables = LogTables(database: database)
        self.options = options
        self.dates = LogDateTime(timeZone: options.timeZone)
        if let name = options.doctype {
            guard let schema = DocTypes.named(name) else {
                throw ImportError("unknown DocType \"\(name)\"; known: \(DocTypes.all.map(\.doctype).joined(separator: ", "))")
            }
            forced = schema
        } else {
            forced = nil
        }
    }

    /// Files named by `paths`: a file as is, a folder's regular files (not hidden) sorted by name.
    public static func expand(_ paths: [String]) throws(ImportError) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw ImportError("\(path): no such file or folder") }
            guard isDirectory.boolValue else { files.append(path); continue }
            guard let names = try? manager.contentsOfDirectory(atPath: path) else { throw ImportError("\(path): cannot list the folder") }
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = (path as NSString).appendingPathComponent(name)
                var nested: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue { files.append(full) }
            }
        }
        return files
    }

    public func importFiles(_ paths: [String]) throws -> [FileImportSummary] {
        try Self.expand(paths).map { try importFile($0) }
    }

    /// Imports one file in one transaction; only a database failure throws.
    public func importFile(_ path: String) throws -> FileImportSummary {
        let started = Date().timeIntervalSince1970
        var summary = FileImportSummary(file: path)
        let fileSchema = forced ?? Self.schema(forFile: path)
        summary.doctypes = fileSchema.map { [$0.doctype] } ?? []
        let records: [LogRecord]
        do {
            records = try LogRecords.read(path: path)
        } catch {
            let location = error.line.map { "\(path):\($0)" } ?? path
            summary.failure = "\(location): \(error.reason)"
            summary.rejected = 1
            try tables.database.transaction {
                try tables.recordReject(file: path, line: error.line, record: nil, doctype: fileSchema?.doctype,
                                        reason: error.reason, raw: nil, at: started)
                try tables.recordImport(file: path, doctype: fileSchema?.doctype, read: 0, upserted: 0, unchanged: 0,
                                        rejected: 1, started: started, finished: Date().timeIntervalSince1970)
            }
            return summary
        }
        try tables.database.transaction {
            var upserters: [String: LogUpsert] = [:]
            var seen = Set(summary.doctypes)
            for record in records {
                summary.read += 1
                var schema = fileSchema
                do {
                    if let problem = record.problem { throw LogRow.Rejected(reason: problem) }
                    if forced == nil, let declared = record.fields.first(where: { LogRow.isDoctypeKey($0.0) })?.1 as? String, !declared.isEmpty {
                        guard let named = DocTypes.named(declared) else { throw LogRow.Rejected(reason: "unknown DocType \"\(declared)\"") }
                        schema = named
                    }
                    guard let schema else {
                        throw LogRow.Rejected(reason: "no DocType: pass --doctype, add a doctype field, or name the file after it (\"AI Proxy Log.json\")")
                    }
                    let row = try LogRow(record: record.fields, schema: schema, dates: dates, sourceFile: path)
                    let upsert: LogUpsert
                    if let existing = upserters[schema.doctype] { upsert = existing } else {
                        upsert = try tables.upserter(table: schema.table, columns: schema.columnNames)
                        upserters[schema.doctype] = upsert
                    }
                    if seen.insert(schema.doctype).inserted { summary.doctypes.append(schema.doctype) }
                    if try upsert.upsert(row.values) {
                        summary.upserted += 1
                        if let child = schema.child, let children = row.children {
                            try tables.replaceChildren(table: child.table, parent: row.name,
                                                       columns: ["idx"] + child.fields.map(\.name) + ["extra_json"], rows: children)
                        }
                    } else {
                        summary.unchanged += 1
                    }
                } catch let rejected as LogRow.Rejected {
                    summary.rejected += 1
                    let location = record.line.map { "\(path):\($0)" } ?? "\(path) record \(record.record)"
                    if summary.rejectMessages.count < 20 { summary.rejectMessages.append("\(location): \(rejected.reason)") }
                    try tables.recordReject(file: path, line: record.line, record: record.record, doctype: schema?.doctype,
                                            reason: rejected.reason, raw: Self.truncated(record.raw()), at: started)
                }
            }
            let doctype = summary.doctypes.isEmpty ? nil : summary.doctypes.joined(separator: ", ")
            try tables.recordImport(file: path, doctype: doctype, read: summary.read, upserted: summary.upserted,
                                    unchanged: summary.unchanged, rejected: summary.rejected, started: started,
                                    finished: Date().timeIntervalSince1970)
        }
        return summary
    }

    /// The DocType a file is named after: `AI Proxy Log.json`, `ai_proxy_log.csv`, `ai-proxy-log.jsonl`.
    static func schema(forFile path: String) -> DocTypeSchema? {
        let base = (path as NSString).lastPathComponent
        let stem = base.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? base
        return DocTypes.named(stem)
    }

    /// At most 4 KB of a rejected record, cut on a character boundary.
    static func truncated(_ raw: String) -> String {
        guard raw.utf8.count > rawLimit else { return raw }
        var end = raw.utf8.index(raw.utf8.startIndex, offsetBy: rawLimit)
        while end > raw.startIndex && !raw.unicodeScalars.indices.contains(end) { end = raw.utf8.index(before: end) }
        return String(raw[..<end])
    }
}
