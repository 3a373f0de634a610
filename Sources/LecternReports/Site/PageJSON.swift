import LecternJSON

/// The JSON file beside a page: the same figures as the page, as raw values (numbers, ISO 8601
/// UTC times, null for "not recorded"), and every row of every table. Written directly from
/// the typed page (keys in a fixed order) rather than through JSONSerialization, which took a
/// third of the site's rendering time.
enum PageJSON {
    static func make(_ page: ReportPage, header: PageView.Header, clock: ReportClock) -> String {
        var out = "{\n"
        func key(_ k: String) { JSONString.append(k, to: &out); out += ": " }
        key("report"); JSONString.append(page.name, to: &out); out += ",\n"
        key("title"); JSONString.append(page.title, to: &out); out += ",\n"
        key("page"); JSONString.append(page.path, to: &out); out += ",\n"
        key("generated_at"); JSONString.append(ReportClock.iso(header.generatedAt), to: &out); out += ",\n"
        key("time_zone"); JSONString.append(clock.zoneName, to: &out); out += ",\n"
        key("window"); out += "{"
        key("first"); value(.time(header.windowFirst), to: &out); out += ", "
        key("last"); value(.time(header.windowLast), to: &out); out += "},\n"
        key("rows_read"); out += String(header.rowsRead) + ",\n"
        key("rows_rejected"); out += String(header.rowsRejected) + ",\n"
        key("figures"); out += "{"
        var first = true
        for tile in page.sections.flatMap(\.tiles) {
            out += first ? "\n  " : ",\n  "
            first = false
            key(tile.key); value(tile.value, to: &out)
        }
        out += first ? "},\n" : "\n},\n"
        key("tables"); out += "{"
        first = true
        for table in page.sections.compactMap(\.table) {
            out += first ? "\n  " : ",\n  "
            first = false
            key(table.key); out += "["
            for (n, row) in table.rows.enumerated() {
                out += n == 0 ? "\n    {" : ",\n    {"
                for (c, (column, cell)) in zip(table.columns, row).enumerated() {
                    if c > 0 { out += ", " }
                    key(column.key); value(cell, to: &out)
                }
                out += "}"
            }
            out += table.rows.isEmpty ? "]" : "\n  ]"
        }
        out += first ? "},\n" : "\n},\n"
        key("charts"); out += "{"
        first = true
        for chart in page.sections.compactMap(\.chart) {
            out += first ? "\n  " : ",\n  "
            first = false
            key(chart.key); out += "["
            for (n, label) in chart.labels.enumerated() {
                out += n == 0 ? "\n    {" : ",\n    {"
                key("label"); JSONString.append(label, to: &out)
                for s in chart.series { out += ", "; key(s.key); number(s.values[n], to: &out) }
                out += "}"
            }
            out += chart.labels.isEmpty ? "]" : "\n  ]"
        }
        out += first ? "}\n}\n" : "\n}\n}\n"
        return out
    }

    static func value(_ v: ReportValue, to out: inout String) {
        switch v {
        case .text(let s), .link(let s, _): if let s { JSONString.append(s, to: &out) } else { out += "null" }
        case .count(let n): out += n.map(String.init) ?? "null"
        case .number(let x, _): if let x { number(x, to: &out) } else { out += "null" }
        case .time(let t): if let t { JSONString.append(ReportClock.iso(t), to: &out) } else { out += "null" }
        }
    }

    /// Integers without a fraction; others in Swift's shortest round-trip form; never NaN.
    static func number(_ x: Double, to out: inout String) {
        if !x.isFinite { out += "null" }
        else if x == x.rounded() && abs(x) < 1e15 { out += String(Int(x)) }
        else { out += "\(x)" }
    }
}
