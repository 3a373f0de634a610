/// What a page's template sees: the page as dictionaries of display text. Every string from
/// the data has been through `DisplayText` here, and the template's `{{…}}` escapes it for HTML.
struct PageView {
    /// Site-wide facts for every page's header.
    struct Header {
        var windowFirst: Double?
        var windowLast: Double?
        var rowsRead: Int
        var rowsRejected: Int
        var files: Int
        var generatedAt: Double
        var seconds: Double
    }

    let pages: [ReportPage]
    let header: Header
    let clock: ReportClock
    /// The navigation bar and the header, per folder depth: the same on every page of a depth.
    private var shared: [Int: (nav: [[String: Any]], header: [String: Any])] = [:]

    init(pages: [ReportPage], header: Header, clock: ReportClock) {
        self.pages = pages
        self.header = header
        self.clock = clock
        for depth in Set(pages.map(\.depth)) { shared[depth] = sharedParts(root: String(repeating: "../", count: depth)) }
    }

    private func sharedParts(root: String) -> (nav: [[String: Any]], header: [String: Any]) {
        let nav: [[String: Any]] = pages.filter(\.inNavigation).map {
            ["title": DisplayText.clean($0.title, limit: 200), "href": root + $0.path, "path": $0.path,
             "summary": DisplayText.clean($0.summary, limit: 1_000)]
        }
        let view: [String: Any] = [
            "rows_read": header.rowsRead.formatted, "rows_rejected": header.rowsRejected.formatted,
            "has_rejects": header.rowsRejected > 0, "files": header.files.formatted,
            "generated_at": clock.display(header.generatedAt), "seconds": ReportValue.format(header.seconds, .seconds),
            "zone": clock.zoneName, "imports_href": root + "imports.html",
            "has_window": header.windowFirst != nil,
            "window_first": header.windowFirst.map(clock.display) ?? "",
            "window_last": header.windowLast.map(clock.display) ?? "",
        ]
        return (nav, view)
    }

    /// `nonce`: the Content-Security-Policy nonce of the page's own script; a script that got
    /// into a page any other way would not run.
    func make(_ page: ReportPage, nonce: String) -> [String: Any] {
        let root = String(repeating: "../", count: page.depth)
        let parts = shared[page.depth] ?? sharedParts(root: root)
        let nav = parts.nav.map { entry -> [String: Any] in
            var entry = entry
            entry["current"] = entry["path"] as? String == page.path
            return entry
        }
        return [
            "title": DisplayText.clean(page.title, limit: 200), "summary": DisplayText.clean(page.summary, limit: 1_000),
            "root": root, "nav": nav, "header": parts.header, "json_href": root + SiteRenderer.jsonPath(of: page),
            "sections": page.sections.map { Self.section(root: root, $0, clock: clock) },
            "nonce": nonce,
        ]
    }

    static func section(root: String, _ s: ReportSection, clock: ReportClock) -> [String: Any] {
        // Every key is always present: Mustache looks a missing key up in the enclosing
        // contexts, where a page's `title` or a tile's `href` would be found instead.
        var view: [String: Any] = [
            "has_title": s.title != nil, "title": DisplayText.clean(s.title ?? "", limit: 200),
            "has_text": s.text != nil, "text": DisplayText.clean(s.text ?? "", limit: 2_000),
            "has_tiles": !s.tiles.isEmpty,
            "tiles": s.tiles.map { tile -> [String: Any] in
                ["label": DisplayText.clean(tile.label, limit: 100), "value": tile.value.display(clock), "missing": tile.value.isMissing,
                 "has_href": tile.href != nil, "href": tile.href.map { root + $0 } ?? ""]
            },
            "has_chart": s.chart != nil, "chart": s.chart?.svg ?? "",
            "has_table": s.table != nil,
        ]
        view["table"] = s.table.map { self.table(root: root, $0, clock: clock) } ?? [:]
        return view
    }

    static func table(root: String, _ t: ReportTable, clock: ReportClock) -> [String: Any] {
        let shown = t.rows.prefix(t.pageLimit)
        let numeric = t.columns.indices.map { c in t.rows.first.map { c < $0.count && $0[c].isNumeric } ?? false }
        var view: [String: Any] = [
            "key": t.key, "is_empty": t.rows.isEmpty, "empty": t.emptyText, "has_note": t.rows.count > shown.count, "note": "",
            "columns": t.columns.enumerated().map { c, column in ["label": column.label, "numeric": numeric[c]] as [String: Any] },
            "rows": shown.map { row in
                ["cells": row.map { cell -> [String: Any] in
                    var href = ""
                    if case .link(let text, let target) = cell, text != nil { href = root + target }
                    return ["text": cell.display(clock), "sort": cell.sortKey, "numeric": cell.isNumeric, "missing": cell.isMissing,
                            "has_link": !href.isEmpty, "href": href]
                }]
            },
        ]
        if t.rows.count > shown.count {
            view["note"] = "Showing \(shown.count.formatted) of \(t.rows.count.formatted) rows; the JSON file has them all."
        }
        return view
    }
}
