import LecternStore

/// The writing side of an import: binds each batch's rows to one prepared upsert per table and
/// records its rejects, inside the file's transaction. Statements live as long as the importer.
final class BatchWriter {
    let tables: LogTables
    private var upserts: [LogUpsert?] = Array(repeating: nil, count: DocTypes.all.count)
    private var children: [ChildRowReplacer?] = Array(repeating: nil, count: DocTypes.all.count)

    init(tables: LogTables) {
        self.tables = tables
    }

    /// Writes `batch`; adds to the counts of rows that changed and rows already as stored.
    /// Consecutive rows of one DocType without child rows go to SQLite several per statement;
    /// rejects and rows with children are written where they come, so the order stays the file's.
    func write(_ batch: ImportBatch, file: String, at time: Double, upserted: inout Int, unchanged: inout Int) throws(StoreError) {
        var run = RowRun()
        for entry in batch.entries {
            switch entry {
            case .row(let index, let first, nil):
                if index != run.schema { try flush(&run, batch, upserted: &upserted, unchanged: &unchanged) }
                run.schema = index
                run.firsts.append(first)
            case .row(let index, let first, let childRows?):
                try flush(&run, batch, upserted: &upserted, unchanged: &unchanged)
                let schema = DocTypes.all[index]
                guard try upsert(index).upsert(batch.rows, row: first, width: schema.columnCount) else {
                    unchanged += 1
                    continue
                }
                upserted += 1
                try replacer(index).replace(batch.rows, parent: first, firstChild: first + schema.columnCount,
                                            count: childRows, width: schema.childColumnCount)
            case .reject(let reject):
                try flush(&run, batch, upserted: &upserted, unchanged: &unchanged)
                try tables.recordReject(file: file, line: reject.line, record: reject.record, doctype: reject.doctype,
                                        reason: reject.reason, raw: reject.raw, at: time)
            }
        }
        try flush(&run, batch, upserted: &upserted, unchanged: &unchanged)
    }

    /// Rows of one DocType waiting to be written together: their first cells in `batch.rows`.
    private struct RowRun {
        var schema = -1
        var firsts: [Int] = []
    }

    private func flush(_ run: inout RowRun, _ batch: ImportBatch, upserted: inout Int, unchanged: inout Int) throws(StoreError) {
        guard !run.firsts.isEmpty else { return }
        let changed = try upsert(run.schema).upsert(batch.rows, rows: run.firsts[...], width: DocTypes.all[run.schema].columnCount)
        upserted += changed
        unchanged += run.firsts.count - changed
        run.firsts.removeAll(keepingCapacity: true)
    }

    private func upsert(_ index: Int) throws(StoreError) -> LogUpsert {
        if let upsert = upserts[index] { return upsert }
        let schema = DocTypes.all[index]
        let upsert = try tables.upserter(table: schema.table, columns: schema.columnNames)
        upserts[index] = upsert
        return upsert
    }

    private func replacer(_ index: Int) throws(StoreError) -> ChildRowReplacer {
        if let replacer = children[index] { return replacer }
        let child = DocTypes.all[index].child!
        let replacer = try tables.childReplacer(table: child.table, columns: ["idx"] + child.fields.map(\.name) + ["extra_json"])
        children[index] = replacer
        return replacer
    }
}
