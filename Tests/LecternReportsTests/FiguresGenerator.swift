import Foundation

/// SplitMix64: a tiny seeded generator, so every "export we have not seen" is the same on every run.
struct FiguresRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (the modulo bias is irrelevant for test data).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

/// Times are kept as integer microseconds since 1970 UTC, so expectations never depend on how
/// the importer turns text into a Double.
typealias Micros = Int64

struct FigProxy: Sendable {
    var name: String
    var creation: Micros
    var time: Micros?
    var user: String?
    var course: String?
    var lesson: String?
    var model: String?
    var status: String?
    var latency: Double?
    var statusCode: Int?
    var errorMessage: String?
    var promptTokens: Int?
    var completionTokens: Int?
    var cost: Double?
}

struct FigSession: Sendable {
    var name: String
    var creation: Micros
    var user: String?
    var course: String?
    var lesson: String?
    var startedAt: Micros?
    var endedAt: Micros?
    var promptTokens: Int?
    var completionTokens: Int?
    var cost: Double?
}

struct FigMessage: Sendable {
    var name: String
    var creation: Micros?
    var session: String?
    var role: String?
    var content: String
}

struct FigGuardrail: Sendable {
    var name: String
    var creation: Micros
    var time: Micros?
    var user: String?
    var course: String?
    var lesson: String?
    var source: String?
    var eventType: String?
    var snippet: String
}

/// One tutor's logs. `rejected` holds proxy rows the importer must refuse (they are written to
/// every export but must not count anywhere).
struct FiguresLogs: Sendable {
    var proxy: [FigProxy] = []
    var rejected: [FigProxy] = []
    var sessions: [FigSession] = []
    var messages: [FigMessage] = []
    var guardrails: [FigGuardrail] = []

    /// 2026-03-01 00:00:00 UTC.
    static let base: Micros = 1_772_323_200 * 1_000_000
    static let second: Micros = 1_000_000
    static let day: Micros = 86_400 * second

    /// The hand-placed boundary windows live on day 4, which random rows never touch.
    static let boundaryDay = base + 4 * day
    /// `since` falls inside a window (so that window's start is what counts); `now` too.
    static let boundarySince = boundaryDay + 3600 * second + 123_456_789
    static let boundaryNow = boundaryDay + 7260 * second

    static let courses = ["intro-python", "git-basics", "data-science", "web-dev"]
    static let lessons = ["intro-python": ["variables", "loops", "functions"], "git-basics": ["commits", "branches"],
                          "data-science": ["pandas", "plots", "cleaning"], "web-dev": ["html", "css"]]
    static let models = ["gpt-4o-mini", "llama3", "claude-haiku"]
    static let messagesByCode: [Int: [String?]] = [
        429: ["rate limited", "rate limited, \"slow down\"", nil],
        500: ["internal error", "boom\nsecond line"],
        502: ["bad gateway", nil],
        504: ["upstream timeout, \"retry\" later", "gateway timeout"],
    ]

    static func generate(seed: UInt64) -> FiguresLogs {
        var r = FiguresRandom(seed: seed)
        var logs = FiguresLogs()
        let users = (1...30).map { "learner\($0)@example.com" }
        // A pool of latencies, so that ties are common (including halves).
        let pool: [Double] = (0..<60).map { _ in Double(r.int(80...5000)) / (r.chance(30) ? 2 : 1) }

        // Random calls on days 0, 1 and 3: day 2 is a gap, which by_day must still list.
        var previousTime: Micros = base
        func randomCall(_ n: Int) -> FigProxy {
            let dayIndex = r.pick([0, 1, 3]) as Micros
            var time: Micros = base + dayIndex * day + Micros(r.int(0...86_399)) * second
            if r.chance(50) { time += Micros(r.int(0...999_999)) }
            if r.chance(10) { time = previousTime }              // repeated timestamps
            previousTime = time
            let course: String? = r.chance(6) ? nil : r.pick(courses)
            let isError = r.chance(12)
            var call = FigProxy(name: "PL-\(seed)-\(n)", creation: time, time: r.chance(2) ? nil : time,
                                user: r.chance(5) ? nil : (r.chance(20) ? "" : r.pick(users)),
                                course: course, lesson: course.flatMap { lessons[$0].map { r.pick($0) } },
                                model: r.chance(4) ? nil : r.pick(models),
                                status: isError ? "error" : (r.chance(2) ? nil : "success"),
                                latency: r.chance(5) ? nil : r.pick(pool))
            if isError {
                let code = r.pick([429, 500, 502, 504])
                call.statusCode = r.chance(6) ? nil : code
                call.errorMessage = r.pick(messagesByCode[code]!)
                if code == 504 && r.chance(50) { call.latency = 30_000 }
            } else {
                call.statusCode = r.chance(6) ? nil : 200
            }
            if r.chance(60) {
                call.promptTokens = r.int(10...2000)
                call.completionTokens = r.chance(90) ? r.int(0...800) : nil
            }
            if r.chance(50) { call.cost = Double(r.int(1...50_000)) / 1_000_000 }
            return call
        }
        for n in 0..<r.int(380...520) { logs.proxy.append(randomCall(n)) }

        // Bursts: windows where one course has many errors, and windows with slow calls.
        for b in 0..<3 {
            let start = base + Micros(r.pick([0, 1, 3])) * day + Micros(r.int(0...287) * 300) * second
            let course = r.pick(courses)
            for k in 0..<r.int(6...12) {
                var call = randomCall(10_000 + b * 100 + k)
                call.course = course; call.lesson = lessons[course]!.first
                call.time = start + Micros(r.int(0...299_999_999)); call.creation = call.time!
                if r.chance(70) { call.status = "error"; call.statusCode = r.pick([429, 500, 502, 504]); call.errorMessage = "burst" }
                logs.proxy.append(call)
            }
        }
        for b in 0..<2 {
            let start = base + Micros(r.pick([0, 1, 3])) * day + Micros(r.int(0...287) * 300) * second
            let course = r.pick(courses)
            for k in 0..<r.int(4...8) {
                var call = randomCall(20_000 + b * 100 + k)
                call.course = course
                call.time = start + Micros(r.int(0...299) * 1_000_000); call.creation = call.time!
                call.latency = Double(r.int(4000...12_000))
                logs.proxy.append(call)
            }
        }
        logs.proxy += boundaryCalls(seed: seed)
        logs.rejected = [FigProxy(name: "PL-\(seed)-rejected", creation: base, time: base + 5 * second, course: "web-dev",
                                  status: "success", latency: -5)]

        // Sessions on days 0-3, messages inside them, a few messages whose session is unknown.
        for n in 0..<r.int(60...100) {
            let creation = base + Micros(r.int(0...3)) * day + Micros(r.int(0...80_000)) * second + Micros(r.int(0...999_999))
            let course: String? = r.chance(6) ? nil : r.pick(courses)
            let started: Micros? = r.chance(15) ? nil : creation + Micros(r.int(0...30)) * second
            var session = FigSession(name: "S-\(seed)-\(n)", creation: creation,
                                     user: r.chance(8) ? nil : (r.chance(10) ? "" : r.pick(users)),
                                     course: course, lesson: course.flatMap { lessons[$0].map { r.pick($0) } },
                                     startedAt: started)
            if r.chance(75) { session.endedAt = (started ?? creation) + Micros(r.int(60...1800)) * second }
            if r.chance(60) { session.promptTokens = r.int(0...5000); session.completionTokens = r.int(0...3000) }
            if r.chance(50) { session.cost = Double(r.int(1...90_000)) / 1_000_000 }
            logs.sessions.append(session)
            let roles = (r.chance(30) ? ["system"] : []) + Array(repeating: ["user", "assistant"], count: r.int(0...4)).flatMap { $0 }
            for (k, role) in roles.enumerated() {
                logs.messages.append(FigMessage(name: "M-\(seed)-\(n)-\(k)",
                                                creation: (started ?? creation) + Micros(k * 20) * second + Micros(r.int(0...999)),
                                                session: session.name, role: role, content: "message \(k), \"quoted\""))
            }
        }
        for k in 0..<6 {
            logs.messages.append(FigMessage(name: "M-\(seed)-orphan-\(k)", creation: base + Micros(r.int(0...300_000)) * second,
                                            session: k < 4 ? "S-missing-\(k)" : nil, role: k == 5 ? nil : r.pick(["user", "assistant"]),
                                            content: "orphan"))
        }
        logs.messages.append(FigMessage(name: "M-\(seed)-undated", creation: nil, session: logs.sessions[0].name, role: "user", content: "undated"))

        for n in 0..<r.int(15...25) {
            let creation = base + Micros(r.int(0...300_000)) * second
            let course: String? = r.chance(10) ? nil : r.pick(courses)
            logs.guardrails.append(FigGuardrail(name: "G-\(seed)-\(n)", creation: creation,
                                                time: r.chance(10) ? nil : creation + Micros(r.int(0...9)) * second,
                                                user: r.chance(10) ? nil : r.pick(users), course: course, lesson: nil,
                                                source: r.chance(10) ? nil : r.pick(["chat", "external"]),
                                                eventType: r.chance(5) ? nil : r.pick(["Injection", "Sensitive"]),
                                                snippet: "ignore previous instructions, \"now\""))
        }
        return logs
    }

    /// Windows on day 4 that sit exactly on the thresholds and on the edges of since/now.
    static func boundaryCalls(seed: UInt64) -> [FigProxy] {
        var calls: [FigProxy] = []
        func add(_ course: String, _ at: Micros, latency: Double?, error: Bool = false) {
            calls.append(FigProxy(name: "PB-\(seed)-\(calls.count)", creation: at, time: at, user: "boundary@example.com",
                                  course: course, lesson: nil, model: "llama3", status: error ? "error" : "success",
                                  latency: latency, statusCode: error ? 500 : 200, errorMessage: error ? "internal error" : nil))
        }
        let sinceWindow = boundaryDay + 3600 * second           // the window holding `since` starts here
        // Exactly 20 % errors (1 of 5): alerts, the rule is "at or above".
        for k in 0..<5 { add("git-basics", sinceWindow + Micros(k * 10) * second, latency: 100, error: k == 2) }
        // 1 error in 6 (16.7 %): no alert.
        for k in 0..<6 { add("intro-python", sinceWindow + 300 * second + Micros(k) * second, latency: 100, error: k == 0) }
        // 20 latencies whose p95 (index round(0.95·19) = 18) is exactly 4000: alerts.
        for k in 0..<20 { add("web-dev", sinceWindow + 600 * second + Micros(k) * second, latency: k == 18 ? 4000 : (k == 19 ? 9000 : Double(100 + k))) }
        // 21 latencies whose p95 (index 19) is 3999 and only the max is slow: no alert.
        for k in 0..<21 { add("data-science", sinceWindow + 900 * second, latency: k == 19 ? 3999 : (k == 20 ? 9000 : 50)) }
        // The window before the one holding `since`: alerting, but outside the check.
        add("git-basics", sinceWindow - 1 * second, latency: 100, error: true)
        // At `now` exactly: not counted; just before it: counted (in the window holding `now`).
        add("git-basics", boundaryNow, latency: 100, error: true)
        add("git-basics", boundaryNow - 500_000, latency: 100)
        // Only latencies missing: p95 not recorded.
        add("web-dev", sinceWindow + 1200 * second, latency: nil)
        return calls
    }
}
