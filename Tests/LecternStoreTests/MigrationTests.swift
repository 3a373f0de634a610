import Foundation
import Testing
import LecternStore

/// Migration 3 rebuilds the log tables of a version-2 database in place: every row, and the
/// indexes the readers use, must come through.
struct MigrationTests {
    let path: String

    init() throws {
        let directory = NSTemporaryDirectory() + "lectern-migration-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/state.sqlite"
    }

    /// A version-2 database with rows in every table migration 3 rebuilds, and in the FAQ tables it leaves.
    func versionTwoDatabase() throws {
        let database = try Database(path: path)
        try Migrations.apply(to: database, through: 2)
        #expect(try database.userVersion == 2)
        try database.execute("""
            INSERT INTO ai_proxy_log (name, creation, modified, owner, time, user, course, lesson, model, status, latency_ms,
                                      status_code, error_message, extra_json, source_file)
            VALUES ('p1', 10, 11, 'Administrator', 100, 'ann', 'python', 'loops', 'gpt-4o', 'success', 812.5, 200, NULL,
                    '{"cost":0.002}', 'a.csv'),
                   ('p2', 20, NULL, NULL, 50, NULL, 'python', NULL, NULL, 'error', NULL, 502, 'Bad gateway', '{}', 'a.csv');
            INSERT INTO ai_chat_session (name, user, course, lesson, started_at, token_usage_prompt, source_file)
            VALUES ('s1', 'ann', 'python', 'loops', 100, NULL, 'b.json');
            INSERT INTO ai_chat_message (name, session, role, content, citations, source_file)
            VALUES ('m1', 's1', 'user', 'How do loops work?', NULL, 'c.jsonl'), ('m2', 's1', 'assistant', 'Like this.', '[]', 'c.jsonl');
            INSERT INTO ai_guardrail_event (name, time, event_type, snippet, source_file) VALUES ('g1', 5, 'Injection', 'ignore all', 'd.json');
            INSERT INTO ai_external_source (name, url, allowed, status, source_file) VALUES ('e1', 'https://example.org', 1, 'New', 'e.json');
            INSERT INTO ai_knowledge_index_run (name, status, chunk_count, source_file) VALUES ('k1', 'Success', 12, 'f.json');
            INSERT INTO ai_faq_draft (name, source_file) VALUES ('f1', 'g.json');
            INSERT INTO ai_faq_item (parent, idx, question, answer) VALUES ('f1', 1, 'Q?', 'A.');
            """)
    }

    static let tables = ["ai_proxy_log", "ai_chat_session", "ai_chat_message", "ai_guardrail_event", "ai_external_source",
                         "ai_knowledge_index_run", "ai_faq_draft", "ai_faq_item"]

    /// Every row of every log table, each value as SQL text (`quote`), in a fixed order.
    func contents(_ database: Database) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for table in Self.tables {
            let columns = try rows(database, "SELECT name FROM pragma_table_info('\(table)') ORDER BY cid").map { $0[0] }
            let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            result[table] = try rows(database, "SELECT \(row) FROM \(table) ORDER BY rowid").map { $0[0] }
        }
        return result
    }

    func rows(_ database: Database, _ sql: String, columns: Int = 1) throws -> [[String]] {
        let statement = try database.prepare(sql)
        var result: [[String]] = []
        while try statement.step() {
            result.append((0..<Int32(columns)).map { statement.isNull($0) ? "NULL" : statement.text($0) })
        }
        return result
    }

    @Test func versionTwoRowsAndIndexesComeThroughMigrationThree() throws {
        try versionTwoDatabase()
        let before = try contents(Database(path: path))
        #expect(before["ai_proxy_log"]?.count == 2 && before["ai_faq_item"]?.count == 1)

        let database = try Database(path: path)
        try Migrations.apply(to: database, through: 3)
        #expect(try database.userVersion == 3)
        #expect(try contents(database) == before)

        let indexes = try rows(database, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
                               columns: 2)
        #expect(indexes.contains(["ai_chat_message_by_session", "ai_chat_message"]))
        #expect(indexes.contains(["ai_proxy_log_by_time", "ai_proxy_log"]))
        // A time range (what check-alerts asks) is still answered from the index.
        let plan = try rows(database, "EXPLAIN QUERY PLAN SELECT name FROM ai_proxy_log WHERE time BETWEEN 0 AND 60", columns: 4)
        #expect(plan.contains { $0.joined(separator: " ").contains("ai_proxy_log_by_time") })

        let notNull = try rows(database, """
            SELECT count(*) FROM pragma_table_info('ai_proxy_log') WHERE name IN ('extra_json', 'source_file') AND "notnull" = 1
            """)
        #expect(notNull == [["0"]])
        // `name` is still the key the upsert relies on.
        #expect(throws: StoreError.self) {
            try database.execute("INSERT INTO ai_proxy_log (name, source_file) VALUES ('p1', 'x.csv')")
        }
        // The child rows of the FAQ draft are untouched (it is not rebuilt: its items cascade).
        #expect(try rows(database, "SELECT parent, question FROM ai_faq_item", columns: 2) == [["f1", "Q?"]])
        let check = try rows(database, "PRAGMA integrity_check")
        #expect(check == [["ok"]])
    }

    @Test func migrationFourKeepsImportedSourcesAndAddsTheCache() throws {
        try versionTwoDatabase()
        let old = try Database(path: path)
        try Migrations.apply(to: old, through: 3)
        try old.execute("INSERT INTO ai_external_source (name, course, url, allowed, status, source_file) VALUES ('s1', 'c', 'https://a.example/x', 1, 'Fetched', 'sources.json')")
        let store = try StateStore(path: path)
        #expect(try store.database.userVersion == 4)
        #expect(try rows(store.database, "SELECT name, status, chunk_count IS NULL FROM ai_external_source WHERE name = 's1'", columns: 3) == [["s1", "Fetched", "1"]])
        #expect(try store.cachedSource(url: "https://a.example/x") == nil)
        let cached = CachedSource(url: "https://a.example/x", finalURL: "https://a.example/y", etag: "\"e\"", lastModified: nil,
                                  mimeType: "text/html", body: [1, 2, 3], bodySHA256: "abc", fetchedAt: 10, checkedAt: 20)
        try store.storeCachedSource(cached)
        #expect(try store.cachedSource(url: "https://a.example/x") == cached)
    }

    @Test func aNewDatabaseHasTheMigratedSchemaAndReopensUnchanged() throws {
        let store = try StateStore(path: path)
        let schema = try rows(store.database, "SELECT type, name, sql FROM sqlite_master ORDER BY name", columns: 3)
        #expect(!schema.contains { $0[1].hasSuffix("_new") })
        let reopened = try StateStore(path: path)
        #expect(try rows(reopened.database, "SELECT type, name, sql FROM sqlite_master ORDER BY name", columns: 3) == schema)
        #expect(try reopened.database.userVersion == Migrations.latest)
    }
}
