import Foundation
import Testing
import LecternReports
import LecternStore

/// A large import is written with a rollback journal instead of the write-ahead log. Whichever
/// journal it gets, its rows, rejects and the rolled-back unreadable file end the same, and the
/// database is back in WAL mode afterwards for the readers.
struct RollbackJournalImportTests {
    static func files(_ fixture: ImportFixture) throws -> [String] {
        let rows = (0..<50).map { #"{"name":"P\#($0)","status":"success","latency_ms":\#($0)}"# } + [#"{"name":"bad","latency_ms":-1}"#]
        return [
            try fixture.write("a.jsonl", rows.joined(separator: "\n") + "\n"),
            try fixture.write("b.json", #"{"data": [{"name": "unclosed""#),
        ]
    }

    static func importAll(_ fixture: ImportFixture, threshold: Int) throws -> [FileImportSummary] {
        let importer = try LogImporter(database: fixture.store.database, options: ImportOptions(doctype: "AI Proxy Log", rollbackJournalBytes: threshold))
        return try importer.importFiles(try files(fixture))
    }

    static let checks = ["SELECT count(*), sum(latency_ms) FROM ai_proxy_log", "SELECT count(*) FROM rejects", "SELECT count(*) FROM imports"]

    @Test func sameRowsEitherJournalAndWALAfterwards() throws {
        let journaled = try ImportFixture(), logged = try ImportFixture()
        let a = try Self.importAll(journaled, threshold: 0)
        let b = try Self.importAll(logged, threshold: Int.max)
        #expect(a.map(\.read) == [51, 0] && a.map(\.rejected) == [1, 1])
        #expect(a.map(\.read) == b.map(\.read) && a.map(\.upserted) == b.map(\.upserted))
        for sql in Self.checks { #expect(try journaled.rows(sql) == logged.rows(sql), "\(sql)") }
        #expect(try journaled.rows("SELECT count(*), sum(latency_ms) FROM ai_proxy_log") == [["50", "1225.0"]])
        #expect(try journaled.rows("PRAGMA journal_mode") == [["wal"]])
    }

    /// Another connection keeps the database in WAL: the import then runs in WAL, as before.
    @Test func anotherConnectionKeepsTheLog() throws {
        let fixture = try ImportFixture()
        let reader = try StateStore(path: fixture.directory + "/state.sqlite")
        _ = try Self.importAll(fixture, threshold: 0)
        #expect(try fixture.rows("SELECT count(*) FROM ai_proxy_log") == [["50"]])
        #expect(try fixture.rows("PRAGMA journal_mode") == [["wal"]])
        _ = reader
    }
}
