/// A column of a report table: its key in the JSON, its label on the page.
public struct ReportColumn: Sendable {
    public let key: String
    public let label: String

    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }
}

/// A table of a report. The JSON always holds every row; the page shows at most `pageLimit`.
public struct ReportTable {
    public var key: String
    public var title: String
    public var columns: [ReportColumn]
    public var rows: [[ReportValue]]
    public var pageLimit: Int
    /// Shown when the table is empty.
    public var emptyText: String

    public init(key: String, title: String, columns: [ReportColumn], rows: [[ReportValue]], pageLimit: Int = 1_000,
                emptyText: String = "Nothing recorded.") {
        self.key = key; self.title = title; self.columns = columns; self.rows = rows
        self.pageLimit = pageLimit; self.emptyText = emptyText
    }
}

/// One headline figure.
public struct ReportTile {
    public var key: String
    public var label: String
    public var value: ReportValue
    public var href: String?

    public init(_ key: String, _ label: String, _ value: ReportValue, href: String? = nil) {
        self.key = key; self.label = label; self.value = value; self.href = href
    }
}

/// A part of a page: a heading, a line of text, tiles, a chart, a table, in that order.
public struct ReportSection {
    public var title: String?
    public var text: String?
    public var tiles: [ReportTile] = []
    public var chart: BarChart?
    public var table: ReportTable?

    public init(title: String? = nil, text: String? = nil, tiles: [ReportTile] = [], chart: BarChart? = nil, table: ReportTable? = nil) {
        self.title = title; self.text = text; self.tiles = tiles; self.chart = chart; self.table = table
    }
}

/// A page of the site and the JSON file beside it (`data/<name>.json`).
public struct ReportPage {
    /// The JSON file's name and the template looked for first (`<name>.mustache`, else `page`).
    public var name: String
    /// The page's path inside the site ("proxy.html", "lessons/git-basics--undo-1a2b3c4d.html").
    public var path: String
    public var title: String
    public var summary: String
    public var sections: [ReportSection]
    /// Pages under a folder (lesson detail) are left out of the navigation bar.
    public var inNavigation: Bool

    public init(name: String, path: String, title: String, summary: String, sections: [ReportSection], inNavigation: Bool = true) {
        self.name = name; self.path = path; self.title = title; self.summary = summary
        self.sections = sections; self.inNavigation = inNavigation
    }

    var depth: Int { path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }
}
