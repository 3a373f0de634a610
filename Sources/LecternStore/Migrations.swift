/// The schema of `state.sqlite`, one migration per version; `user_version` records how far a
/// database has come, so an older file is brought forward in place.
enum Migrations {
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
    ]

    static func apply(to database: Database) throws(StoreError) {
        let current = try database.userVersion
        guard current <= steps.count else {
            throw StoreError("\(database.path): schema version \(current) is newer than this Lectern (\(steps.count)); upgrade Lectern")
        }
        for version in current..<steps.count {
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
