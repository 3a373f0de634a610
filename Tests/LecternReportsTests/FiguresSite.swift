import Foundation
import Testing
import LecternReports
import LecternStore

/// Imports logs in one format into a fresh state, renders the site, and reads its JSON files.
final class FiguresSite {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let rule = AlertRule(window: 300, errorRate: 20, p95: 4000)

    let fixture: ImportFixture
    var summaries: [FileImportSummary] = []

    init(_ logs: FiguresLogs, format: FiguresFormat) throws {
        fixture = try ImportFixture()
        for table in logs.tables where !table.rows.isEmpty {
            summaries.append(try fixture.importFile(try table.write(format, into: fixture.directory + "/in")))
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: fixture.directory) }

    /// Renders the site and returns `data/<name>.json` for each name asked for.
    func render(_ names: [String]) throws -> [String: [String: Any]] {
        let output = fixture.directory + "/site"
        let renderer = SiteRenderer(templates: try SiteTemplates(defaults: Self.repositoryRoot + "/templates"),
                                    options: .init(output: output, timeZone: TimeZone(identifier: "UTC")!, rule: Self.rule))
        _ = try renderer.render(store: fixture.store)
        var result: [String: [String: Any]] = [:]
        for name in names {
            let data = try Data(contentsOf: URL(fileURLWithPath: output + "/data/" + name + ".json"))
            result[name] = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        return result
    }
}

/// Comparisons of JSON values with expectations, each failure naming where it happened.
struct FiguresCheck {
    let context: String

    static func isNull(_ value: Any?) -> Bool { value == nil || value is NSNull }

    static func number(_ value: Any?) -> Double? {
        guard let n = value as? NSNumber else { return nil }
        return n.doubleValue
    }

    /// A count: exact, and present.
    func count(_ value: Any?, _ expected: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Self.number(value) == Double(expected), "\(context) \(what): got \(String(describing: value)), expected \(expected)",
                sourceLocation: sourceLocation)
    }

    /// A value that is one of the inputs (a percentile, a token sum of integers): exact, or null.
    func exact(_ value: Any?, _ expected: Double?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let expected {
            #expect(Self.number(value) == expected, "\(context) \(what): got \(String(describing: value)), expected \(expected)",
                    sourceLocation: sourceLocation)
        } else {
            #expect(Self.isNull(value), "\(context) \(what): got \(String(describing: value)), expected null", sourceLocation: sourceLocation)
        }
    }

    /// A mean, sum or ratio: within 1e-9 relative (sums in another order differ in the last bits).
    func close(_ value: Any?, _ expected: Double?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let expected {
            let got = Self.number(value)
            let ok = got.map { abs($0 - expected) <= 1e-9 * max(abs($0), abs(expected)) } ?? false
            #expect(ok, "\(context) \(what): got \(String(describing: value)), expected \(expected)", sourceLocation: sourceLocation)
        } else {
            #expect(Self.isNull(value), "\(context) \(what): got \(String(describing: value)), expected null", sourceLocation: sourceLocation)
        }
    }

    func text(_ value: Any?, _ expected: String?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let expected {
            #expect(value as? String == expected, "\(context) \(what): got \(String(describing: value)), expected \(expected)",
                    sourceLocation: sourceLocation)
        } else {
            #expect(Self.isNull(value), "\(context) \(what): got \(String(describing: value)), expected null", sourceLocation: sourceLocation)
        }
    }

    func time(_ value: Any?, _ expected: Micros?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        text(value, expected.map(FiguresTime.iso), what, sourceLocation: sourceLocation)
    }

    /// The proxy columns of a figures object or a table row.
    func proxy(_ row: [String: Any], _ g: FiguresExpected.Group, _ what: String) {
        count(row["requests"], g.requests, what + " requests")
        count(row["errors"], g.errors, what + " errors")
        close(row["error_rate"], g.errorRate, what + " error_rate")
        close(row["avg_latency_ms"], g.mean, what + " avg_latency_ms")
        exact(row["p50_latency_ms"], g.p50, what + " p50_latency_ms")
        exact(row["p95_latency_ms"], g.p95, what + " p95_latency_ms")
        exact(row["p99_latency_ms"], g.p99, what + " p99_latency_ms")
        exact(row["prompt_tokens"], g.promptTokens, what + " prompt_tokens")
        exact(row["completion_tokens"], g.completionTokens, what + " completion_tokens")
        close(row["cost"], g.cost, what + " cost")
    }

    /// Table rows keyed by one column (null keys as nil); a key seen twice is a failure.
    func keyed(_ table: Any?, _ column: String, _ what: String) -> [String?: [String: Any]] {
        guard let rows = table as? [[String: Any]] else {
            Issue.record("\(context) \(what): no such table")
            return [:]
        }
        var result: [String?: [String: Any]] = [:]
        for row in rows {
            let key = row[column] as? String
            #expect(result[key] == nil, "\(context) \(what): key \(String(describing: key)) twice")
            result[key] = row
        }
        return result
    }

    /// The same keys on both sides.
    func sameKeys<V>(_ got: [String?: [String: Any]], _ expected: [String?: V], _ what: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let g = Set(got.keys.map { $0 ?? "(null)" }), e = Set(expected.keys.map { $0 ?? "(null)" })
        #expect(g == e, "\(context) \(what): rows \(g.sorted()) vs expected \(e.sorted())", sourceLocation: sourceLocation)
    }
}
