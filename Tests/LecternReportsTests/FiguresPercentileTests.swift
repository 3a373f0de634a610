import Foundation
import Testing
import LecternReports
import LecternStore

/// Percentiles on small groups whose answers can be worked out by hand, including the ties that
/// round half to even decides.
struct FiguresPercentileTests {
    typealias E = FiguresExpected

    /// What the scan below finds, written down: 0.95·(n−1) is exactly k + ½ in binary floating
    /// point for n = 11, 31, 51, … (n−1 ≡ 10 mod 20), the same n for which 95·(n−1)/100 is exactly
    /// k + ½ as a fraction; the double nearest 0.95 is a little below it, but the product rounds
    /// back to the half. And rounding p·(n−1) as doubles gives the same index as the exact integer
    /// rule of FiguresExpected for every n up to 200,000 (p = 50, 95, 99), so "Python's round"
    /// and "exact half to even" are one rule here.
    @Test func whereTheHalvesAre() {
        let halves = (1...400).filter { n in
            let x = 0.95 * Double(n - 1)
            return x - x.rounded(.down) == 0.5
        }
        #expect(halves == Array(stride(from: 11, through: 391, by: 20)))
        #expect(E.percentileIndex(percent: 95, count: 11) == 10)   // 9.5 → 10 (even; half up agrees)
        #expect(E.percentileIndex(percent: 95, count: 31) == 28)   // 28.5 → 28 (half up would say 29)
        var disagreements: [(Int, Int)] = []
        for p in [50, 95, 99] {
            for n in 1...200_000 where Int((Double(p) / 100 * Double(n - 1)).rounded(.toNearestOrEven)) != E.percentileIndex(percent: p, count: n) {
                disagreements.append((p, n))
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// Calls of one course per group, each group in a window of its own (so alerts see them apart).
    static func calls(_ groups: [(course: String, latencies: [Double])]) -> [FigProxy] {
        var rows: [FigProxy] = []
        var r = FiguresRandom(seed: 7)
        for (g, group) in groups.enumerated() {
            let start = FiguresLogs.base + Micros(g) * 600 * FiguresLogs.second
            // Shuffled, so nothing relies on the export being in latency order.
            var order = group.latencies
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, r.int(0...i)) }
            for (k, latency) in order.enumerated() {
                rows.append(FigProxy(name: "PP-\(g)-\(k)", creation: start, time: start + Micros(k) * FiguresLogs.second,
                                     course: group.course, model: "m", status: "success", latency: latency, statusCode: 200))
            }
        }
        return rows
    }

    @Test(arguments: FiguresFormat.allCases)
    func handWorkedPercentiles(format: FiguresFormat) throws {
        let range = { (n: Int) in (1...n).map(Double.init) }
        let logs = FiguresLogs(proxy: Self.calls([
            ("n21", range(21)),          // p50 index 10 → 11; p95 index round(19) = 19 → 20; p99 index round(19.8) = 20 → 21
            ("n31", range(31)),          // p95 index 28.5 → 28 → 29
            ("n151", range(151)),        // p50 index 75 → 76; p95 142.5 → 142 → 143; p99 148.5 → 148 → 149
            ("n2", [10, 20]),            // p50 index 0.5 → 0 → 10; p95 0.95 → 1 → 20
            ("n6", [5, 5, 7, 7, 7, 9]),  // p50 index 2.5 → 2 → 7 (ties); p95 4.75 → 5 → 9
            ("n1", [42]),                // every percentile is the one value
        ]))
        let site = try FiguresSite(logs, format: format)
        let page = try #require(try site.render(["proxy"])["proxy"])
        let c = FiguresCheck(context: "\(format):")
        let byCourse = c.keyed((page["tables"] as? [String: Any])?["by_course"], "course", "by_course")
        let byHand: [String: (mean: Double, p50: Double, p95: Double, p99: Double)] = [
            "n21": (11, 11, 20, 21), "n31": (16, 16, 29, 31), "n151": (76, 76, 143, 149),
            "n2": (15, 10, 20, 20), "n6": (40.0 / 6, 7, 9, 9), "n1": (42, 42, 42, 42),
        ]
        #expect(byCourse.count == byHand.count)
        for (course, e) in byHand {
            let row = byCourse[course] ?? [:]
            c.close(row["avg_latency_ms"], e.mean, course + " avg")
            c.exact(row["p50_latency_ms"], e.p50, course + " p50")
            c.exact(row["p95_latency_ms"], e.p95, course + " p95")
            c.exact(row["p99_latency_ms"], e.p99, course + " p99")
            // The independent computation agrees with the hand-worked values.
            let mine = E.group(logs.proxy.filter { $0.course == course })
            #expect((mine.p50, mine.p95, mine.p99) == (e.p50, e.p95, e.p99), "\(course) expectations")
        }
        // The alert windows use the same percentile: each group is one window.
        let windows = ProxyAlerts.windows(try LogSnapshot.loadProxyCalls(from: site.fixture.store), rule: FiguresSite.rule)
        for (course, e) in byHand { #expect(windows.filter { $0.course == course }.map(\.p95) == [e.p95], "\(course) window p95") }
    }

    /// No proxy calls at all: every proxy figure that is a ratio or a measurement is "not recorded".
    @Test func noProxyCallsIsNotRecordedNotZero() throws {
        var logs = FiguresLogs.generate(seed: 3)
        logs.proxy = []; logs.rejected = []
        let site = try FiguresSite(logs, format: .jsonLines)
        let json = try site.render(["proxy", "index"])
        let c = FiguresCheck(context: "no proxy:")
        let figures = json["proxy"]?["figures"] as? [String: Any] ?? [:]
        c.proxy(figures, E.group([]), "figures")
        let tables = json["proxy"]?["tables"] as? [String: Any] ?? [:]
        for table in ["by_model", "by_course", "by_day", "by_status_code", "errors_by_status_code", "alert_history"] {
            #expect((tables[table] as? [Any])?.isEmpty == true, "\(table)")
        }
        let index = json["index"]?["figures"] as? [String: Any] ?? [:]
        c.count(index["requests"], 0, "index requests")
        c.exact(index["error_rate"], nil, "index error_rate")
        c.exact(index["p95_latency_ms"], nil, "index p95")
        c.count(index["active_users"], Set(logs.sessions.compactMap { E.nonEmpty($0.user) }).count, "index active_users")
    }
}
