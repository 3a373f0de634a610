import CSQLite

/// Writes imported AI-tutor log rows (migration 2's tables) into `state.sqlite`.
/// The importer decides what a row holds; this type only knows how rows, rejects and import
/// records are stored, so the SQL stays in the store module.
public final class LogTables {
    public let database: Database
    /// Prepared once: a file with many bad rows records each one with it.
    private var rejectInsert: Statement?

    public init(database: Database) {
        self.database = database
    }

    /// A prepared upsert for one table, reused for every row of a file.
    public func upserter(table: String, columns: [String]) throws(StoreError) -> LogUpsert {
        try LogUpsert(database: database, table: table, columns: columns)
    }

    /// Replaces the child rows of parents of one child table (the items of an AI FAQ Draft).
    public func childReplacer(table: String, columns: [String]) throws(StoreError) -> ChildRowReplacer {
        try ChildRowReplacer(database: database, table: table, columns: columns)
    }

    public func recordReject(file: String, line: Int?, record: Int?, doctype: String?, reason: String, raw: String?,
                             at time: Double) throws(StoreError) {
        if rejectInsert == nil {
            rejectInsert = try database.prepare("""
                INSERT INTO rejects (file, line, record, doctype, reason, raw, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                """)
        }
        try rejectInsert?.run([.text(file), line.map(SQLValue.int) ?? .null, record.map(SQLValue.int) ?? .null,
                      doctype.map(SQLValue.text) ?? .null, .text(reason), raw.map(SQLValue.text) ?? .null, .double(time)])
    }

    public func recordImport(file: String, doctype: String?, read: Int, upserted: Int, unchanged: Int, rejected: Int,
                             started: Double, finished: Double) throws(StoreError) {
        try database.prepare("""
            INSERT INTO imports (file, doctype, rows_read, rows_upserted, rows_unchanged, rows_rejected, started_at, finished_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """).run([.text(file), doctype.map(SQLValue.text) ?? .null, .int(read), .int(upserted), .int(unchanged),
                      .int(rejected), .double(started), .double(finished)])
    }
}

/// `INSERT … ON CONFLICT(name) DO UPDATE … WHERE newer`: one statement decides insert, replace or
/// keep, so a re-import of the same export writes nothing and an older export never wins.
/// `columns` must start with `name` and include `modified`.
public final class LogUpsert {
    let single: Statement
    /// The same upsert for `rowsPerStatement` rows: a statement's own work (cursors opened and
    /// closed, registers freed) then counts once per 32 rows, 30% of the writing thread's
    /// instructions on a proxy log. The rows are taken in order, so two rows of one name end as
    /// two single upserts would.
    let several: Statement
    public static let rowsPerStatement = 32
    let database: Database

    init(database: Database, table: String, columns: [String]) throws(StoreError) {
        precondition(columns.first == "name" && columns.contains("modified"), "an upsert needs name and modified")
        func sql(rows: Int) -> String {
            let names = columns.map(quoted).joined(separator: ", ")
            let values = (0..<rows).map { row in
                "(" + (1...columns.count).map { "?\(row * columns.count + $0)" }.joined(separator: ", ") + ")"
            }.joined(separator: ", ")
            let updates = columns.dropFirst().map { "\(quoted($0)) = excluded.\(quoted($0))" }.joined(separator: ", ")
            let t = quoted(table)
            // A row without `modified` never replaces one that has it; two without it keep the first.
            return """
                INSERT INTO \(t) (\(names)) VALUES \(values)
                ON CONFLICT (name) DO UPDATE SET \(updates)
                WHERE excluded.modified > \(t).modified OR (\(t).modified IS NULL AND excluded.modified IS NOT NULL)
                """
        }
        self.single = try database.prepare(sql(rows: 1))
        self.several = try database.prepare(sql(rows: Self.rowsPerStatement))
        self.database = database
    }

    /// Writes the row of `width` cells of `batch` from `first`, in `columns` order; true when it
    /// was inserted or replaced an older one, false when unchanged.
    public func upsert(_ batch: RowBatch, row first: Int, width: Int) throws(StoreError) -> Bool {
        try single.run(batch, cells: [first..<(first + width)])
        return sqlite3_changes(database.handle) > 0
    }

    /// Writes the rows of `width` cells that start at `firsts`, in order; returns how many were
    /// inserted or replaced an older one (the others were unchanged).
    public func upsert(_ batch: RowBatch, rows firsts: ArraySlice<Int>, width: Int) throws(StoreError) -> Int {
        var changed = 0
        var start = firsts.startIndex
        while firsts.endIndex - start >= Self.rowsPerStatement {
            let group = firsts[start..<(start + Self.rowsPerStatement)]
            try several.run(batch, cells: group.map { $0..<($0 + width) })
            changed += Int(sqlite3_changes(database.handle))
            start += Self.rowsPerStatement
        }
        for first in firsts[start...] where try upsert(batch, row: first, width: width) { changed += 1 }
        return changed
    }
}

/// Deletes a parent's child rows and inserts its new ones, with statements prepared once.
public final class ChildRowReplacer {
    let delete: Statement
    let insert: Statement

    /// `columns` are the child columns after `parent`.
    init(database: Database, table: String, columns: [String]) throws(StoreError) {
        let names = (["parent"] + columns).map(quoted).joined(separator: ", ")
        let slots = (1...(columns.count + 1)).map { "?\($0)" }.joined(separator: ", ")
        delete = try database.prepare("DELETE FROM \(quoted(table)) WHERE parent = ?1")
        insert = try database.prepare("INSERT INTO \(quoted(table)) (\(names)) VALUES (\(slots))")
    }

    /// The parent's name is cell `parent` of `batch`; each child row is `width` cells, starting
    /// at `firstChild`.
    public func replace(_ batch: RowBatch, parent: Int, firstChild: Int, count: Int, width: Int) throws(StoreError) {
        try delete.run(batch, cells: [parent..<(parent + 1)])
        for row in 0..<count {
            let start = firstChild + row * width
            try insert.run(batch, cells: [parent..<(parent + 1), start..<(start + width)])
        }
    }
}

/// Table and column names come from Lectern's own schema, never from input files.
private func quoted(_ identifier: String) -> String {
    "\"\(identifier)\""
}
