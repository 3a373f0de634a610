import Foundation

/// The JSON file beside a page: the same figures as the page, as raw values (numbers, ISO 8601
/// UTC times, null for "not recorded"), and every row of every table.
enum PageJSON {
    static func make(_ page: ReportPage, header: PageView.Header, clock: ReportClock) -> [String: Any] {
        var figures: [String: Any] = [:]
        var tables: [String: Any] = [:]
        var charts: [String: Any] = [:]
        for section in page.sections {
            for tile in section.tiles { figures[tile.key] = tile.value.json ?? NSNull() }
            if let table = section.table {
                tables[table.key] = table.rows.map { row in
                    var object: [String: Any] = [:]
                    for (column, cell) in zip(table.columns, row) { object[column.key] = cell.json ?? NSNull() }
                    return object
                }
            }
            if let chart = section.chart { charts[chart.key] = chart.json }
        }
        return [
            "report": page.name, "title": page.title, "page": page.path,
            "generated_at": ReportClock.iso(header.generatedAt), "time_zone": clock.zoneName,
            "window": ["first": header.windowFirst.map { ReportClock.iso($0) as Any } ?? NSNull(),
                       "last": header.windowLast.map { ReportClock.iso($0) as Any } ?? NSNull()],
            "rows_read": header.rowsRead, "rows_rejected": header.rowsRejected,
            "figures": figures, "tables": tables, "charts": charts,
        ]
    }

    static func encode(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }
}
