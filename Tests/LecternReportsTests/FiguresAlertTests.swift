import Foundation
import Testing
import LecternReports
import LecternStore

/// `check-alerts` through the library: the windows of ProxyAlerts and the JSON of AlertCheck,
/// against windows computed from the definition, for a since/now pair on the hand-placed
/// boundary windows and one over the random days.
struct FiguresAlertTests {
    typealias E = FiguresExpected

    static func checks(_ seed: UInt64) -> [(since: Micros, now: Micros)] {
        let s = FiguresLogs.second
        return [(FiguresLogs.boundarySince, FiguresLogs.boundaryNow),
                (FiguresLogs.base + FiguresLogs.day + Micros(seed % 997) * 61 * s + 250_001, FiguresLogs.base + 3 * FiguresLogs.day + 50_000 * s + 500_000)]
    }

    @Test(arguments: FiguresTests.seeds, FiguresFormat.allCases)
    func windowsMatchIndependentComputation(seed: UInt64, format: FiguresFormat) throws {
        var logs = FiguresLogs.generate(seed: seed)
        logs.sessions = []; logs.messages = []; logs.guardrails = []
        let site = try FiguresSite(logs, format: format)
        let snapshot = try LogSnapshot.loadProxyCalls(from: site.fixture.store)
        for (since, now) in Self.checks(seed) {
            let c = FiguresCheck(context: "seed \(seed) \(format) since \(FiguresTime.iso(since)) now \(FiguresTime.iso(now)):")
            let expected = E.alertWindows(logs.proxy, since: since, now: now)
            let windows = ProxyAlerts.windows(snapshot, rule: FiguresSite.rule, since: Double(since) / 1e6, now: Double(now) / 1e6)
            var got: [E.WindowKey: AlertWindow] = [:]
            for w in windows {
                let key = E.WindowKey(course: w.course, start: Int64(w.start))
                #expect(got[key] == nil && Double(key.start) == w.start, "\(c.context) window \(key) twice or not aligned")
                got[key] = w
            }
            #expect(Set(got.keys) == Set(expected.keys), "\(c.context) windows differ: extra \(Set(got.keys).subtracting(expected.keys)), missing \(Set(expected.keys).subtracting(got.keys))")
            for (key, e) in expected {
                guard let w = got[key] else { continue }
                let what = "\(c.context) \(key.course ?? "null") \(FiguresTime.iso(key.start * 1_000_000))"
                #expect(w.end == Double(key.start + 300), "\(what) end")
                #expect((w.requests, w.errors, w.p95, w.alerting) == (e.requests, e.errors, e.p95, e.alerting), "\(what): got \(w), expected \(e)")
                c.close(w.errorRate, e.errorRate, what + " error_rate")
            }
            try checkJSON(AlertCheck(windows: windows, rule: FiguresSite.rule, since: Double(since) / 1e6, now: Double(now) / 1e6).json,
                          expected, since: since, now: now, c)
        }
    }

    /// The hand-placed windows, with the expectations reasoned out by hand rather than computed.
    @Test func boundaryWindowsByHand() throws {
        let logs = FiguresLogs(proxy: FiguresLogs.boundaryCalls(seed: 0))
        let site = try FiguresSite(logs, format: .csvLabels)
        let windows = ProxyAlerts.windows(try LogSnapshot.loadProxyCalls(from: site.fixture.store), rule: FiguresSite.rule,
                                          since: Double(FiguresLogs.boundarySince) / 1e6, now: Double(FiguresLogs.boundaryNow) / 1e6)
        let day = Double(FiguresLogs.boundaryDay / 1_000_000)
        func at(_ course: String, _ offset: Double) -> AlertWindow? { windows.first { $0.course == course && $0.start == day + offset } }
        // 1 error of 5 = 20 %: at the threshold, so it alerts; the error 1 s before is outside the check.
        let git = try #require(at("git-basics", 3600))
        #expect((git.requests, git.errors, git.errorRate, git.alerting) == (5, 1, 20, true))
        #expect(at("git-basics", 3300) == nil)
        // 1 of 6 = 16.7 %: no alert.
        #expect(at("intro-python", 3900)?.alerting == false)
        // p95 of 20 values is the 19th (index 18): 4000, at the threshold.
        let web = try #require(at("web-dev", 4200))
        #expect((web.requests, web.p95, web.alerting) == (20, 4000, true))
        // p95 of 21 values is the 20th (index 19): 3999, although the slowest is 9000.
        let data = try #require(at("data-science", 4500))
        #expect((data.requests, data.p95, data.alerting) == (21, 3999, false))
        // A call with no latency: a window with a request and p95 not recorded.
        let missing = try #require(at("web-dev", 4800))
        #expect(missing.requests == 1 && missing.p95 == nil && !missing.alerting)
        // The window holding `now`: the call 0.5 s before counts, the error at `now` does not.
        let last = try #require(at("git-basics", 7200))
        #expect((last.requests, last.errors, last.alerting) == (1, 0, false))
        #expect(windows.count == 6)
    }

    func checkJSON(_ text: String, _ expected: [E.WindowKey: E.Window], since: Micros, now: Micros, _ c: FiguresCheck) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        c.time(object["since"], since, "json since")
        c.time(object["now"], now, "json now")
        #expect(object["alerting"] as? Bool == expected.values.contains(where: \.alerting), "\(c.context) json alerting")
        let courses = object["courses"] as? [[String: Any]] ?? []
        let expectedCourses = Set(expected.keys.map { $0.course ?? "(null)" })
        #expect(Set(courses.map { $0["course"] as? String ?? "(null)" }) == expectedCourses && courses.count == expectedCourses.count,
                "\(c.context) json courses")
        for course in courses {
            let name = course["course"] as? String
            let mine = expected.filter { $0.key.course == name }
            #expect(course["alerting"] as? Bool == mine.values.contains(where: \.alerting), "\(c.context) json \(name ?? "null") alerting")
            let items = course["windows"] as? [[String: Any]] ?? []
            #expect(items.count == mine.count, "\(c.context) json \(name ?? "null"): \(items.count) windows, expected \(mine.count)")
            for item in items {
                guard let key = mine.keys.first(where: { FiguresTime.iso($0.start * 1_000_000) == item["start"] as? String }), let w = mine[key] else {
                    Issue.record("\(c.context) json: unexpected window \(item)")
                    continue
                }
                FiguresTests().checkWindow(item, w, key, c, "json \(name ?? "null") \(item["start"] ?? "")", p95Key: "p95_ms",
                                           startKey: "start", endKey: "end")
                #expect(item["alerting"] as? Bool == w.alerting, "\(c.context) json window alerting")
                #expect((item["reasons"] as? [Any])?.count == (w.errorAlert ? 1 : 0) + (w.p95Alert ? 1 : 0), "\(c.context) json reasons")
            }
        }
    }
}
