extension SiteBuilder {
    func indexRunsPage() -> ReportPage {
        struct Run { var id: String; var started = Double.infinity; var ended: Double?; var lessons = 0; var errors = 0; var chunks = 0; var notes: [String] = [] }
        var runs: [String: Run] = [:]
        for r in snapshot.buildRuns {
            var run = runs[r.run] ?? Run(id: r.run)
            run.started = min(run.started, r.startedAt)
            if let e = r.endedAt { run.ended = max(run.ended ?? e, e) }
            run.lessons += 1
            if r.status == "Error" { run.errors += 1; if !r.notes.isEmpty { run.notes.append(r.notes) } }
            run.chunks += r.chunkCount ?? 0
            runs[r.run] = run
        }
        let ordered = runs.values.sorted { ($0.started, $0.id) > ($1.started, $1.id) }
        let buildRows = ordered.map { r -> [ReportValue] in
            [.text(r.id), .text(r.errors == 0 ? "Success" : "Error"), .time(r.started), .time(r.ended),
             .number(r.ended.map { $0 - r.started }, .seconds), .count(r.lessons), .count(r.errors), .count(r.chunks),
             .text(r.notes.prefix(3).joined(separator: "; "))]
        }
        let lmsRows = snapshot.knowledgeRuns.map { r -> [ReportValue] in
            [.text(r.course), .text(r.lesson), .text(r.status), .count(r.chunkCount), .time(r.lastIndexedAt), .text(r.notes)]
        }
        var lmsByStatus: [String?: Int] = [:]
        for r in snapshot.knowledgeRuns { lmsByStatus[r.status, default: 0] += 1 }
        let last = ordered.first
        return ReportPage(name: "index-runs", path: "index-runs.html", title: "Index runs",
                          summary: "Builds of the retrieval index: Lectern's own `lectern build` runs, and the AI Knowledge Index Run records exported from the LMS.",
                          sections: [
            ReportSection(tiles: [
                ReportTile("builds", "Lectern builds", .count(ordered.count)),
                ReportTile("last_build_at", "Last build", .time(last?.started)),
                ReportTile("last_build_errors", "Errors in the last build", .count(last?.errors)),
                ReportTile("last_build_seconds", "Last build took", .number(last?.ended.map { $0 - last!.started }, .seconds)),
                ReportTile("lms_runs", "LMS index runs", .count(snapshot.knowledgeRuns.count)),
                ReportTile("lms_errors", "LMS runs with errors", .count(lmsByStatus["Error"] ?? 0)),
            ]),
            ReportSection(title: "Lectern builds", text: "One row per `lectern build`; a build that only read unchanged lessons still counts them.",
                          table: ReportTable(key: "builds", title: "Lectern builds", columns: [
                            ReportColumn("run", "Run"), ReportColumn("status", "Status"), ReportColumn("started_at", "Started"),
                            ReportColumn("ended_at", "Ended"), ReportColumn("duration_s", "Duration"), ReportColumn("lessons", "Lessons"),
                            ReportColumn("errors", "Errors"), ReportColumn("chunks", "Chunks"), ReportColumn("notes", "Notes"),
                          ], rows: buildRows, emptyText: "No `lectern build` has run on this state yet.")),
            ReportSection(title: "LMS index runs by status", table: countTable("lms_by_status", "By status", label: ReportColumn("status", "Status"), lmsByStatus)),
            ReportSection(title: "LMS index runs", table: ReportTable(key: "lms_runs", title: "LMS index runs", columns: [
                ReportColumn("course", "Course"), ReportColumn("lesson", "Lesson"), ReportColumn("status", "Status"),
                ReportColumn("chunk_count", "Chunks"), ReportColumn("last_indexed_at", "Last indexed"), ReportColumn("notes", "Notes"),
            ], rows: lmsRows, emptyText: "No AI Knowledge Index Run records imported.")),
        ])
    }
}
