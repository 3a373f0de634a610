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
        key("tables")
        lists(page.sections.compactMap(\.table), to: &out, key: \.key, count: \.rows.count) { table, n, out in
            for (c, (column, cell)) in zip(table.columns, table.rows[n]).enumerated() {
                if c > 0 { out += ", " }
                JSONString.append(column.key, to: &out); out += ": "; value(cell, to: &out)
            }
        }
        out += ",\n"
        key("charts")
        lists(page.sections.compactMap(\.chart), to: &out, key: \.key, count: \.labels.count) { chart, n, out in
            out += "\"label\": "; JSONString.append(chart.labels[n], to: &out)
            for s in chart.series { out += ", "; JSONString.append(s.key, to: &out); out += ": "; number(s.values[n], to: &out) }
        }
        out += "\n}\n"
        return out
    }

    /// An object of lists, `{"key": [{…}, …], …}`, one list per item and one object per row;
    /// `members` writes row n's members.
    static func lists<Item>(_ items: [Item], to out: inout String, key: (Item) -> String, count: (Item) -> Int,
                            members: (Item, Int, inout String) -> Void) {
        out += "{"
        for (i, item) in items.enumerated() {
            out += i == 0 ? "\n  " : ",\n  "
            JSONString.append(key(item), to: &out); out += ": ["
            let rows = count(item)
            for n in 0..<rows {
                out += n == 0 ? "\n    {" : ",\n    {"
                members(item, n, &out)
                out += "}"
            }
            out += rows == 0 ? "]" : "\n  ]"
        }
        out += items.isEmpty ? "}" : "\n}"
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
