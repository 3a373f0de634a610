extension SiteBuilder {
    static let proxyColumns = [
        ReportColumn("requests", "Requests"), ReportColumn("errors", "Errors"), ReportColumn("error_rate", "Error %"),
        ReportColumn("avg_latency_ms", "Average"), ReportColumn("p50_latency_ms", "p50"), ReportColumn("p95_latency_ms", "p95"),
        ReportColumn("p99_latency_ms", "p99"), ReportColumn("prompt_tokens", "Prompt tokens"),
        ReportColumn("completion_tokens", "Completion tokens"), ReportColumn("cost", "Cost"),
    ]

    static func proxyCells(_ g: ProxyGroup) -> [ReportValue] {
        let l = g.latency
        return [.count(g.requests), .count(g.errors), .number(g.errorRate, .percent), .number(l.mean, .milliseconds),
                .number(l.p50, .milliseconds), .number(l.p95, .milliseconds), .number(l.p99, .milliseconds),
                .number(g.promptTokens, .tokens), .number(g.completionTokens, .tokens), .number(g.cost, .cost)]
    }

    func proxyTable(_ key: String, _ title: String, label: ReportColumn, _ groups: [Int32: ProxyGroup], names: Interner) -> ReportTable {
        let rows = groups.sorted { (names.value($0.key) ?? "\u{10FFFF}") < (names.value($1.key) ?? "\u{10FFFF}") }.map { id, g in
            [ReportValue.text(names.value(id))] + Self.proxyCells(g)
        }
        return ReportTable(key: key, title: title, columns: [label] + Self.proxyColumns, rows: rows)
    }

    func proxyPage() -> ReportPage {
        let total = proxy.total, byModel = proxy.byModel, byCourse = proxy.byCourse, byDay = proxy.byDay, byCode = proxy.byCode
        let days = Self.dayRange(byDay.keys)
        let dayRows = days.map { d in [ReportValue.text(ReportClock.dayText(d))] + Self.proxyCells(byDay[d] ?? ProxyGroup()) }
        let chart = Self.requestsChart(byDay, days: days)
        let codeRows = byCode.sorted { $0.key < $1.key }.map { code, g -> [ReportValue] in
            [.count(code < 0 ? nil : Int(code)), .count(g.requests), .count(g.errors),
             .number(total.errors == 0 ? nil : Double(g.errors) / Double(total.errors) * 100, .percent),
             .text(snapshot.errorMessages.value(g.lastErrorMessage)), .time(g.lastErrorTime.isFinite ? g.lastErrorTime : nil)]
        }
        let errorCodeRows = codeRows.filter { if case .count(let n) = $0[2] { return (n ?? 0) > 0 }; return false }
        let alerts = ProxyAlerts.evaluate(proxy.alertWindows, courses: snapshot.courses, rule: rule, onlyAlerting: true)
            .sorted { ($0.start, $0.course ?? "") > ($1.start, $1.course ?? "") }
        let alertRows = alerts.map { w -> [ReportValue] in
            [.time(w.start), .time(w.end), .text(w.course), .count(w.requests), .count(w.errors), .number(w.errorRate, .percent),
             .number(w.p95, .milliseconds), .text(w.reasons.joined(separator: "; "))]
        }
        let extraRows = snapshot.proxyExtraFields.sorted { $0.key < $1.key }.map { key, field -> [ReportValue] in
            [.text(key), .count(field.rows), .text(field.examples.sorted().joined(separator: ", "))]
        }
        let l = total.latency
        return ReportPage(name: "proxy", path: "proxy.html", title: "LLM proxy",
                          summary: "Every call the tutor made through its LLM proxy: volume, errors and latency by model, course and day, errors by status code, and the windows that would have alerted.",
                          sections: [
            ReportSection(tiles: [
                ReportTile("requests", "Requests", .count(total.requests)), ReportTile("errors", "Errors", .count(total.errors)),
                ReportTile("error_rate", "Error rate", .number(total.errorRate, .percent)),
                ReportTile("avg_latency_ms", "Average latency", .number(l.mean, .milliseconds)),
                ReportTile("p50_latency_ms", "p50 latency", .number(l.p50, .milliseconds)),
                ReportTile("p95_latency_ms", "p95 latency", .number(l.p95, .milliseconds)),
                ReportTile("p99_latency_ms", "p99 latency", .number(l.p99, .milliseconds)),
                ReportTile("prompt_tokens", "Prompt tokens", .number(total.promptTokens, .tokens)),
                ReportTile("completion_tokens", "Completion tokens", .number(total.completionTokens, .tokens)),
                ReportTile("cost", "Cost", .number(total.cost, .cost)),
            ], chart: chart),
            ReportSection(title: "By model", table: proxyTable("by_model", "By model", label: ReportColumn("model", "Model"), byModel, names: snapshot.models)),
            ReportSection(title: "By course", table: proxyTable("by_course", "By course", label: ReportColumn("course", "Course"), byCourse, names: snapshot.courses)),
            ReportSection(title: "By day (\(clock.zoneName))", table: ReportTable(key: "by_day", title: "By day",
                columns: [ReportColumn("day", "Day")] + Self.proxyColumns, rows: dayRows)),
            ReportSection(title: "Errors by status code", text: "Calls with status error, by the HTTP status code the proxy logged.",
                          table: ReportTable(key: "errors_by_status_code", title: "Errors by status code", columns: Self.codeColumns,
                                             rows: errorCodeRows, emptyText: "No errors recorded.")),
            ReportSection(title: "All requests by status code", table: ReportTable(key: "by_status_code", title: "All requests by status code",
                columns: Self.codeColumns, rows: codeRows)),
            ReportSection(title: "Alert history",
                          text: "Windows of \(ReportValue.duration(rule.window)) (clock-aligned, \(clock.zoneName) clock) in which a course reached an error rate of \(ReportValue.format(rule.errorRate, .percent)) or a p95 latency of \(ReportValue.format(rule.p95, .milliseconds)): what `lectern check-alerts` would have reported.",
                          table: ReportTable(key: "alert_history", title: "Alert history", columns: [
                            ReportColumn("window_start", "Window start"), ReportColumn("window_end", "Window end"), ReportColumn("course", "Course"),
                            ReportColumn("requests", "Requests"), ReportColumn("errors", "Errors"), ReportColumn("error_rate", "Error %"),
                            ReportColumn("p95_latency_ms", "p95"), ReportColumn("reasons", "Why"),
                          ], rows: alertRows, emptyText: "No window reached a threshold.")),
            ReportSection(title: "Fields beyond the DocType", text: "Fields some proxies log in addition (tokens, cost, provider), kept as imported.",
                          table: ReportTable(key: "extra_fields", title: "Fields beyond the DocType", columns: [
                            ReportColumn("field", "Field"), ReportColumn("rows", "Rows with it"), ReportColumn("examples", "Some values"),
                          ], rows: extraRows, emptyText: "No proxy logged more than the DocType's fields.")),
        ])
    }

    /// Successful and failed calls per day, stacked.
    static func requestsChart(_ byDay: [Int: ProxyGroup], days: [Int]) -> BarChart {
        BarChart(key: "per_day", title: "Proxy requests per day", labels: days.map(ReportClock.dayText), series: [
            .init(key: "successes", name: "successes", values: days.map { d in Double((byDay[d]?.requests ?? 0) - (byDay[d]?.errors ?? 0)) }, style: "s0"),
            .init(key: "errors", name: "errors", values: days.map { Double(byDay[$0]?.errors ?? 0) }, style: "s2"),
        ])
    }

    static let codeColumns = [
        ReportColumn("status_code", "Status code"), ReportColumn("requests", "Requests"), ReportColumn("errors", "Errors"),
        ReportColumn("share_of_errors", "Share of errors"), ReportColumn("last_error_message", "Latest error message"),
        ReportColumn("last_error_at", "Latest error"),
    ]
}
