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
    func write(_ batch: ImportBatch, file: String, at time: Double, upserted: inout Int, unchanged: inout Int) throws(StoreError) {
        for entry in batch.entries {
            switch entry {
            case .row(let index, let first, let childRows):
                let schema = DocTypes.all[index]
                guard try upsert(index).upsert(batch.rows, row: first, width: schema.columnCount) else {
                    unchanged += 1
                    continue
                }
                upserted += 1
                if let childRows {
                    try replacer(index).replace(batch.rows, parent: first, firstChild: first + schema.columnCount,
                                                count: childRows, width: schema.childColumnCount)
                }
            case .reject(let reject):
                try tables.recordReject(file: file, line: reject.line, record: reject.record, doctype: reject.doctype,
                                        reason: reject.reason, raw: reject.raw, at: time)
            }
        }
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
