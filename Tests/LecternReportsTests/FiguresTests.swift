import Foundation
import Testing
import LecternReports
import LecternStore

/// "Every figure in the site and its JSON equals an independent computation on exports you have
/// not seen, in each supported format." The exports come from FiguresGenerator (seeded), the
/// expectations from FiguresExpected (plain code from the definitions).
struct FiguresTests {
    static let seeds: [UInt64] = [1, 20_260_301]
    typealias E = FiguresExpected

    @Test(arguments: seeds, FiguresFormat.allCases)
    func siteFiguresMatchIndependentComputation(seed: UInt64, format: FiguresFormat) throws {
        let logs = FiguresLogs.generate(seed: seed)
        let site = try FiguresSite(logs, format: format)
        let c = FiguresCheck(context: "seed \(seed) \(format):")
        // Only the deliberately bad proxy row is refused, in every format.
        #expect(site.summaries.map(\.rejected) == [1, 0, 0, 0], "\(c.context) \(site.summaries.map(\.rejectMessages))")
        let json = try site.render(["proxy", "usage", "index", "guardrails"])
        checkProxy(try #require(json["proxy"]), logs, c)
        checkUsage(try #require(json["usage"]), logs, c)
        checkDashboard(try #require(json["index"]), logs, c)
        checkGuardrails(try #require(json["guardrails"]), logs, c)
    }

    /// The generated exports hold every awkward case the brief asks for, so the checks see them.
    @Test(arguments: seeds)
    func generatedLogsHoldTheAwkwardCases(seed: UInt64) {
        let logs = FiguresLogs.generate(seed: seed)
        let p = logs.proxy
        #expect(p.count >= 400)
        #expect(p.contains { $0.latency == nil } && p.contains { $0.statusCode == nil } && p.contains { $0.course == nil })
        #expect(p.contains { $0.time == nil } && p.contains { $0.model == nil } && p.contains { $0.user == nil })
        #expect(Set(p.filter { $0.status == "error" }.compactMap(\.statusCode)) == [429, 500, 502, 504])
        #expect(Set(p.compactMap(\.time)).count < p.compactMap(\.time).count, "repeated timestamps")
        #expect(Set(p.compactMap(\.latency)).count < p.compactMap(\.latency).count, "latency ties")
        #expect(Set(p.compactMap(\.time).map(FiguresTime.day)).count == 4, "days 0, 1, 3 and the boundary day")
        #expect(logs.sessions.contains { $0.user == nil } && logs.sessions.contains { $0.endedAt == nil }
                && logs.sessions.contains { $0.startedAt == nil })
        let names = Set(logs.sessions.map(\.name))
        #expect(logs.messages.contains { $0.session != nil && !names.contains($0.session!) } && logs.messages.contains { $0.session == nil })
    }

    func checkProxy(_ page: [String: Any], _ logs: FiguresLogs, _ c: FiguresCheck) {
        let rows = logs.proxy
        let window = E.window(logs)
        let head = page["window"] as? [String: Any]
        c.time(head?["first"], window?.first, "window.first")
        c.time(head?["last"], window?.last, "window.last")
        c.count(page["rows_read"], logs.proxy.count + logs.rejected.count + logs.sessions.count + logs.messages.count
                + logs.guardrails.count, "rows_read")
        c.count(page["rows_rejected"], logs.rejected.count, "rows_rejected")

        let total = E.group(rows)
        c.proxy(page["figures"] as? [String: Any] ?? [:], total, "figures")
        let tables = page["tables"] as? [String: Any] ?? [:]
        for (table, column, expected) in [("by_model", "model", E.grouped(rows) { E.nonEmpty($0.model) }),
                                          ("by_course", "course", E.grouped(rows) { E.nonEmpty($0.course) })] {
            let got = c.keyed(tables[table], column, table)
            c.sameKeys(got, expected, table)
            for (key, g) in expected { c.proxy(got[key] ?? [:], g, "\(table)[\(key ?? "null")]") }
        }
        let days = E.byDay(rows)
        let gotDays = c.keyed(tables["by_day"], "day", "by_day")
        c.sameKeys(gotDays, Dictionary(uniqueKeysWithValues: days.map { (Optional($0.key), $0.value) }), "by_day")
        for (day, g) in days { c.proxy(gotDays[day] ?? [:], g, "by_day[\(day)]") }

        // Status codes: every code (null included) in by_status_code, codes with errors in errors_by_status_code.
        let byCode = E.grouped(rows, by: \.statusCode)
        for (table, expected) in [("by_status_code", byCode), ("errors_by_status_code", byCode.filter { $0.value.errors > 0 })] {
            let list = tables[table] as? [[String: Any]] ?? []
            let got = Dictionary(list.map { ((($0["status_code"] as? NSNumber)?.intValue), $0) }) { a, _ in a }
            #expect(list.count == expected.count && Set(got.keys) == Set(expected.keys),
                    "\(c.context) \(table): codes \(list.map { $0["status_code"] ?? "?" }) vs \(expected.keys.map { $0.map(String.init) ?? "null" })")
            for (code, g) in expected {
                let row = got[code] ?? [:], what = "\(table)[\(code.map(String.init) ?? "null")]"
                c.count(row["requests"], g.requests, what + " requests")
                c.count(row["errors"], g.errors, what + " errors")
                c.close(row["share_of_errors"], total.errors == 0 ? nil : Double(g.errors) / Double(total.errors) * 100, what + " share_of_errors")
                c.time(row["last_error_at"], g.lastErrorAt, what + " last_error_at")
                // The latest timed error's own message (FiguresStatusCodeTests pins the edge cases).
                let message = row["last_error_message"] as? String
                #expect(g.latestMessages.contains(message),
                        "\(c.context) \(what) last_error_message \(String(describing: message)) not among \(g.latestMessages)")
            }
        }

        // Alert history: every window of any time that reached a threshold.
        let expectedAlerts = E.alertWindows(rows).filter { $0.value.alerting }
        #expect(expectedAlerts.values.contains(where: \.errorAlert) && expectedAlerts.values.contains(where: \.p95Alert),
                "\(c.context) the data should hold windows alerting for each reason")
        let history = tables["alert_history"] as? [[String: Any]] ?? []
        var seen = Set<E.WindowKey>()
        for row in history {
            let start = row["window_start"] as? String ?? ""
            let key = expectedAlerts.keys.first { $0.course == row["course"] as? String && FiguresTime.iso($0.start * 1_000_000) == start }
            guard let key, let w = expectedAlerts[key] else {
                Issue.record("\(c.context) alert_history: unexpected window \(row)")
                continue
            }
            seen.insert(key)
            checkWindow(row, w, key, c, "alert_history[\(key.course ?? "null") \(start)]", p95Key: "p95_latency_ms")
            let reasons = row["reasons"] as? String ?? ""
            #expect(reasons.contains("error rate") == w.errorAlert && reasons.contains("p95") == w.p95Alert,
                    "\(c.context) alert_history[\(start)] reasons \"\(reasons)\"")
        }
        #expect(history.count == expectedAlerts.count && seen.count == expectedAlerts.count,
                "\(c.context) alert_history: \(history.count) rows, expected \(expectedAlerts.count)")
    }

    func checkWindow(_ row: [String: Any], _ w: E.Window, _ key: E.WindowKey, _ c: FiguresCheck, _ what: String,
                     p95Key: String, startKey: String = "window_start", endKey: String = "window_end") {
        c.time(row[startKey], key.start * 1_000_000, what + " start")
        c.time(row[endKey], (key.start + 300) * 1_000_000, what + " end")
        c.count(row["requests"], w.requests, what + " requests")
        c.count(row["errors"], w.errors, what + " errors")
        c.close(row["error_rate"], w.errorRate, what + " error_rate")
        c.exact(row[p95Key], w.p95, what + " p95")
    }

    func checkUsage(_ page: [String: Any], _ logs: FiguresLogs, _ c: FiguresCheck) {
        let lessons = E.usageByLesson(logs)
        let overall = E.merge(lessons.values)
        let known = Set(logs.sessions.map(\.name))
        let f = page["figures"] as? [String: Any] ?? [:]
        c.count(f["sessions"], logs.sessions.count, "usage sessions")
        c.count(f["messages"], logs.messages.count, "usage messages")
        c.count(f["user_messages"], logs.messages.filter { $0.role == "user" }.count, "usage user_messages")
        c.count(f["distinct_users"], Set(logs.sessions.compactMap { E.nonEmpty($0.user) }).count, "usage distinct_users")
        c.close(f["cost"], overall.cost, "usage cost")
        c.count(f["unattributed_messages"], logs.messages.filter { !known.contains($0.session ?? "\u{0}") }.count, "usage unattributed")

        func usageRow(_ row: [String: Any], _ u: E.Usage, _ what: String) {
            c.count(row["sessions"], u.sessions, what + " sessions")
            c.count(row["messages"], u.messages, what + " messages")
            c.count(row["user_messages"], u.user, what + " user_messages")
            c.count(row["assistant_messages"], u.assistant, what + " assistant_messages")
            c.count(row["system_messages"], u.system, what + " system_messages")
            c.count(row["distinct_users"], u.users.count, what + " distinct_users")
            c.time(row["first_activity"], u.first, what + " first_activity")
            c.time(row["last_activity"], u.last, what + " last_activity")
            c.exact(row["prompt_tokens"], u.promptTokens.map(Double.init), what + " prompt_tokens")
            c.exact(row["completion_tokens"], u.completionTokens.map(Double.init), what + " completion_tokens")
            c.close(row["cost"], u.cost, what + " cost")
        }
        let tables = page["tables"] as? [String: Any] ?? [:]
        let courses = E.usageByCourse(logs)
        let gotCourses = c.keyed(tables["by_course"], "course", "usage by_course")
        c.sameKeys(gotCourses, courses, "usage by_course")
        for (course, u) in courses { usageRow(gotCourses[course] ?? [:], u, "usage by_course[\(course ?? "null")]") }

        let lessonRows = tables["by_lesson"] as? [[String: Any]] ?? []
        #expect(lessonRows.count == lessons.count, "\(c.context) usage by_lesson: \(lessonRows.count) rows, expected \(lessons.count)")
        for row in lessonRows {
            let key = E.LessonKey(course: row["course"] as? String, lesson: row["lesson"] as? String)
            guard let u = lessons[key] else { Issue.record("\(c.context) usage by_lesson: unexpected \(key)"); continue }
            usageRow(row, u, "usage by_lesson[\(key.course ?? "null")/\(key.lesson ?? "null")]")
        }

        let days = E.usageByDay(logs)
        let gotDays = c.keyed(tables["by_day"], "day", "usage by_day")
        c.sameKeys(gotDays, Dictionary(uniqueKeysWithValues: days.map { (Optional($0.key), $0.value) }), "usage by_day")
        for (day, counts) in days {
            c.count(gotDays[day]?["sessions"], counts.sessions, "usage by_day[\(day)] sessions")
            c.count(gotDays[day]?["messages"], counts.messages, "usage by_day[\(day)] messages")
        }
    }

    func checkDashboard(_ page: [String: Any], _ logs: FiguresLogs, _ c: FiguresCheck) {
        let f = page["figures"] as? [String: Any] ?? [:]
        let total = E.group(logs.proxy)
        c.count(f["requests"], total.requests, "index requests")
        c.close(f["error_rate"], total.errorRate, "index error_rate")
        c.exact(f["p95_latency_ms"], total.p95, "index p95_latency_ms")
        c.count(f["active_users"], E.activeUsers(logs), "index active_users")
        c.count(f["sessions"], logs.sessions.count, "index sessions")
        c.count(f["messages"], logs.messages.count, "index messages")
        c.count(f["guardrail_events"], logs.guardrails.count, "index guardrail_events")
    }

    func checkGuardrails(_ page: [String: Any], _ logs: FiguresLogs, _ c: FiguresCheck) {
        let f = page["figures"] as? [String: Any] ?? [:]
        let events = logs.guardrails
        c.count(f["events"], events.count, "guardrails events")
        c.count(f["injection"], events.filter { $0.eventType == "Injection" }.count, "guardrails injection")
        c.count(f["sensitive"], events.filter { $0.eventType == "Sensitive" }.count, "guardrails sensitive")
        let tables = page["tables"] as? [String: Any] ?? [:]
        for (table, column, key) in [("by_type", "event_type", \FigGuardrail.eventType), ("by_source", "source", \FigGuardrail.source),
                                     ("by_course", "course", \FigGuardrail.course)] {
            let expected = Dictionary(grouping: events) { E.nonEmpty($0[keyPath: key]) }.mapValues(\.count)
            let got = c.keyed(tables[table], column, "guardrails " + table)
            c.sameKeys(got, expected, "guardrails " + table)
            for (k, n) in expected { c.count(got[k]?["events"], n, "guardrails \(table)[\(k ?? "null")]") }
        }
    }
}
