import CSQLite

public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A valid pointer for empty text: SQLite reads a NULL pointer as SQL NULL.
private var emptyText: UnsafePointer<CChar> {
    UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
}

/// SQLite transient destructor: SQLite copies bound text and blobs before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A thin layer over the SQLite C API: one connection, prepared statements, transactions.
/// Not for use from two threads at once.
public final class Database {
    public let path: String
    let handle: OpaquePointer

    public init(path: String) throws(StoreError) {
        _ = Self.withoutMemoryStatistics
        var db: OpaquePointer?
        // NOMUTEX: a connection is used by one thread at a time (the import parses on another
        // thread but only its calling thread touches SQLite); FULLMUTEX took a lock in every
        // bind and step, 8% of an import.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK, let db else {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw StoreError("\(path): cannot open the state database (\(reason))")
        }
        self.path = path
        self.handle = db
        sqlite3_busy_timeout(db, 5_000)
        // Only a new database takes it (before its first table). 16 KiB pages instead of 4: a
        // fresh import of 1.3M log rows writes 560 MB instead of 630 (fewer overflow pages for
        // chat messages, fewer splits) and its commits, with their checkpoints, take a third less.
        try execute("PRAGMA page_size = 16384")
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA foreign_keys = ON")
    }

    /// SQLite's memory statistics take a global mutex in every allocation, 5% of the writing
    /// thread of an import; nothing here reads them. Set once, before the first connection.
    private static let withoutMemoryStatistics: Void = { _ = lectern_sqlite3_disable_memstatus() }()

    deinit {
        sqlite3_close_v2(handle)
    }

    func error(_ context: String) -> StoreError {
        StoreError("\(path): \(context): \(String(cString: sqlite3_errmsg(handle)))")
    }

    public func execute(_ sql: String) throws(StoreError) {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw error("cannot run \(sql.prefix(60))") }
    }

    public func prepare(_ sql: String) throws(StoreError) -> Statement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw error("cannot prepare \(sql.prefix(60))")
        }
        return Statement(database: self, handle: statement)
    }

    /// Runs `body` in one transaction: all of it is written, or (on a thrown error) none of it.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` with a rollback journal instead of the write-ahead log, when no other
    /// connection is open (else in WAL as usual). For one large transaction the log costs a
    /// second copy of every page: written to the log, then copied into the database at the
    /// checkpoint. A rollback journal keeps only the old content of pages changed in place, so
    /// appended rows are written once (a 1.3M-row import: 7.3–8.3 s in WAL, 6.5 s this way). While
    /// it runs, other connections wait for its commits instead of reading beside them.
    public func withRollbackJournal<T>(_ body: () throws -> T) throws -> T {
        guard (try? journalMode("TRUNCATE")) == "truncate" else { return try body() }
        // FULL: in rollback mode NORMAL may lose the last commit on power loss.
        try execute("PRAGMA synchronous = FULL")
        defer {
            _ = try? journalMode("WAL")
            try? execute("PRAGMA synchronous = NORMAL")
        }
        return try body()
    }

    /// Sets the journal mode; SQLite answers with the mode now in force.
    func journalMode(_ mode: String) throws(StoreError) -> String {
        try firstText("PRAGMA journal_mode = \(mode)")
    }

    /// "wal", "truncate", …
    public var journalMode: String {
        get throws(StoreError) { try firstText("PRAGMA journal_mode") }
    }

    private func firstText(_ sql: String) throws(StoreError) -> String {
        let statement = try prepare(sql)
        return try statement.step() ? statement.text(0) : ""
    }

    public var userVersion: Int {
        get throws(StoreError) {
            let statement = try prepare("PRAGMA user_version")
            return try statement.step() ? statement.int(0) : 0
        }
    }
}

public final class Statement {
    let database: Database
    let handle: OpaquePointer

    init(database: Database, handle: OpaquePointer) {
        self.database = database
        self.handle = handle
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds values to `?1…?n` in order, after resetting the statement.
    @discardableResult
    public func bind(_ values: [SQLValue]) throws(StoreError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(handle, index)
            case .int(let v): status = sqlite3_bind_int64(handle, index, Int64(v))
            case .double(let v): status = sqlite3_bind_double(handle, index, v)
            case .text(let v):
                // With the length given, a NUL inside the text is stored too (-1 would cut there).
                var text = v
                status = text.withUTF8 { utf8 in
                    let start = utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? emptyText
                    return sqlite3_bind_text(handle, index, start, Int32(utf8.count), transient)
                }
            case .blob(let bytes):
                status = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient) }
            }
            guard status == SQLITE_OK else { throw database.error("cannot bind parameter \(index)") }
        }
        return self
    }

    /// Advances to the next row; false when there are no more.
    public func step() throws(StoreError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error("statement failed")
        }
    }

    public func run(_ values: [SQLValue] = []) throws(StoreError) {
        try bind(values)
        while try step() {}
    }

    /// Runs the statement once with cells of `batch` as its parameters: the ranges in `groups`
    /// one after another, from `?1`. Text is bound in place, without a copy (SQLITE_STATIC):
    /// it is only read during the step, which happens inside this call.
    public func run(_ batch: RowBatch, cells groups: [Range<Int>]) throws(StoreError) {
        sqlite3_reset(handle)
        let status: Int32 = batch.bytes.withUnsafeBufferPointer { bytes in
            var parameter: Int32 = 1
            for group in groups {
                for cell in batch.cells[group] {
                    let bound: Int32
                    switch cell.tag {
                    case .null: bound = sqlite3_bind_null(handle, parameter)
                    case .int: bound = sqlite3_bind_int64(handle, parameter, Int64(bitPattern: cell.payload))
                    case .double: bound = sqlite3_bind_double(handle, parameter, Double(bitPattern: cell.payload))
                    case .text:
                        let start = bytes.baseAddress.map { UnsafeRawPointer($0 + Int(cell.payload)) } ?? UnsafeRawPointer(emptyText)
                        bound = sqlite3_bind_text(handle, parameter, start.assumingMemoryBound(to: CChar.self), cell.length, nil)
                    }
                    guard bound == SQLITE_OK else { return bound }
                    parameter += 1
                }
            }
            let stepped = sqlite3_step(handle)
            sqlite3_reset(handle)
            return stepped == SQLITE_DONE || stepped == SQLITE_ROW ? SQLITE_OK : stepped
        }
        guard status == SQLITE_OK else { throw database.error("statement failed") }
    }

    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

public enum SQLValue: Sendable {
    case null
    case int(Int)
    case double(Double)
    case text(String)
    case blob([UInt8])
}

func sqlite3LastInsertRowID(_ database: Database) -> Int64 {
    sqlite3_last_insert_rowid(database.handle)
}
