extension SiteBuilder {
    func importsPage() -> ReportPage {
        let fileRows = snapshot.imports.map { i -> [ReportValue] in
            [.text(i.file), .text(i.doctype), .count(i.read), .count(i.upserted), .count(i.unchanged), .count(i.rejected), .time(i.finishedAt)]
        }
        let rejectRows = snapshot.rejects.map { r -> [ReportValue] in
            [.text(r.file), .count(r.line), .count(r.record), .text(r.doctype), .text(r.reason), .text(r.raw)]
        }
        return ReportPage(name: "imports", path: "imports.html", title: "Imports and rejected rows",
                          summary: "The latest import of each log file, and the rows that failed validation, with file, line and reason.",
                          sections: [
            ReportSection(tiles: [
                ReportTile("files", "Files", .count(snapshot.imports.count)), ReportTile("rows_read", "Rows read", .count(snapshot.rowsRead)),
                ReportTile("rows_rejected", "Rows rejected", .count(snapshot.rowsRejected)),
            ]),
            ReportSection(title: "Files", table: ReportTable(key: "files", title: "Files", columns: [
                ReportColumn("file", "File"), ReportColumn("doctype", "DocType"), ReportColumn("read", "Read"), ReportColumn("upserted", "Upserted"),
                ReportColumn("unchanged", "Unchanged"), ReportColumn("rejected", "Rejected"), ReportColumn("imported_at", "Imported at"),
            ], rows: fileRows, emptyText: "Nothing imported yet: run `lectern import`.")),
            ReportSection(title: "Rejected rows",
                          text: snapshot.rejectCount > snapshot.rejects.count ? "The first \(snapshot.rejects.count.formatted) of \(snapshot.rejectCount.formatted); the rest are in the rejects table of state.sqlite." : nil,
                          table: ReportTable(key: "rejects", title: "Rejected rows", columns: [
                ReportColumn("file", "File"), ReportColumn("line", "Line"), ReportColumn("record", "Record"), ReportColumn("doctype", "DocType"),
                ReportColumn("reason", "Reason"), ReportColumn("raw", "As read"),
            ], rows: rejectRows, emptyText: "No row was rejected.")),
        ])
    }
}
