import Foundation
import LecternReports
import LecternStore

/// A fresh folder with a state database, files written into it, and queries over the result.
final class ImportFixture {
    let directory: String
    let store: StateStore

    init() throws {
        directory = NSTemporaryDirectory() + "lectern-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        store = try StateStore(path: directory + "/state.sqlite")
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/in/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @discardableResult
    func writeBytes(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory + "/in/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func importer(doctype: String? = nil, zone: String = "UTC") throws -> LogImporter {
        try LogImporter(database: store.database, options: ImportOptions(doctype: doctype, timeZone: TimeZone(identifier: zone)!))
    }

    @discardableResult
    func importFile(_ path: String, doctype: String? = nil, zone: String = "UTC") throws -> FileImportSummary {
        try importer(doctype: doctype, zone: zone).importFile(path)
    }

    /// Every row of a query as text cells ("NULL" for NULL), for comparing whole tables.
    func rows(_ sql: String) throws -> [[String]] {
        let statement = try store.database.prepare(sql)
        var result: [[String]] = []
        while try statement.step() {
            result.append((0..<columnCount(sql)).map { statement.isNull(Int32($0)) ? "NULL" : statement.text(Int32($0)) })
        }
        return result
    }

    func count(_ table: String) throws -> Int {
        let statement = try store.database.prepare("SELECT count(*) FROM \(table)")
        _ = try statement.step()
        return statement.int(0)
    }

    /// Columns of a `SELECT a, b, c FROM …` (the tests only write simple column lists).
    private func columnCount(_ sql: String) -> Int {
        let select = sql.components(separatedBy: " FROM ")[0]
        return select.split(separator: ",").count
    }
}

/// The same three proxy-log rows in every export format.
enum ProxyRows {
    static let fields = ["name", "creation", "modified", "owner", "time", "user", "course", "lesson", "model", "status",
                         "latency_ms", "status_code", "error_message"]
    static let labels = ["ID", "Created On", "Last Updated On", "Owner", "Time", "User", "Course", "Lesson", "Model", "Status",
                         "Latency (ms)", "Status Code", "Error Message"]
    nonisolated(unsafe) static let rows: [[Any]] = [
        ["PL-1", "2026-03-01 10:00:00", "2026-03-01 10:00:00.250000", "admin", "2026-03-01 10:00:00", "ann@example.com",
         "intro-python", "variables", "gpt-4o-mini", "success", 812.5, 200, NSNull()],
        ["PL-2", "2026-03-01 10:01:00", "2026-03-01 10:01:00", "admin", "2026-03-01 10:01:00", "bo@example.com",
         "intro-python", "loops", "gpt-4o-mini", "error", 30000, 504, "upstream timeout, \"retry\" later"],
        ["PL-3", "2026-03-02 08:00:00", "2026-03-02 08:00:00", "admin", "2026-03-02 08:00:00", "ann@example.com",
         "git-basics", "commits", "llama3", "success", 95, 200, NSNull()],
    ]

    static func objects() -> [[String: Any]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(fields, $0)) }
    }

    static func json(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    static func csv(header: [String]) -> String {
        var lines = [header.joined(separator: ",")]
        for row in rows {
            lines.append(row.map { value -> String in
                if value is NSNull { return "" }
                let text = "\(value)"
                return text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static let select = "SELECT name, creation, modified, owner, time, user, course, lesson, model, status, latency_ms, status_code, error_message, extra_json FROM ai_proxy_log ORDER BY name"
}
