/// The figures, computed straight from the definitions on the rows the generator made, without
/// any of the production aggregation code.
enum FiguresExpected {
    /// The index of the p-th percentile (p in whole percent) of n sorted values: round(p·(n−1))
    /// with ties to even, in exact integer arithmetic (p·(n−1) = p·(n−1)/100 with remainder).
    static func percentileIndex(percent: Int, count n: Int) -> Int {
        let scaled = percent * (n - 1)
        let (q, r) = (scaled / 100, scaled % 100)
        if r > 50 || (r == 50 && q % 2 == 1) { return q + 1 }
        return q
    }

    static func percentile(_ values: [Double], _ percent: Int) -> Double? {
        let sorted = values.sorted()
        return sorted.isEmpty ? nil : sorted[percentileIndex(percent: percent, count: sorted.count)]
    }

    struct Group: Equatable {
        var requests = 0
        var errors = 0
        var errorRate: Double?
        var mean: Double?
        var p50: Double?, p95: Double?, p99: Double?
        var promptTokens: Double?, completionTokens: Double?, cost: Double?
        /// For the status-code table: the latest time among the errors, and the messages that
        /// are its latest error message (several when errors share that instant).
        var lastErrorAt: Micros?
        var latestMessages: Set<String?> = []
    }

    static func group(_ rows: [FigProxy]) -> Group {
        var g = Group()
        g.requests = rows.count
        let errors = rows.filter { $0.status == "error" }
        g.errors = errors.count
        g.errorRate = rows.isEmpty ? nil : Double(errors.count) / Double(rows.count) * 100
        let latencies = rows.compactMap(\.latency)
        g.mean = latencies.isEmpty ? nil : latencies.reduce(0, +) / Double(latencies.count)
        g.p50 = percentile(latencies, 50)
        g.p95 = percentile(latencies, 95)
        g.p99 = percentile(latencies, 99)
        func sum(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) }
        g.promptTokens = sum(rows.compactMap(\.promptTokens).map(Double.init))
        g.completionTokens = sum(rows.compactMap(\.completionTokens).map(Double.init))
        g.cost = sum(rows.compactMap(\.cost))
        g.lastErrorAt = errors.compactMap(\.time).max()
        g.latestMessages = latestMessages(errors)
        return g
    }

    /// The latest error message is the message of the latest error by time (nil if it has none);
    /// of errors at that same instant, any one that has a message. Errors without a time are
    /// never the latest; with no timed error there is no message.
    static func latestMessages(_ errors: [FigProxy]) -> Set<String?> {
        let timed = errors.filter { $0.time != nil }
        guard let latest = timed.compactMap(\.time).max() else { return [nil] }
        let atLatest = timed.filter { $0.time == latest }.map(\.errorMessage)
        let withMessage = Set(atLatest.compactMap { $0 }.map(Optional.some))
        return withMessage.isEmpty ? [nil] : withMessage
    }

    /// Rows grouped by a key; an optional key keeps "not recorded" (nil) as its own group.
    static func grouped<K: Hashable>(_ rows: [FigProxy], by key: (FigProxy) -> K) -> [K: Group] {
        Dictionary(grouping: rows, by: key).mapValues(group)
    }

    /// UTC day text → group, every day from the first to the last (days without calls included).
    static func byDay(_ rows: [FigProxy]) -> [String: Group] {
        let timed = rows.filter { $0.time != nil }
        let days = Dictionary(grouping: timed) { FiguresTime.day($0.time!) }
        guard let first = days.keys.min(), let last = days.keys.max() else { return [:] }
        var result: [String: Group] = [:]
        for d in first...last { result[FiguresTime.dayText(d)] = group(days[d] ?? []) }
        return result
    }

    static func nonEmpty(_ s: String?) -> String? { s?.isEmpty == false ? s : nil }

    // MARK: Chat usage

    struct Usage: Equatable {
        var sessions = 0, messages = 0, user = 0, assistant = 0, system = 0
        var users = Set<String>()
        var first: Micros?, last: Micros?
        var promptTokens: Int?, completionTokens: Int?, cost: Double?

        mutating func see(_ t: Micros?) {
            guard let t else { return }
            first = min(first ?? t, t); last = max(last ?? t, t)
        }
    }

    struct LessonKey: Hashable { var course: String?; var lesson: String? }

    /// Totals per lesson (course and lesson as the session has them); the others are sums of these.
    static func usageByLesson(_ logs: FiguresLogs) -> [LessonKey: Usage] {
        var result: [LessonKey: Usage] = [:]
        var sessionKey: [String: LessonKey] = [:]
        for s in logs.sessions {
            let key = LessonKey(course: nonEmpty(s.course), lesson: nonEmpty(s.lesson))
            sessionKey[s.name] = key
            var u = result[key] ?? Usage()
            u.sessions += 1
            if let user = nonEmpty(s.user) { u.users.insert(user) }
            u.see(s.startedAt ?? s.creation)
            u.see(s.endedAt)
            if let p = s.promptTokens { u.promptTokens = (u.promptTokens ?? 0) + p }
            if let c = s.completionTokens { u.completionTokens = (u.completionTokens ?? 0) + c }
            if let c = s.cost { u.cost = (u.cost ?? 0) + c }
            result[key] = u
        }
        for m in logs.messages {
            // A message whose session is not in the logs belongs to no course and no lesson.
            let key = m.session.flatMap { sessionKey[$0] } ?? LessonKey(course: nil, lesson: nil)
            var u = result[key] ?? Usage()
            u.messages += 1
            switch m.role {
            case "user": u.user += 1
            case "assistant": u.assistant += 1
            case "system": u.system += 1
            default: break
            }
            u.see(m.creation)
            result[key] = u
        }
        return result
    }

    static func merge(_ parts: some Sequence<Usage>) -> Usage {
        var total = Usage()
        for u in parts {
            total.sessions += u.sessions; total.messages += u.messages
            total.user += u.user; total.assistant += u.assistant; total.system += u.system
            total.users.formUnion(u.users)
            total.see(u.first); total.see(u.last)
            if let p = u.promptTokens { total.promptTokens = (total.promptTokens ?? 0) + p }
            if let c = u.completionTokens { total.completionTokens = (total.completionTokens ?? 0) + c }
            if let c = u.cost { total.cost = (total.cost ?? 0) + c }
        }
        return total
    }

    static func usageByCourse(_ logs: FiguresLogs) -> [String?: Usage] {
        Dictionary(grouping: usageByLesson(logs), by: \.key.course).mapValues { merge($0.map(\.value)) }
    }

    /// Day text → (sessions started, messages created), every day between the first and the last.
    static func usageByDay(_ logs: FiguresLogs) -> [String: (sessions: Int, messages: Int)] {
        var sessions: [Int64: Int] = [:], messages: [Int64: Int] = [:]
        for s in logs.sessions { sessions[FiguresTime.day(s.startedAt ?? s.creation), default: 0] += 1 }
        for m in logs.messages { if let c = m.creation { messages[FiguresTime.day(c), default: 0] += 1 } }
        let days = Array(sessions.keys) + Array(messages.keys)
        guard let first = days.min(), let last = days.max() else { return [:] }
        var result: [String: (Int, Int)] = [:]
        for d in first...last { result[FiguresTime.dayText(d)] = (sessions[d] ?? 0, messages[d] ?? 0) }
        return result
    }

    /// Learners seen anywhere: users of sessions and of proxy calls.
    static func activeUsers(_ logs: FiguresLogs) -> Int {
        Set(logs.sessions.compactMap { nonEmpty($0.user) } + logs.proxy.compactMap { nonEmpty($0.user) }).count
    }

    /// First and last event: proxy call, session start (or creation) and end, message, guardrail event.
    static func window(_ logs: FiguresLogs) -> (first: Micros, last: Micros)? {
        var times = logs.proxy.compactMap(\.time)
        times += logs.sessions.map { $0.startedAt ?? $0.creation } + logs.sessions.compactMap(\.endedAt)
        times += logs.messages.compactMap(\.creation)
        times += logs.guardrails.map { $0.time ?? $0.creation }
        guard let first = times.min(), let last = times.max() else { return nil }
        return (first, last)
    }

    // MARK: Alerts

    struct WindowKey: Hashable { var course: String?; var start: Int64 }

    struct Window: Equatable {
        var requests: Int, errors: Int, errorRate: Double, p95: Double?
        var errorAlert: Bool, p95Alert: Bool
        var alerting: Bool { errorAlert || p95Alert }
    }

    /// Clock-aligned 300 s windows per course. With `since`, only windows starting at or after
    /// the start of the window holding it; with `now`, only calls before it.
    static func alertWindows(_ rows: [FigProxy], since: Micros? = nil, now: Micros? = nil) -> [WindowKey: Window] {
        let length: Int64 = 300 * 1_000_000
        func windowStart(_ t: Micros) -> Int64 { (t >= 0 ? t / length : (t - length + 1) / length) * 300 }
        let lowest = since.map(windowStart)
        var calls: [WindowKey: [FigProxy]] = [:]
        for call in rows {
            guard let t = call.time else { continue }
            if let now, t >= now { continue }
            let start = windowStart(t)
            if let lowest, start < lowest { continue }
            calls[WindowKey(course: nonEmpty(call.course), start: start), default: []].append(call)
        }
        return calls.mapValues { group in
            let errors = group.filter { $0.status == "error" }.count
            let rate = Double(errors) / Double(group.count) * 100
            let p95 = percentile(group.compactMap(\.latency), 95)
            return Window(requests: group.count, errors: errors, errorRate: rate, p95: p95,
                          errorAlert: rate >= 20, p95Alert: (p95 ?? 0) >= 4000)
        }
    }
}
