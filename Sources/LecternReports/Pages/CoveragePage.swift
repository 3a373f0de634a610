import LecternStore

extension SiteBuilder {
    /// Every lesson Lectern knows of: built ones (chunks, build runs) and those the logs name
    /// (sessions, proxy calls, LMS index runs), so a lesson the tutor is used on but the index
    /// does not cover shows up as "without chunks".
    func knownLessons() -> [LessonKey: Set<String>] {
        var known: [LessonKey: Set<String>] = [:]
        for c in snapshot.chunks { known[LessonKey(course: c.course, lesson: c.lesson), default: []].insert("index") }
        for r in snapshot.buildRuns where r.status == "Success" { known[LessonKey(course: r.course, lesson: r.lesson), default: []].insert("build") }
        for s in snapshot.sessions where s.lesson != nil { known[LessonKey(course: s.course, lesson: s.lesson), default: []].insert("chat") }
        for r in snapshot.knowledgeRuns where r.lesson != nil { known[LessonKey(course: r.course, lesson: r.lesson), default: []].insert("LMS index runs") }
        var proxyLessons = Set<Int64>()
        for call in snapshot.proxy where call.lesson != Interner.missing { proxyLessons.insert(Int64(call.course) << 32 | Int64(call.lesson)) }
        for key in proxyLessons {
            let lesson = LessonKey(course: snapshot.courses.value(Int32(truncatingIfNeeded: key >> 32)),
                                   lesson: snapshot.lessons.value(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)))
            known[lesson, default: []].insert("proxy")
        }
        return known
    }

    struct Coverage {
        var lessons = 0, withChunks = 0, chunks = 0, embedded = 0, tokens = 0
        var percent: Double? { lessons == 0 ? nil : Double(withChunks) / Double(lessons) * 100 }
        var embeddedPercent: Double? { chunks == 0 ? nil : Double(embedded) / Double(chunks) * 100 }
    }

    func coverage() -> (total: Coverage, byCourse: [String?: Coverage], known: [LessonKey: Set<String>]) {
        let known = knownLessons()
        var chunksOf: [LessonKey: LogReader.LessonChunks] = [:]
        for c in snapshot.chunks { chunksOf[LessonKey(course: c.course, lesson: c.lesson)] = c }
        var total = Coverage(), byCourse: [String?: Coverage] = [:]
        func count(_ c: LogReader.LessonChunks?, into cov: inout Coverage) {
            cov.lessons += 1
            guard let c, c.chunks > 0 else { return }
            cov.withChunks += 1; cov.chunks += c.chunks; cov.embedded += c.embedded; cov.tokens += c.tokens
        }
        for key in known.keys {
            count(chunksOf[key], into: &total)
            count(chunksOf[key], into: &byCourse[key.course, default: Coverage()])
        }
        return (total, byCourse, known)
    }

    func coveragePage() -> ReportPage {
        let (total, byCourse, known) = coverage()
        var chunksOf: [LessonKey: LogReader.LessonChunks] = [:]
        for c in snapshot.chunks { chunksOf[LessonKey(course: c.course, lesson: c.lesson)] = c }
        var latestBuild: [LessonKey: IndexRunRecord] = [:]
        for r in snapshot.buildRuns {
            let key = LessonKey(course: r.course, lesson: r.lesson)
            if let seen = latestBuild[key], seen.startedAt > r.startedAt { continue }
            latestBuild[key] = r
        }
        let courseRows = byCourse.sorted { ($0.key ?? "\u{10FFFF}") < ($1.key ?? "\u{10FFFF}") }.map { course, c -> [ReportValue] in
            [.text(course), .count(c.lessons), .count(c.withChunks), .count(c.lessons - c.withChunks), .number(c.percent, .percent),
             .count(c.chunks), .count(c.embedded), .number(c.embeddedPercent, .percent), .count(c.tokens)]
        }
        let lessonRows = known.keys.sorted().map { key -> [ReportValue] in
            let c = chunksOf[key]
            let build = latestBuild[key]
            return [.text(key.course), .text(key.lesson), .text(c?.lessonTitle), .count(c?.chunks ?? 0), .count(c?.embedded ?? 0),
                    .count(c?.tokens ?? 0), .text(build?.status), .time(build?.startedAt),
                    .text(known[key]!.sorted().joined(separator: ", "))]
        }
        let missing = lessonRows.filter { if case .count(let n) = $0[3] { return n == 0 }; return false }
        let staleLessons = latestBuild.filter { $0.value.status == "Error" && (chunksOf[$0.key]?.chunks ?? 0) > 0 }
        let staleRows = staleLessons.sorted { $0.key < $1.key }.map { key, run -> [ReportValue] in
            [.text(key.course), .text(key.lesson), .count(chunksOf[key]?.chunks ?? 0), .time(run.startedAt), .text(run.notes)]
        }
        let lessonColumns = [ReportColumn("course", "Course"), ReportColumn("lesson", "Lesson"), ReportColumn("title", "Title"),
                             ReportColumn("chunks", "Chunks"), ReportColumn("embedded", "Embedded"), ReportColumn("tokens", "Tokens"),
                             ReportColumn("last_build_status", "Last build"), ReportColumn("last_build_at", "Built at"),
                             ReportColumn("seen_in", "Seen in")]
        return ReportPage(name: "coverage", path: "coverage.html", title: "Embeddings coverage",
                          summary: "Which lessons the retrieval index covers: lessons with and without chunks, embedded chunks, and entries that are out of date.",
                          sections: [
            ReportSection(tiles: [
                ReportTile("lessons", "Lessons known", .count(total.lessons)),
                ReportTile("lessons_with_chunks", "With chunks", .count(total.withChunks)),
                ReportTile("lessons_without_chunks", "Without chunks", .count(total.lessons - total.withChunks)),
                ReportTile("coverage", "Coverage", .number(total.percent, .percent)),
                ReportTile("chunks", "Chunks", .count(total.chunks)),
                ReportTile("embedded_chunks", "Embedded chunks", .count(total.embedded)),
                ReportTile("stale_lessons", "Lessons with stale chunks", .count(staleRows.count)),
                ReportTile("unused_cache_vectors", "Unused cached vectors", .count(snapshot.cache.unused)),
            ]),
            ReportSection(title: "Per course", table: ReportTable(key: "by_course", title: "Per course", columns: [
                ReportColumn("course", "Course"), ReportColumn("lessons", "Lessons"), ReportColumn("with_chunks", "With chunks"),
                ReportColumn("without_chunks", "Without chunks"), ReportColumn("coverage", "Coverage"), ReportColumn("chunks", "Chunks"),
                ReportColumn("embedded", "Embedded"), ReportColumn("embedded_percent", "Embedded %"), ReportColumn("tokens", "Tokens"),
            ], rows: courseRows)),
            ReportSection(title: "Lessons without chunks",
                          text: "Lessons named by the logs or the build that have nothing in the index: the tutor cannot cite them.",
                          table: ReportTable(key: "without_chunks", title: "Lessons without chunks", columns: lessonColumns, rows: missing,
                                             emptyText: "Every known lesson has chunks.")),
            ReportSection(title: "Stale entries",
                          text: "Lessons whose latest build failed keep the chunks of an earlier build; \(snapshot.cache.unused.formatted) of \(snapshot.cache.total.formatted) cached vectors belong to no current chunk.",
                          table: ReportTable(key: "stale_lessons", title: "Lessons with stale chunks", columns: [
                            ReportColumn("course", "Course"), ReportColumn("lesson", "Lesson"), ReportColumn("chunks", "Chunks kept"),
                            ReportColumn("failed_at", "Build failed at"), ReportColumn("notes", "Notes"),
                          ], rows: staleRows, emptyText: "No stale chunks.")),
            ReportSection(title: "Every lesson", table: ReportTable(key: "lessons", title: "Every lesson", columns: lessonColumns, rows: lessonRows)),
        ])
    }
}

