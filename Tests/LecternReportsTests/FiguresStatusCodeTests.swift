import Foundation
import Testing
import LecternReports
import LecternStore

/// The status-code tables' "latest error" columns on inputs small enough to reason about.
struct FiguresStatusCodeTests {
    static let t0 = FiguresLogs.base + 10 * 3600 * FiguresLogs.second

    static func error(_ name: String, at time: Micros?, message: String?, latency: Double) -> FigProxy {
        FigProxy(name: name, creation: t0, time: time, course: "c", model: "m", status: "error", latency: latency,
                 statusCode: 502, errorMessage: message)
    }

    static func code502(_ calls: [FigProxy]) throws -> [String: Any] {
        let site = try FiguresSite(FiguresLogs(proxy: calls), format: .jsonLines)
        let page = try #require(try site.render(["proxy"])["proxy"])
        let rows = (page["tables"] as? [String: Any])?["by_status_code"] as? [[String: Any]] ?? []
        return try #require(rows.first { ($0["status_code"] as? NSNumber)?.intValue == 502 })
    }

    /// Counts and shares, and a latest error whose time and message belong together.
    @Test func countsAndLatestError() throws {
        let calls = [Self.error("a", at: Self.t0, message: "old", latency: 100),
                     Self.error("b", at: Self.t0 + 60 * FiguresLogs.second, message: "new", latency: 50),
                     FigProxy(name: "ok", creation: Self.t0, time: Self.t0, course: "c", status: "success", latency: 10, statusCode: 502)]
        let row = try Self.code502(calls)
        let c = FiguresCheck(context: "502:")
        c.count(row["requests"], 3, "requests")
        c.count(row["errors"], 2, "errors")
        c.close(row["share_of_errors"], 100, "share_of_errors")
        c.time(row["last_error_at"], Self.t0 + 60 * FiguresLogs.second, "last_error_at")
        c.text(row["last_error_message"], "new", "last_error_message")
    }

    /// The latest error ("b", 10:01) has no message; an older one ("a", 10:00) has "old".
    /// The column is the latest error's own message, so null, whichever call was faster (the
    /// calls are visited in latency order, which once made the answer depend on it).
    @Test func latestMessageDoesNotDependOnLatency() throws {
        let later = Self.t0 + 60 * FiguresLogs.second
        let bFaster = try Self.code502([Self.error("a", at: Self.t0, message: "old", latency: 100),
                                        Self.error("b", at: later, message: nil, latency: 50)])
        let bSlower = try Self.code502([Self.error("a", at: Self.t0, message: "old", latency: 100),
                                        Self.error("b", at: later, message: nil, latency: 500)])
        #expect(FiguresCheck.isNull(bFaster["last_error_message"]) && FiguresCheck.isNull(bSlower["last_error_message"]),
                "b faster: \(bFaster["last_error_message"] ?? "?"), b slower: \(bSlower["last_error_message"] ?? "?")")
        #expect(bFaster["last_error_at"] as? String == FiguresTime.iso(later) && bSlower["last_error_at"] as? String == FiguresTime.iso(later))
    }

    /// An error without a time is never "the latest": the message next to 10:00 must be that call's.
    @Test func untimedErrorDoesNotTakeTheLatestMessage() throws {
        let row = try Self.code502([Self.error("timed", at: Self.t0, message: "timed message", latency: 100),
                                    Self.error("untimed", at: nil, message: "untimed message", latency: 200)])
        let c = FiguresCheck(context: "502 untimed:")
        c.time(row["last_error_at"], Self.t0, "last_error_at")
        c.text(row["last_error_message"], "timed message", "last_error_message")
    }
}
