extension SiteBuilder {
    func countTable(_ key: String, _ title: String, label: ReportColumn, _ counts: [String?: Int]) -> ReportTable {
        let rows = counts.sorted { ($0.value, $1.key ?? "") > ($1.value, $0.key ?? "") }.map { [ReportValue.text($0.key), .count($0.value)] }
        return ReportTable(key: key, title: title, columns: [label, ReportColumn("events", "Events")], rows: rows)
    }

    func guardrailsPage() -> ReportPage {
        let events = snapshot.guardrails
        var byType: [String?: Int] = [:], bySource: [String?: Int] = [:], byCourse: [String?: Int] = [:]
        var byDay: [Int: [String: Int]] = [:]
        for e in events {
            byType[e.eventType, default: 0] += 1
            bySource[e.source, default: 0] += 1
            byCourse[e.course, default: 0] += 1
            if let t = e.time { byDay[clock.day(t), default: [:]][e.eventType ?? ReportValue.notRecorded, default: 0] += 1 }
        }
        let days = Self.dayRange(byDay.keys)
        let chart = BarChart(key: "per_day", title: "Guardrail events per day", labels: days.map(ReportClock.dayText), series: [
            .init(key: "injection", name: "Injection", values: days.map { Double(byDay[$0]?["Injection"] ?? 0) }, style: "s2"),
            .init(key: "sensitive", name: "Sensitive", values: days.map { Double(byDay[$0]?["Sensitive"] ?? 0) }, style: "s1"),
        ])
        let dayRows = days.map { d -> [ReportValue] in
            let c = byDay[d] ?? [:]
            return [.text(ReportClock.dayText(d)), .count(c.values.reduce(0, +)), .count(c["Injection"] ?? 0), .count(c["Sensitive"] ?? 0)]
        }
        let eventRows = events.map { e -> [ReportValue] in
            [.time(e.time), .text(e.eventType), .text(e.source), .text(e.course), .text(e.lesson), .text(e.user), .text(e.snippet), .text(e.notes)]
        }
        return ReportPage(name: "guardrails", path: "guardrails.html", title: "Guardrail events",
                          summary: "Prompt injections and sensitive data the tutor's guardrails caught, by type, source, course and day.",
                          sections: [
            ReportSection(tiles: [
                ReportTile("events", "Events", .count(events.count)),
                ReportTile("injection", "Injection", .count(byType["Injection"] ?? 0)),
                ReportTile("sensitive", "Sensitive", .count(byType["Sensitive"] ?? 0)),
            ], chart: chart),
            ReportSection(title: "By type", table: countTable("by_type", "By type", label: ReportColumn("event_type", "Type"), byType)),
            ReportSection(title: "By source", table: countTable("by_source", "By source", label: ReportColumn("source", "Source"), bySource)),
            ReportSection(title: "By course", table: countTable("by_course", "By course", label: ReportColumn("course", "Course"), byCourse)),
            ReportSection(title: "By day (\(clock.zoneName))", table: ReportTable(key: "by_day", title: "By day", columns: [
                ReportColumn("day", "Day"), ReportColumn("events", "Events"), ReportColumn("injection", "Injection"), ReportColumn("sensitive", "Sensitive"),
            ], rows: dayRows)),
            ReportSection(title: "Events, newest first", table: ReportTable(key: "events", title: "Events", columns: [
                ReportColumn("time", "Time"), ReportColumn("event_type", "Type"), ReportColumn("source", "Source"), ReportColumn("course", "Course"),
                ReportColumn("lesson", "Lesson"), ReportColumn("user", "User"), ReportColumn("snippet", "Snippet"), ReportColumn("notes", "Notes"),
            ], rows: eventRows, pageLimit: 2_000, emptyText: "No guardrail events recorded.")),
        ])
    }
}
