import Foundation
import Testing
import LecternReports
import LecternStore

/// The writer sends rows to SQLite 32 per statement. Whatever the grouping, a file must end as
/// if its rows had been upserted one by one, in file order.
struct BulkUpsertTests {
    /// 100 proxy rows: repeated names inside one group of 32 and across the boundary of two,
    /// newer, older and missing `modified`, a reject in a group, and a short last group.
    static func lines() -> [String] {
        func row(_ name: String, _ modified: String?, _ latency: Int) -> String {
            var fields: [String: Any] = ["name": name, "status": "success", "latency_ms": latency]
            if let modified { fields["modified"] = "2026-03-01 " + modified }
            return ProxyRows.json(fields)
        }
        var lines = (0..<100).map { row("R\($0)", "10:00:00", $0) }
        lines[3] = row("D1", "10:00:00", 1)
        lines[4] = row("D1", "10:00:05", 2)    // newer: replaces
        lines[5] = row("D1", "09:00:00", 3)    // older: unchanged
        lines[6] = row("N1", nil, 4)
        lines[7] = row("N1", nil, 5)           // neither has modified: the first stays
        lines[8] = row("N2", nil, 6)
        lines[9] = row("N2", "10:00:00", 7)    // modified beats none
        lines[10] = #"{"name":"bad","latency_ms":-5}"#
        lines[31] = row("B1", "10:00:00", 8)
        lines[32] = row("B1", "10:00:01", 9)   // the next statement's first row
        lines[98] = row("T1", "10:00:01", 10)
        lines[99] = row("T1", "10:00:00", 11)  // in the short last group: unchanged
        return lines
    }

    static let select = "SELECT name, modified, latency_ms FROM ai_proxy_log ORDER BY name"

    @Test func groupedRowsEndAsOneByOne() throws {
        let lines = Self.lines()
        let bulk = try ImportFixture()
        let summary = try bulk.importFile(try bulk.write("AI Proxy Log.jsonl", lines.joined(separator: "\n") + "\n"))

        // The same rows one file each: every upsert is a statement of its own.
        let single = try ImportFixture()
        let each = try lines.map { line in
            try single.importFile(try single.write("AI Proxy Log.jsonl", line + "\n"))
        }
        #expect(summary.read == 100 && summary.rejected == 1)
        #expect(summary.upserted == each.reduce(0) { $0 + $1.upserted })
        #expect(summary.unchanged == each.reduce(0) { $0 + $1.unchanged })
        #expect((summary.upserted, summary.unchanged) == (96, 3))
        #expect(try bulk.rows(Self.select) == single.rows(Self.select))
        #expect(try bulk.rows("SELECT latency_ms FROM ai_proxy_log WHERE name IN ('D1', 'N1', 'N2', 'B1', 'T1') ORDER BY name")
                == [["9.0"], ["2.0"], ["4.0"], ["7.0"], ["10.0"]])
        #expect(try bulk.rows("SELECT line, reason FROM rejects") == [["11", "latency_ms: negative (-5)"]])

        let again = try bulk.importFile(try bulk.write("AI Proxy Log.jsonl", lines.joined(separator: "\n") + "\n"))
        #expect((again.upserted, again.unchanged, again.rejected) == (0, 99, 1))
    }
}
