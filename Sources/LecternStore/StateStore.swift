import Foundation

/// A chunk as the state database keeps it between builds.
public struct StoredChunk: Sendable, Equatable {
    public var id: String
    public var course: String
    public var courseTitle: String
    public var lesson: String
    public var lessonTitle: String
    public var source: String
    public var ordinal: Int
    public var url: String
    public var headingPath: [String]
    public var anchor: String
    public var start: Int
    public var end: Int
    public var tokenCount: Int
    public var text: String
    /// sha256 of the text that is embedded (the embedding-cache key).
    public var embeddingSHA256: String

    public init(id: String, course: String, courseTitle: String, lesson: String, lessonTitle: String, source: String,
                ordinal: Int, url: String, headingPath: [String], anchor: String, start: Int, end: Int,
                tokenCount: Int, text: String, embeddingSHA256: String) {
        self.id = id; self.course = course; self.courseTitle = courseTitle; self.lesson = lesson
        self.lessonTitle = lessonTitle; self.source = source; self.ordinal = ordinal; self.url = url
        self.headingPath = headingPath; self.anchor = anchor; self.start = start; self.end = end
        self.tokenCount = tokenCount; self.text = text; self.embeddingSHA256 = embeddingSHA256
    }
}

public struct IndexRunRecord: Sendable, Equatable {
    public var run: String
    public var course: String
    public var lesson: String
    public var status: String
    public var chunkCount: Int?
    public var startedAt: Double
    public var endedAt: Double?
    public var notes: String

    public init(run: String, course: String, lesson: String, status: String, chunkCount: Int?, startedAt: Double,
                endedAt: Double?, notes: String) {
        self.run = run; self.course = course; self.lesson = lesson; self.status = status
        self.chunkCount = chunkCount; self.startedAt = startedAt; self.endedAt = endedAt; self.notes = notes
    }
}

/// `output/state.sqlite`: chunks, the embedding cache and the history of index runs.
public final class StateStore {
    public let database: Database

    public init(path: String) throws(StoreError) {
        database = try Database(path: path)
        try Migrations.apply(to: database)
    }

    // MARK: chunks

    static let chunkColumns = "id, course, course_title, lesson, lesson_title, source, ordinal, url, heading_path, anchor, start_offset, end_offset, token_count, text, text_sha256"

    /// Chunks in index order (course, lesson, source, ordinal), optionally of one course or lesson.
    public func chunks(course: String? = nil, lesson: String? = nil) throws(StoreError) -> [StoredChunk] {
        let statement = try database.prepare("""
            SELECT \(Self.chunkColumns) FROM chunks
            WHERE (?1 IS NULL OR course = ?1) AND (?2 IS NULL OR lesson = ?2)
            ORDER BY course, lesson, source, ordinal
            """)
        try statement.bind([course.map(SQLValue.text) ?? .null, lesson.map(SQLValue.text) ?? .null])
        var result: [StoredChunk] = []
        while try statement.step() {
            result.append(StoredChunk(
                id: statement.text(0), course: statement.text(1), courseTitle: statement.text(2),
                lesson: statement.text(3), lessonTitle: statement.text(4), source: statement.text(5),
                ordinal: statement.int(6), url: statement.text(7),
                headingPath: statement.text(8).split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty },
                anchor: statement.text(9), start: statement.int(10), end: statement.int(11),
                tokenCount: statement.int(12), text: statement.text(13), embeddingSHA256: statement.text(14)))
        }
        return result
    }

    /// The (course, lesson) pairs that have chunks of their own (external sources' chunks are kept per source).
    public func lessons(course: String? = nil) throws(StoreError) -> [(course: String, lesson: String)] {
        let statement = try database.prepare("SELECT DISTINCT course, lesson FROM chunks WHERE source != 'external' AND (?1 IS NULL OR course = ?1) ORDER BY 1, 2")
        try statement.bind([course.map(SQLValue.text) ?? .null])
        var result: [(String, String)] = []
        while try statement.step() { result.append((statement.text(0), statement.text(1))) }
        return result
    }

    /// Replaces the chunks of one lesson (lesson, instructor and file text; not its external
    /// sources) by `chunks`.
    public func replaceChunks(course: String, lesson: String, with chunks: [StoredChunk]) throws(StoreError) {
        try deleteChunks(course: course, lesson: lesson)
        try insertChunks(chunks)
    }

    func insertChunks(_ chunks: [StoredChunk]) throws(StoreError) {
        let insert = try database.prepare("INSERT OR REPLACE INTO chunks (\(Self.chunkColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
        for c in chunks {
            try insert.run([.text(c.id), .text(c.course), .text(c.courseTitle), .text(c.lesson), .text(c.lessonTitle),
                            .text(c.source), .int(c.ordinal), .text(c.url), .text(c.headingPath.joined(separator: "\u{1F}")),
                            .text(c.anchor), .int(c.start), .int(c.end), .int(c.tokenCount), .text(c.text),
                            .text(c.embeddingSHA256)])
        }
    }

    public func deleteChunks(course: String, lesson: String) throws(StoreError) {
        try database.prepare("DELETE FROM chunks WHERE course = ?1 AND lesson = ?2 AND source != 'external'").run([.text(course), .text(lesson)])
    }

    // MARK: embedding cache

    /// Cached vectors of the given text hashes; missing hashes are absent from the result.
    public func cachedVectors(model: String, hashes: [String]) throws(StoreError) -> [String: [Float]] {
        let statement = try database.prepare("SELECT vector FROM embedding_cache WHERE model_id = ?1 AND text_sha256 = ?2")
        var result: [String: [Float]] = [:]
        for hash in Set(hashes) {
            try statement.bind([.text(model), .text(hash)])
            if try statement.step() {
                let bytes = statement.blob(0)
                result[hash] = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            }
        }
        return result
    }

    public func cacheVectors(model: String, _ vectors: [(hash: String, vector: ArraySlice<Float>)]) throws(StoreError) {
        let insert = try database.prepare("INSERT OR REPLACE INTO embedding_cache (model_id, text_sha256, vector, created_at) VALUES (?1, ?2, ?3, ?4)")
        let now = Date().timeIntervalSince1970
        for (hash, vector) in vectors {
            let bytes = vector.withUnsafeBytes { Array($0) }
            try insert.run([.text(model), .text(hash), .blob(bytes), .double(now)])
        }
    }

    // MARK: index runs

    @discardableResult
    public func recordRun(_ record: IndexRunRecord) throws(StoreError) -> Int {
        let insert = try database.prepare("""
            INSERT INTO index_runs (run, course, lesson, status, chunk_count, started_at, ended_at, notes)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        try insert.run([.text(record.run), .text(record.course), .text(record.lesson), .text(record.status),
                        record.chunkCount.map(SQLValue.int) ?? .null, .double(record.startedAt),
                        record.endedAt.map(SQLValue.double) ?? .null, .text(record.notes)])
        return Int(sqlite3LastInsertRowID(database))
    }

    public func runs(run: String? = nil) throws(StoreError) -> [IndexRunRecord] {
        let statement = try database.prepare("""
            SELECT run, course, lesson, status, chunk_count, started_at, ended_at, notes FROM index_runs
            WHERE (?1 IS NULL OR run = ?1) ORDER BY id
            """)
        try statement.bind([run.map(SQLValue.text) ?? .null])
        var result: [IndexRunRecord] = []
        while try statement.step() {
            result.append(IndexRunRecord(run: statement.text(0), course: statement.text(1), lesson: statement.text(2),
                                         status: statement.text(3), chunkCount: statement.isNull(4) ? nil : statement.int(4),
                                         startedAt: statement.double(5), endedAt: statement.isNull(6) ? nil : statement.double(6),
                                         notes: statement.text(7)))
        }
        return result
    }
}
