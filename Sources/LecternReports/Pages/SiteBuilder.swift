/// Computes every page of the report site from one snapshot of the state.
public struct SiteBuilder {
    let snapshot: LogSnapshot
    let clock: ReportClock
    let rule: AlertRule
    let proxy: ProxyRollup
    let usage: ChatUsage
    /// Course → lesson → title, from the chunks of the built index.
    let lessonTitles: [String: [String: String]]
    /// Chat session name → position in `snapshot.sessions`.
    let sessionIndex: [String: Int]

    public init(snapshot: LogSnapshot, clock: ReportClock, rule: AlertRule = AlertRule()) {
        self.snapshot = snapshot
        self.clock = clock
        self.rule = rule
        var titles: [String: [String: String]] = [:]
        for c in snapshot.chunks { titles[c.course, default: [:]][c.lesson] = c.lessonTitle }
        self.lessonTitles = titles
        var sessions: [String: Int] = [:]
        for (n, s) in snapshot.sessions.enumerated() { sessions[s.name] = n }
        self.sessionIndex = sessions
        (proxy, usage) = ProxyRollup.parallel(snapshot.proxy, clock: clock, window: rule.window) {
            ChatUsage(snapshot, clock: clock, sessionIndex: sessions)
        }
    }

    /// Every page, built on two threads (a lesson page is a job of its own: there are hundreds).
    public func pages() -> [ReportPage] {
        var jobs: [() -> ReportPage] = [{ dashboard(usage) }, { usagePage(usage) }, coveragePage, sourcesPage, guardrailsPage,
                                        proxyPage, indexRunsPage, faqPage, importsPage]
        jobs += lessonPages(usage)
        return TwoThreads.map(jobs.count) { jobs[$0]() }
    }

    /// The relative path of a lesson's detail page: readable, and unique through a hash of
    /// the exact names (lesson names from logs may hold any character).
    static func lessonPath(course: String?, lesson: String?) -> String {
        func slug(_ s: String?) -> String {
            let mapped = (s ?? "none").lowercased().unicodeScalars.map { c -> Character in
                (c >= "a" && c <= "z") || (c >= "0" && c <= "9") ? Character(c) : "-"
            }
            return String(String(mapped).prefix(40))
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array((course ?? "").utf8) + [0] + Array((lesson ?? "").utf8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return "lessons/\(slug(course))--\(slug(lesson))-\(String(hex.suffix(8))).html"
    }

    func lessonTitle(course: String?, lesson: String?) -> String? {
        guard let course, let lesson else { return nil }
        return lessonTitles[course]?[lesson]
    }

    /// The days from the first to the last of `days`, every day present (so gaps show as gaps).
    static func dayRange(_ days: some Collection<Int>) -> [Int] {
        guard let first = days.min(), let last = days.max() else { return [] }
        return Array(first...last)
    }
}

/// Lessons a site knows of, in a stable order: by course, then lesson.
struct LessonKey: Hashable, Comparable {
    var course: String?
    var lesson: String?

    static func < (a: LessonKey, b: LessonKey) -> Bool {
        (a.course ?? "", a.lesson ?? "") < (b.course ?? "", b.lesson ?? "")
    }
}
