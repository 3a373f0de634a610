/// Chat sessions and messages summed up per course, per lesson and per day. A message belongs
/// to the course and lesson of its session; messages whose session is not in the logs count
/// under "not recorded".
struct ChatUsage {
    struct Totals {
        var sessions = 0
        var messages = 0
        var byRole: [String: Int] = [:]
        var users = Set<String>()
        var first = Double.infinity
        var last = -Double.infinity
        var promptTokens: Int?
        var completionTokens: Int?
        var cost: Double?
        var sessionsPerDay: [Int: Int] = [:]
        var messagesPerDay: [Int: Int] = [:]

        var firstActivity: Double? { first.isFinite ? first : nil }
        var lastActivity: Double? { last.isFinite ? last : nil }

        mutating func see(_ t: Double?) {
            guard let t else { return }
            first = min(first, t); last = max(last, t)
        }
    }

    var overall = Totals()
    var byCourse: [String?: Totals] = [:]
    var byLesson: [LessonKey: Totals] = [:]
    var sessionsOfLesson: [LessonKey: [Int]] = [:]
    var messagesOfSession: [Int: [Int]] = [:]
    var userMessagesOfLesson: [LessonKey: [Int]] = [:]
    var unattributedMessages = 0

    init(_ snapshot: LogSnapshot, clock: ReportClock, sessionIndex: [String: Int]) {
        func update(_ key: LessonKey, _ body: (inout Totals) -> Void) {
            body(&overall)
            body(&byCourse[key.course, default: Totals()])
            body(&byLesson[key, default: Totals()])
        }
        for (n, s) in snapshot.sessions.enumerated() {
            let key = LessonKey(course: s.course, lesson: s.lesson)
            sessionsOfLesson[key, default: []].append(n)
            let start = s.startedAt ?? s.creation
            update(key) { t in
                t.sessions += 1
                if let user = s.user, !user.isEmpty { t.users.insert(user) }
                t.see(start)
                t.see(s.endedAt)
                if let p = s.promptTokens { t.promptTokens = (t.promptTokens ?? 0) + p }
                if let c = s.completionTokens { t.completionTokens = (t.completionTokens ?? 0) + c }
                if let c = s.cost { t.cost = (t.cost ?? 0) + c }
                if let start { t.sessionsPerDay[clock.day(start), default: 0] += 1 }
            }
        }
        for (n, m) in snapshot.messages.enumerated() {
            let session = m.session.flatMap { sessionIndex[$0] }
            let key = session.map { LessonKey(course: snapshot.sessions[$0].course, lesson: snapshot.sessions[$0].lesson) }
                ?? LessonKey(course: nil, lesson: nil)
            if let session { messagesOfSession[session, default: []].append(n) } else { unattributedMessages += 1 }
            if m.role == "user" { userMessagesOfLesson[key, default: []].append(n) }
            update(key) { t in
                t.messages += 1
                t.byRole[m.role ?? "not recorded", default: 0] += 1
                t.see(m.creation)
                if let c = m.creation { t.messagesPerDay[clock.day(c), default: 0] += 1 }
            }
        }
    }
}
