import LecternStore

extension SiteBuilder {
    /// The host of a URL, lower-cased ("docs.python.org"); file paths and odd values count as "(no domain)".
    static func domain(_ url: String?) -> String {
        guard let url, let scheme = url.range(of: "://") else { return "(no domain)" }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let withoutUser = host.split(separator: "@").last.map(String.init) ?? String(host)
        let name = withoutUser.split(separator: ":").first.map(String.init) ?? withoutUser
        return name.isEmpty ? "(no domain)" : name.lowercased()
    }

    static let sourceStatuses = ["New", "Fetched", "Indexed", "Error"]

    func sourcesPage() -> ReportPage {
        let sources = snapshot.sources
        var byDomain: [String: [String: Int]] = [:]
        var byStatus: [String: Int] = [:]
        for s in sources {
            let status = s.status ?? ReportValue.notRecorded
            byDomain[Self.domain(s.url), default: [:]][status, default: 0] += 1
            byStatus[status, default: 0] += 1
        }
        let otherStatuses = Set(byStatus.keys).subtracting(Self.sourceStatuses).sorted()
        let statuses = Self.sourceStatuses + otherStatuses
        let domainRows = byDomain.sorted { $0.key < $1.key }.map { domain, counts -> [ReportValue] in
            [.text(domain), .count(counts.values.reduce(0, +))] + statuses.map { .count(counts[$0] ?? 0) }
        }
        let statusRows = statuses.map { [ReportValue.text($0), .count(byStatus[$0] ?? 0)] }
        func row(_ s: LogReader.ExternalSource) -> [ReportValue] {
            [.text(s.url), .text(s.title), .text(s.course), .text(s.lesson), .text(s.allowed.map { $0 ? "yes" : "no" }),
             .text(s.status), .time(s.lastFetchedAt), .text(s.mimeType), .count(s.chunkCount), .text(s.error)]
        }
        let columns = [ReportColumn("url", "URL"), ReportColumn("title", "Title"), ReportColumn("course", "Course"),
                       ReportColumn("lesson", "Lesson"), ReportColumn("allowed", "Allowed"), ReportColumn("status", "Status"),
                       ReportColumn("last_fetched_at", "Last fetched"), ReportColumn("mime_type", "MIME type"), ReportColumn("chunk_count", "Chunks"),
                       ReportColumn("error", "Error / note")]
        let failing = sources.filter { $0.status == "Error" }
        return ReportPage(name: "sources", path: "sources.html", title: "External sources",
                          summary: "Outside material the lessons link to: how much of it was fetched and indexed, by domain and status, and what failed.",
                          sections: [
            ReportSection(tiles: [ReportTile("sources", "Sources", .count(sources.count))]
                          + statuses.map { ReportTile($0.lowercased().replacingSpaces, $0, .count(byStatus[$0] ?? 0)) }
                          + [ReportTile("not_allowed", "Not allowed", .count(sources.filter { $0.allowed == false }.count))]),
            ReportSection(title: "By domain and status", table: ReportTable(key: "by_domain", title: "By domain",
                columns: [ReportColumn("domain", "Domain"), ReportColumn("sources", "Sources")]
                    + statuses.map { ReportColumn($0.lowercased().replacingSpaces, $0) },
                rows: domainRows)),
            ReportSection(title: "By status", table: ReportTable(key: "by_status", title: "By status",
                columns: [ReportColumn("status", "Status"), ReportColumn("sources", "Sources")], rows: statusRows)),
            ReportSection(title: "Failing sources", table: ReportTable(key: "failing", title: "Failing sources", columns: columns,
                                                                     rows: failing.map(row), emptyText: "No source failed.")),
            ReportSection(title: "Every source", table: ReportTable(key: "sources", title: "Every source", columns: columns, rows: sources.map(row))),
        ])
    }
}

extension String {
    /// "not recorded" → "not_recorded": a label as a JSON key.
    var replacingSpaces: String { String(map { $0 == " " ? "_" : $0 }) }
}
