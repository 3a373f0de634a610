extension SiteBuilder {
    /// Learners seen in the window: users of chat sessions and of proxy calls.
    func activeUsers(_ usage: ChatUsage) -> Int {
        var users = usage.overall.users
        var proxyUsers = Set<Int32>()
        for call in snapshot.proxy where call.user != Interner.missing { proxyUsers.insert(call.user) }
        for id in proxyUsers { if let u = snapshot.users.value(id) { users.insert(u) } }
        return users.count
    }

    func dashboard(_ usage: ChatUsage) -> ReportPage {
        let total = proxy.total
        let cov = coverage().total
        let chart = Self.requestsChart(proxy.byDay, days: Self.dayRange(proxy.byDay.keys))
        return ReportPage(name: "index", path: "index.html", title: "Lectern reports",
                          summary: "The AI tutor at a glance: how much it is used, how its LLM proxy behaves, and how much of the courses its index covers.",
                          sections: [
            ReportSection(tiles: [
                ReportTile("requests", "Requests", .count(total.requests), href: "proxy.html"),
                ReportTile("error_rate", "Error rate", .number(total.errorRate, .percent), href: "proxy.html"),
                ReportTile("p95_latency_ms", "p95 latency", .number(total.latency.p95, .milliseconds), href: "proxy.html"),
                ReportTile("active_users", "Active users", .count(activeUsers(usage)), href: "usage.html"),
                ReportTile("sessions", "Sessions", .count(usage.overall.sessions), href: "usage.html"),
                ReportTile("messages", "Messages", .count(usage.overall.messages), href: "usage.html"),
                ReportTile("guardrail_events", "Guardrail events", .count(snapshot.guardrails.count), href: "guardrails.html"),
                ReportTile("chunks", "Chunks", .count(snapshot.chunks.reduce(0) { $0 + $1.chunks }), href: "coverage.html"),
                ReportTile("coverage", "Coverage", .number(cov.percent, .percent), href: "coverage.html"),
            ], chart: chart),
        ])
    }
}
