/// The schema of `state.sqlite`, one migration per version; `user_version` records how far a
/// database has come, so an older file is brought forward in place.
public enum Migrations {
    static let steps: [String] = [
        // 1: index runs, chunks and the embedding cache.
        """
        CREATE TABLE index_runs (
            id INTEGER PRIMARY KEY,
            run TEXT NOT NULL,
            course TEXT NOT NULL,
            lesson TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('Queued', 'Running', 'Success', 'Error')),
            chunk_count INTEGER,
            started_at REAL NOT NULL,
            ended_at REAL,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX index_runs_by_lesson ON index_runs (course, lesson, started_at);
        CREATE TABLE chunks (
            id TEXT PRIMARY KEY,
            course TEXT NOT NULL,
            course_title TEXT NOT NULL,
            lesson TEXT NOT NULL,
            lesson_title TEXT NOT NULL,
            source TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            url TEXT NOT NULL,
            heading_path TEXT NOT NULL,
            anchor TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            token_count INTEGER NOT NULL,
            text TEXT NOT NULL,
            text_sha256 TEXT NOT NULL
        );
        CREATE INDEX chunks_by_lesson ON chunks (course, lesson, source, ordinal);
        CREATE TABLE embedding_cache (
            model_id TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            vector BLOB NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (model_id, text_sha256)
        ) WITHOUT ROWID;
        """,
        // 2: AI-tutor logs imported from Frappe exports (`lectern import`). One table per DocType:
        // typed columns for the fields we know, `extra_json` for the ones we do not (richer proxies
        // log tokens, cost, provider), `source_file` for tracing a row back. Datetimes are UTC Unix
        // seconds; NULL means "not recorded", never zero.
        """
        CREATE TABLE ai_chat_session (
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            user TEXT, course TEXT, lesson TEXT, chapter_index INTEGER, lesson_index INTEGER,
            started_at REAL, ended_at REAL, token_usage_prompt INTEGER, token_usage_completion INTEGER,
            cost_estimate REAL,
            extra_json TEXT NOT NULL DEFAULT '{}', source_file TEXT NOT NULL
        );
        CREATE TABLE ai_chat_message (
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            session TEXT, role TEXT, content TEXT, citations TEXT, tool_calls TEXT,
            extra_json TEXT NOT NULL DEFAULT '{}', source_file TEXT NOT NULL
        );
        CREATE INDEX ai_chat_message_by_session ON ai_chat_message (session);
        CREATE TABLE ai_guardrail_event (
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            time REAL, user TEXT, course TEXT, lesson TEXT, source TEXT, event_type TEXT,
            snippet TEXT, notes TEXT,
            extra_json TEXT NOT NULL DEFAULT '{}', source_file TEXT NOT NULL
        );
        CREATE TABLE ai_proxy_log (
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            time REAL, user TEXT, course TEXT, lesson TEXT, model TEXT, status TEXT,
            latency_ms REAL, status_code INTEGER, error_message TEXT,
            extra_json TEXT NOT NULL DEFAULT '{}', source_file TEXT NOT NULL
        );
        CREATE INDEX ai_proxy_log_by_time ON ai_proxy_log (time);
        CREATE TABLE ai_external_source (
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            course TEXT, lesson TEXT, title TEXT, url TEXT, allowed INTEGER, status TEXT,
            last_fetched_at REAL, mime_type TEXT, error TEXT,
            extra_json TEXT NOT NULL DEFAULT '{}', source_file TEXT NOT NULL
        );
        CREATE TABLE ai_knowledge_index_run (
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            course TEXT, lesson TEXT, status TEXT, chunk_count INTEGER, last_indexed_at REAL, notes TEXT,
            extra_json TEXT NOT NULL DEFAULT '{}', source_file TEXT NOT NULL
        );
        CREATE TABLE ai_faq_draft (
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            extra_json TEXT NOT NULL DEFAULT '{}', source_file TEXT NOT NULL
        );
        CREATE TABLE ai_faq_item (
            parent TEXT NOT NULL REFERENCES ai_faq_draft (name) ON DELETE CASCADE,
            idx INTEGER NOT NULL, question TEXT, answer TEXT,
            extra_json TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (parent, idx)
        );
        CREATE TABLE rejects (
            id INTEGER PRIMARY KEY,
            file TEXT NOT NULL, line INTEGER, record INTEGER, doctype TEXT,
            reason TEXT NOT NULL, raw TEXT, imported_at REAL NOT NULL
        );
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            file TEXT NOT NULL, doctype TEXT,
            rows_read INTEGER NOT NULL, rows_upserted INTEGER NOT NULL, rows_unchanged INTEGER NOT NULL,
            rows_rejected INTEGER NOT NULL, started_at REAL NOT NULL, finished_at REAL NOT NULL
        );
        """,
        // 3: the log tables without NOT NULL on `extra_json` and `source_file` (the importer
        // always sets both). With it, an upsert of several rows in one statement made SQLite
        // keep a statement journal (the DO UPDATE half aborts on a NULL), one page copied to a
        // temporary file per row. SQLite cannot drop a constraint in place, so each table is
        // copied into its new form, with its indexes. AI FAQ Draft stays: AI FAQ Item rows
        // reference it ON DELETE CASCADE, and dropping it would delete them.
        rebuilt("ai_chat_session", """
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            user TEXT, course TEXT, lesson TEXT, chapter_index INTEGER, lesson_index INTEGER,
            started_at REAL, ended_at REAL, token_usage_prompt INTEGER, token_usage_completion INTEGER,
            cost_estimate REAL,
            extra_json TEXT DEFAULT '{}', source_file TEXT
            """)
        + rebuilt("ai_chat_message", """
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            session TEXT, role TEXT, content TEXT, citations TEXT, tool_calls TEXT,
            extra_json TEXT DEFAULT '{}', source_file TEXT
            """, indexes: ["CREATE INDEX ai_chat_message_by_session ON ai_chat_message (session)"])
        + rebuilt("ai_guardrail_event", """
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            time REAL, user TEXT, course TEXT, lesson TEXT, source TEXT, event_type TEXT,
            snippet TEXT, notes TEXT,
            extra_json TEXT DEFAULT '{}', source_file TEXT
            """)
        + rebuilt("ai_proxy_log", """
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            time REAL, user TEXT, course TEXT, lesson TEXT, model TEXT, status TEXT,
            latency_ms REAL, status_code INTEGER, error_message TEXT,
            extra_json TEXT DEFAULT '{}', source_file TEXT
            """, indexes: ["CREATE INDEX ai_proxy_log_by_time ON ai_proxy_log (time)"])
        + rebuilt("ai_external_source", """
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            course TEXT, lesson TEXT, title TEXT, url TEXT, allowed INTEGER, status TEXT,
            last_fetched_at REAL, mime_type TEXT, error TEXT,
            extra_json TEXT DEFAULT '{}', source_file TEXT
            """)
        + rebuilt("ai_knowledge_index_run", """
            name TEXT PRIMARY KEY, creation REAL, modified REAL, owner TEXT,
            course TEXT, lesson TEXT, status TEXT, chunk_count INTEGER, last_indexed_at REAL, notes TEXT,
            extra_json TEXT DEFAULT '{}', source_file TEXT
            """),
        // 4: external sources fetched by `lectern build` / `lectern sources`: the last good body
        // of each URL with the validators that let the next fetch be a 304, and the chunk count
        // of each source beside the fields the LMS exports.
        """
        CREATE TABLE source_cache (
            url TEXT PRIMARY KEY,
            final_url TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            mime_type TEXT,
            body BLOB NOT NULL,
            body_sha256 TEXT NOT NULL,
            fetched_at REAL NOT NULL,
            checked_at REAL NOT NULL
        );
        ALTER TABLE ai_external_source ADD COLUMN chunk_count INTEGER;
        """,
    ]

    /// The newest schema version.
    public static var latest: Int { steps.count }

    /// SQL that replaces `table` by one with the column definitions `columns` (in the same order
    /// as before), keeping its rows, then creates its `indexes`.
    static func rebuilt(_ table: String, _ columns: String, indexes: [String] = []) -> String {
        """
        CREATE TABLE \(table)_new (\(columns));
        INSERT INTO \(table)_new SELECT * FROM \(table) ORDER BY rowid;
        DROP TABLE \(table);
        ALTER TABLE \(table)_new RENAME TO \(table);

        """ + indexes.map { $0 + ";\n" }.joined()
    }

    /// Brings `database` to schema version `target` (the newest unless told), one transaction
    /// per version. An older target is for tests that start from an old database.
    public static func apply(to database: Database, through target: Int = latest) throws(StoreError) {
        let current = try database.userVersion
        guard current <= steps.count else {
            throw StoreError("\(database.path): schema version \(current) is newer than this Lectern (\(steps.count)); upgrade Lectern")
        }
        for version in current..<max(current, min(target, steps.count)) {
            do {
                try database.transaction {
                    try database.execute(steps[version])
                    try database.execute("PRAGMA user_version = \(version + 1)")
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError("\(database.path): migration \(version + 1) failed: \(error)")
            }
        }
    }
}
