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

    /// Imports of at least this many bytes are written with a rollback journal (see
    /// `Database.withRollbackJournal`); smaller ones keep the write-ahead log, so reports can
    /// be read while a routine import runs.
    public var rollbackJournalBytes: Int

    public init(doctype: String? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!, rollbackJournalBytes: Int = 32 << 20) {
        self.doctype = doctype
        self.timeZone = timeZone
        self.rollbackJournalBytes = rollbackJournalBytes
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
///
/// Two threads per file: a parser (`ExportParser`) turns records into rows of bytes and typed
/// values, and this one binds them to SQLite, batches handed over through a small `BatchPipe`.
/// On a 2-core machine each side then has a core: neither parsing nor SQLite waits for the other.
public final class LogImporter {
    let tables: LogTables
    let options: ImportOptions
    let forced: DocTypeSchema?
    let dates: LogDateTime
    private let writer: BatchWriter
    static let rawLimit = 4096
    /// The import's page cache (64 MiB, SQLite's default is 2 MiB): a million-row table's name
    /// index then stays in memory while rows are inserted in random name order.
    static let cacheKiB = 65_536

    public init(database: Database, options: ImportOptions) throws(ImportError) {
        self.tables = LogTables(database: database)
        self.options = options
        self.dates = LogDateTime(timeZone: options.timeZone)
        self.writer = BatchWriter(tables: tables)
        if let name = options.doctype {
            guard let schema = DocTypes.named(name) else {
                throw ImportError("unknown DocType \"\(name)\"; known: \(DocTypes.all.map(\.doctype).joined(separator: ", "))")
            }
            forced = schema
        } else {
            forced = nil
        }
        do {
            try database.execute("PRAGMA cache_size = -\(Self.cacheKiB)")
        } catch {
            throw ImportError(error.message)
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

    /// Imports the files in order, each in its own transaction. The next file is read and its
    /// first batches parsed while this one commits (a commit of a large file, with its
    /// checkpoint, takes a while and needs the writing thread only).
    public func importFiles(_ paths: [String]) throws -> [FileImportSummary] {
        let files = try Self.expand(paths)
        guard Self.totalBytes(files) >= options.rollbackJournalBytes else { return try importEach(files) }
        return try tables.database.withRollbackJournal { try importEach(files) }
    }

    static func totalBytes(_ files: [String]) -> Int {
        files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    }

    private func importEach(_ files: [String]) throws -> [FileImportSummary] {
        var summaries: [FileImportSummary] = []
        var job = files.first.map(startParsing)
        for index in files.indices {
            var next: ParseJob?
            do {
                summaries.append(try write(job!) {
                    if index + 1 < files.count { next = startParsing(files[index + 1]) }
                })
            } catch {
                next?.pipe.abandon()
                throw error
            }
            job = next
        }
        return summaries
    }

    /// Imports one file in one transaction; only a database failure throws.
    public func importFile(_ path: String) throws -> FileImportSummary {
        try write(startParsing(path), whenParsed: {})
    }

    /// Thrown inside the file's transaction to roll it back when the file turns out unreadable.
    private struct Unreadable: Error {}

    private func startParsing(_ path: String) -> ParseJob {
        let fileSchema = forced ?? Self.schema(forFile: path)
        return ParseJob(path: path, schema: fileSchema) { pipe in
            ExportParser(path: path, forced: forced, fileSchema: fileSchema, dates: dates, pipe: pipe)
        }
    }

    /// Writes the rows of a file whose parse has started; `whenParsed` runs once the parser
    /// has finished and every row is written, before the commit.
    private func write(_ job: ParseJob, whenParsed: () -> Void) throws -> FileImportSummary {
        let path = job.path, started = job.started, pipe = job.pipe
        var upserted = 0, unchanged = 0
        do {
            try tables.database.transaction {
                while var batch = pipe.takeFull() {
                    try writer.write(batch, file: path, at: started, upserted: &upserted, unchanged: &unchanged)
                    batch.removeAll()
                    pipe.putEmpty(batch)
                }
                whenParsed()
                let result = job.result
                if result.failure != nil { throw Unreadable() }
                let doctype = result.doctypes.isEmpty ? nil : result.doctypes.joined(separator: ", ")
                try tables.recordImport(file: path, doctype: doctype, read: result.read, upserted: upserted,
                                        unchanged: unchanged, rejected: result.rejected, started: started,
                                        finished: Date().timeIntervalSince1970)
            }
        } catch is Unreadable {
            return try recordUnreadable(path, failure: job.result.failure!, doctype: job.schema?.doctype, started: started)
        } catch {
            pipe.abandon()
            throw error
        }
        let result = job.result
        return FileImportSummary(file: path, doctypes: result.doctypes, read: result.read, upserted: upserted,
                                 unchanged: unchanged, rejected: result.rejected, failure: nil,
                                 rejectMessages: result.rejectMessages)
    }

    /// A file that cannot be read is one reject (with its line) and an import record, nothing else.
    private func recordUnreadable(_ path: String, failure: MalformedFile, doctype: String?, started: Double) throws -> FileImportSummary {
        try tables.database.transaction {
            try tables.recordReject(file: path, line: failure.line, record: nil, doctype: doctype,
                                    reason: failure.reason, raw: nil, at: started)
            try tables.recordImport(file: path, doctype: doctype, read: 0, upserted: 0, unchanged: 0,
                                    rejected: 1, started: started, finished: Date().timeIntervalSince1970)
        }
        let location = failure.line.map { "\(path):\($0)" } ?? path
        return FileImportSummary(file: path, doctypes: doctype.map { [$0] } ?? [], rejected: 1, failure: "\(location): \(failure.reason)")
    }

    /// The DocType a file is named after: `AI Proxy Log.json`, `ai_proxy_log.csv`, `ai-proxy-log.jsonl`.
    static func schema(forFile path: String) -> DocTypeSchema? {
        let base = (path as NSString).lastPathComponent
        let stem = base.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? base
        return DocTypes.named(stem)
    }

    /// At most 4 KB of a record's bytes as text, cut on a character boundary, invalid UTF-8
    /// replaced (for the rejects table).
    static func rawText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var end = min(bytes.count, rawLimit)
        // Do not cut a character in two: step back to the start of the one at the cut.
        if end < bytes.count { while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 } }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        guard text.utf8.count > rawLimit else { return text }
        // Replacement characters are longer than the bytes they replace.
        var cut = text.utf8.index(text.utf8.startIndex, offsetBy: rawLimit)
        while !text.unicodeScalars.indices.contains(cut) { cut = text.utf8.index(before: cut) }
        return String(text[..<cut])
    }
}
