import CSQLite

/// Writes imported AI-tutor log rows (migration 2's tables) into `state.sqlite`.
/// The importer decides what a row holds; this type only knows how rows, rejects and import
/// records are stored, so the SQL stays in the store module.
public final class LogTables {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A prepared upsert for one table, reused for every row of a file.
    public func upserter(table: String, columns: [String]) throws(StoreError) -> LogUpsert {
        try LogUpsert(database: database, table: table, columns: columns)
    }

    /// Replaces the child rows of one parent (e.g. the items of an AI FAQ Draft).
    public func replaceChildren(table: String, parent: String, columns: [String], rows: [[SQLValue]]) throws(StoreError) {
        try database.prepare("DELETE FROM \(quoted(table)) WHERE parent = ?1").run([.text(parent)])
        guard !rows.isEmpty else { return }
        let names = (["parent"] + columns).map(quoted).joined(separator: ", ")
        let slots = (1...(columns.count + 1)).map { "?\($0)" }.joined(separator: ", ")
        let insert = try database.prepare("INSERT INTO \(quoted(table)) (\(names)) VALUES (\(slots))")
        for row in rows { try insert.run([.text(parent)] + row) }
    }

    public func recordReject(file: String, line: Int?, record: Int?, doctype: String?, reason: String, raw: String?,
                             at time: Double) throws(StoreError) {
        try database.prepare("""
            INSERT INTO rejects (file, line, record, doctype, reason, raw, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """).run([.text(file), line.map(SQLValue.int) ?? .null, record.map(SQLValue.int) ?? .null,
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
    let statement: Statement
    let database: Database

    init(database: Database, table: String, columns: [String]) throws(StoreError) {
        precondition(columns.first == "name" && columns.contains("modified"), "an upsert needs name and modified")
        let names = columns.map(quoted).joined(separator: ", ")
        let slots = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        let updates = columns.dropFirst().map { "\(quoted($0)) = excluded.\(quoted($0))" }.joined(separator: ", ")
        let t = quoted(table)
        // A row without `modified` never replaces one that has it; two without it keep the first.
        self.statement = try database.prepare("""
            INSERT INTO \(t) (\(names)) VALUES (\(slots))
            ON CONFLICT (name) DO UPDATE SET \(updates)
            WHERE excluded.modified > \(t).modified OR (\(t).modified IS NULL AND excluded.modified IS NOT NULL)
            """)
        self.database = database
    }

    /// Writes one row; true when it was inserted or replaced an older one, false when unchanged.
    public func upsert(_ values: [SQLValue]) throws(StoreError) -> Bool {
        try statement.run(values)
        return sqlite3_changes(database.handle) > 0
    }
}

/// Table and column names come from Lectern's own schema, never from input files.
private func quoted(_ identifier: String) -> String {
    "\"\(identifier)\""
}
