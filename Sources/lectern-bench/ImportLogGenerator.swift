import Foundation
import LecternJSON

/// Deterministic AI-tutor logs for the import benchmark, shaped like a real site's month: ~20
/// courses of ~15 lessons, 2,000 learners, three models, ~5% failed calls (429/500/502/504 with
/// their messages), lognormal latencies, Frappe naive datetimes with microseconds over 30 days,
/// 10-hex-character Frappe names, and token counts and cost (fields Lectern does not know) on
/// ~70% of the calls.
struct ImportLogGenerator {
    private var random: Workload
    private let courses: [String]
    private let lessons: [(course: String, lesson: String)]
    private let users: [String]
    private var paragraphs: [String] = []
    private var questions: [String] = []
    static let start = 1_772_323_200.0   // 2026-03-01 00:00:00 UTC
    static let span = 30.0 * 86_400

    init(seed: UInt64) {
        random = Workload(seed: seed)
        let subjects = ["python", "git", "sql", "statistics", "web", "linux", "algorithms", "networks", "security", "rust",
                        "excel", "design", "writing", "physics", "chemistry", "biology", "finance", "marketing", "music", "french"]
        courses = subjects.enumerated().map { "\($0.element)-\(["basics", "intro", "advanced", "in-practice"][$0.offset % 4])" }
        lessons = courses.flatMap { course in (1...15).map { (course, "\(course.split(separator: "-")[0])-lesson-\($0)") } }
        users = (1...2_000).map { "learner\($0)@example.edu" }
        paragraphs = (0..<2_000).map { _ in random.paragraph(words: 60 + Int(random.next() % 120)) }
        questions = (0..<2_000).map { _ in random.query(words: 6 + Int(random.next() % 14)) }
    }

    // MARK: AI Proxy Log

    static let proxyLabels = ["ID", "Created On", "Last Updated On", "Owner", "Time", "User", "Course", "Lesson", "Model",
                              "Status", "Latency (ms)", "Status Code", "Error Message", "Prompt Tokens", "Completion Tokens", "Cost"]
    static let proxyKeys = ["name", "creation", "modified", "owner", "time", "user", "course", "lesson", "model",
                            "status", "latency_ms", "status_code", "error_message", "prompt_tokens", "completion_tokens", "cost"]
    private static let models = ["gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini", "gpt-4o-mini",
                                 "gpt-4o-mini", "gpt-4o", "gpt-4o", "llama-3.1-70b"]
    private static let failures: [(code: Int, message: String)] = [
        (429, "Rate limit reached for requests, please retry in 20s"),
        (500, "Internal server error from provider"),
        (502, "Bad gateway: upstream connect error, \"connection reset\""),
        (504, "upstream timeout after 30000 ms"),
    ]

    /// One proxy call per element: the field values as text (nil: not recorded), in `proxyKeys`
    /// order, and whether each is a JSON number.
    mutating func proxyRows(_ count: Int) -> [[String?]] {
        var time = Self.start
        var rows: [[String?]] = []
        rows.reserveCapacity(count)
        for _ in 0..<count {
            time += -log(1 - unit()) * Self.span / Double(count)
            let lesson = lessons[Int(random.next() % UInt64(lessons.count))]
            let model = Self.models[Int(random.next() % UInt64(Self.models.count))]
            let failed = unit() < 0.05
            let failure = Self.failures[Int(random.next() % UInt64(Self.failures.count))]
            let latency = failed && failure.code == 504 ? 30_000 : (exp(log(900) + 0.6 * gaussian()) * 10).rounded() / 10
            let created = datetime(time)
            let modified = datetime(time + latency / 1000)
            var row: [String?] = [name(), created, modified, "Administrator", created, users[Int(random.next() % UInt64(users.count))],
                                  lesson.course, lesson.lesson, model, failed ? "error" : "success", String(latency),
                                  String(failed ? failure.code : 200), failed ? failure.message : nil]
            if unit() < 0.7 {
                let prompt = 200 + Int(random.next() % 1_800), completion = failed ? 0 : 50 + Int(random.next() % 600)
                let microdollars = (Double(prompt) * 0.15 + Double(completion) * 0.6).rounded()
                row += [String(prompt), String(completion), String(microdollars / 1e6)]
            } else {
                row += [nil, nil, nil]
            }
            rows.append(row)
        }
        return rows
    }

    static func proxyCSV(_ rows: [[String?]]) -> [UInt8] {
        var out = Array((proxyLabels.joined(separator: ",") + "\r\n").utf8)
        for row in rows {
            for (k, value) in row.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                guard let value else { continue }
                if value.contains(",") || value.contains("\"") {
                    out += Array(("\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"").utf8)
                } else {
                    out += Array(value.utf8)
                }
            }
            out += [0x0D, 0x0A]
        }
        return out
    }

    static func proxyJSONLines(_ rows: [[String?]]) -> [UInt8] {
        let numeric: Set<String> = ["latency_ms", "status_code", "prompt_tokens", "completion_tokens", "cost"]
        var out: [UInt8] = []
        for row in rows {
            var line = "{"
            for (k, value) in row.enumerated() {
                let key = proxyKeys[k]
                // Extra fields are absent when not recorded; the proxy's own fields are null.
                if value == nil && k >= 13 { continue }
                if line.count > 1 { line += "," }
                line += "\"\(key)\":"
                if let value { line += numeric.contains(key) ? value : JSONString.quoted(value) } else { line += "null" }
            }
            out += Array((line + "}\n").utf8)
        }
        return out
    }

    // MARK: AI Chat Message

    /// Messages of chat sessions as JSON Lines: a learner's question, then the tutor's answer
    /// (a few paragraphs) with citations as a JSON string, or null.
    mutating func messageJSONLines(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var time = Self.start
        var session = ""
        for n in 0..<count {
            if n % 8 == 0 { session = "SESS-" + name() }
            time += -log(1 - unit()) * Self.span / Double(count)
            let assistant = n % 2 == 1
            let content = assistant
                ? (0..<(1 + Int(random.next() % 3))).map { _ in paragraphs[Int(random.next() % UInt64(paragraphs.count))] }.joined(separator: "\n\n")
                : questions[Int(random.next() % UInt64(questions.count))]
            var citations = "null"
            if assistant && unit() < 0.6 {
                let lesson = lessons[Int(random.next() % UInt64(lessons.count))]
                citations = JSONString.quoted("[{\"chunk\":\"\(name())\",\"url\":\"/lms/courses/\(lesson.course)/learn/\(lesson.lesson)\"}]")
            }
            let stamp = datetime(time)
            let line = "{\"name\":\"\(name())\",\"creation\":\"\(stamp)\",\"modified\":\"\(stamp)\",\"owner\":\"Administrator\","
                + "\"session\":\"\(session)\",\"role\":\"\(assistant ? "assistant" : "user")\",\"content\":\(JSONString.quoted(content)),"
                + "\"citations\":\(citations),\"tool_calls\":null}\n"
            out += Array(line.utf8)
        }
        return out
    }

    // MARK: pieces

    private mutating func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }

    /// Box–Muller.
    private mutating func gaussian() -> Double {
        sqrt(-2 * log(1 - unit())) * cos(2 * Double.pi * unit())
    }

    /// A Frappe autoname: 10 random hex characters.
    private mutating func name() -> String {
        String(String(random.next(), radix: 16).suffix(10)).padding(toLength: 10, withPad: "0", startingAt: 0)
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff`, naive (the site's zone is UTC here). Written digit by digit:
    /// `String(format:)` made generating the files slower than importing them.
    private func datetime(_ seconds: Double) -> String {
        let whole = Int(seconds)
        var time = time_t(whole)
        var parts = tm()
        gmtime_r(&time, &parts)
        func digits(_ value: Int, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        return digits(Int(parts.tm_year) + 1900, 4) + "-" + digits(Int(parts.tm_mon) + 1, 2) + "-" + digits(Int(parts.tm_mday), 2)
            + " " + digits(Int(parts.tm_hour), 2) + ":" + digits(Int(parts.tm_min), 2) + ":" + digits(Int(parts.tm_sec), 2)
            + "." + digits(Int((seconds - Double(whole)) * 1e6), 6)
    }
}
