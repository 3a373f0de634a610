extension SiteBuilder {
    static let usageColumns = [
        ReportColumn("sessions", "Sessions"), ReportColumn("messages", "Messages"),
        ReportColumn("user_messages", "User"), ReportColumn("assistant_messages", "Assistant"),
        ReportColumn("system_messages", "System"), ReportColumn("distinct_users", "Distinct users"),
        ReportColumn("first_activity", "First activity"), ReportColumn("last_activity", "Last activity"),
        ReportColumn("prompt_tokens", "Prompt tokens"), ReportColumn("completion_tokens", "Completion tokens"),
        ReportColumn("cost", "Cost"),
    ]

    static func usageCells(_ t: ChatUsage.Totals) -> [ReportValue] {
        [.count(t.sessions), .count(t.messages), .count(t.byRole["user"] ?? 0), .count(t.byRole["assistant"] ?? 0),
         .count(t.byRole["system"] ?? 0), .count(t.users.count), .time(t.firstActivity), .time(t.lastActivity),
         .number(t.promptTokens.map(Double.init), .tokens), .number(t.completionTokens.map(Double.init), .tokens),
         .number(t.cost, .cost)]
    }

    func usagePage(_ usage: ChatUsage) -> ReportPage {
        let courseRows = usage.byCourse.sorted { ($0.key ?? "\u{10FFFF}") < ($1.key ?? "\u{10FFFF}") }.map { course, t in
            [ReportValue.text(course)] + Self.usageCells(t)
        }
        let lessonRows = usage.byLesson.sorted { $0.key < $1.key }.map { key, t -> [ReportValue] in
            [.text(key.course), .link(key.lesson, href: Self.lessonPath(course: key.course, lesson: key.lesson)),
             .text(lessonTitle(course: key.course, lesson: key.lesson))] + Self.usageCells(t)
        }
        let days = Self.dayRange(Array(usage.overall.sessionsPerDay.keys) + Array(usage.overall.messagesPerDay.keys))
        let chart = BarChart(key: "per_day", title: "Chat sessions and messages per day", labels: days.map(ReportClock.dayText), series: [
            .init(key: "messages", name: "messages", values: days.map { Double(usage.overall.messagesPerDay[$0] ?? 0) }, style: "s0"),
            .init(key: "sessions", name: "sessions", values: days.map { Double(usage.overall.sessionsPerDay[$0] ?? 0) }, style: "s1"),
        ])
        let dayRows = days.map { d -> [ReportValue] in
            [.text(ReportClock.dayText(d)), .count(usage.overall.sessionsPerDay[d] ?? 0), .count(usage.overall.messagesPerDay[d] ?? 0)]
        }
        let o = usage.overall
        return ReportPage(name: "usage", path: "usage.html", title: "Chat usage",
                          summary: "Tutor conversations per course and lesson: sessions, messages by role, distinct learners, activity, tokens and cost where the tutor recorded them.",
                          sections: [
            ReportSection(tiles: [
                ReportTile("sessions", "Sessions", .count(o.sessions)), ReportTile("messages", "Messages", .count(o.messages)),
                ReportTile("user_messages", "User messages", .count(o.byRole["user"] ?? 0)),
                ReportTile("distinct_users", "Distinct users", .count(o.users.count)),
                ReportTile("cost", "Cost", .number(o.cost, .cost)),
                ReportTile("unattributed_messages", "Messages without a known session", .count(usage.unattributedMessages)),
            ], chart: chart),
            ReportSection(title: "Per course", table: ReportTable(key: "by_course", title: "Per course",
                columns: [ReportColumn("course", "Course")] + Self.usageColumns, rows: courseRows)),
            ReportSection(title: "Per lesson", table: ReportTable(key: "by_lesson", title: "Per lesson",
                columns: [ReportColumn("course", "Course"), ReportColumn("lesson", "Lesson"), ReportColumn("title", "Title")] + Self.usageColumns,
                rows: lessonRows)),
            ReportSection(title: "Per day (\(clock.zoneName))", table: ReportTable(key: "by_day", title: "Per day",
                columns: [ReportColumn("day", "Day"), ReportColumn("sessions", "Sessions started"), ReportColumn("messages", "Messages")],
                rows: dayRows)),
        ])
    }
}
