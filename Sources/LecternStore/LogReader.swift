/// Reads the imported AI-tutor logs and the build's state back for the reports, one query per
/// table family. Times are UTC Unix seconds; nil is a value the export did not record.
public final class LogReader {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// One proxy call as the report loader sees it: text columns as bytes valid only during the
    /// callback, so a million rows cost no String each.
    public struct ProxyCallColumns {
        let statement: Statement
        public var time: Double? { statement.optionalDouble(0) }
        public var isError: Bool { statement.int(5) == 1 }
        public var latency: Double? { statement.optionalDouble(6) }
        public var statusCode: Int? { statement.optionalInt(7) }
        public var hasExtra: Bool { statement.int(8) == 1 }
        /// 1 course, 2 lesson, 3 model, 4 user, 9 extra_json ("" when it is `{}`), 10 error_message
        /// (of errors only).
        public func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
            statement.withTextBytes(column, body)
        }
    }

    /// Every proxy call. The fields beyond the DocType stay JSON text (`extra_json`); reading
    /// them in SQLite (json_extract, json_each) cost more than the rest of the site together.
    /// `from`/`to` (UTC seconds) keep only the calls with from ≤ time < to, through the time index;
    /// `rowids` only the rows of that range (so a million rows can be read in parts, on two threads).
    public func forEachProxyCall(from: Double? = nil, to: Double? = nil, rowids: Range<Int64>? = nil,
                                 _ body: (ProxyCallColumns) throws -> Void) throws {
        var conditions: [String] = []
        if from != nil || to != nil { conditions.append("time >= ?1 AND time < ?2") }
        if rowids != nil { conditions.append("rowid >= ?3 AND rowid < ?4") }
        let statement = try database.prepare("""
            SELECT time, course, lesson, model, user, status = 'error', latency_ms, status_code, extra_json <> '{}',
                   CASE WHEN extra_json = '{}' THEN '' ELSE extra_json END,
                   CASE WHEN status = 'error' THEN error_message END
            FROM ai_proxy_log
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            """)
        var values: [SQLValue] = [.double(from ?? -Double.greatestFiniteMagnitude), .double(to ?? Double.greatestFiniteMagnitude)]
        if let rowids { values += [.int(Int(rowids.lowerBound)), .int(Int(rowids.upperBound))] }
        if !conditions.isEmpty { try statement.bind(values) }
        let columns = ProxyCallColumns(statement: statement)
        while try statement.step() { try body(columns) }
    }

    /// The proxy log's rowids, first to one past the last (empty when it has no rows).
    public func proxyCallRowids() throws(StoreError) -> Range<Int64> {
        let s = try database.prepare("SELECT coalesce(min(rowid), 0), coalesce(max(rowid) + 1, 0) FROM ai_proxy_log")
        _ = try s.step()
        return Int64(s.int(0))..<Int64(s.int(1))
    }

    public struct ChatSession: Sendable {
        public var name: String, user: String?, course: String?, lesson: String?
        public var startedAt: Double?, endedAt: Double?
        public var promptTokens: Int?, completionTokens: Int?, cost: Double?
        public var creation: Double?
    }

    public func chatSessions() throws(StoreError) -> [ChatSession] {
        let s = try database.prepare("""
            SELECT name, user, course, lesson, started_at, ended_at, token_usage_prompt, token_usage_completion,
                   cost_estimate, creation FROM ai_chat_session
            """)
        var rows: [ChatSession] = []
        while try s.step() {
            rows.append(ChatSession(name: s.text(0), user: s.optionalText(1), course: s.optionalText(2), lesson: s.optionalText(3),
                                    startedAt: s.optionalDouble(4), endedAt: s.optionalDouble(5), promptTokens: s.optionalInt(6),
                                    completionTokens: s.optionalInt(7), cost: s.optionalDouble(8), creation: s.optionalDouble(9)))
        }
        return rows
    }

    public struct ChatMessage: Sendable {
        public var name: String, session: String?, role: String?, content: String?, creation: Double?
    }

    /// Messages in time order (creation, then name, so ties are stable).
    public func chatMessages() throws(StoreError) -> [ChatMessage] {
        // Sorted here, not by ORDER BY: SQLite's sorter copied every message's text (hundreds of MB).
        let s = try database.prepare("SELECT name, session, role, content, creation FROM ai_chat_message")
        var rows: [ChatMessage] = []
        while try s.step() {
            rows.append(ChatMessage(name: s.text(0), session: s.optionalText(1), role: s.optionalText(2),
                                    content: s.optionalText(3), creation: s.optionalDouble(4)))
        }
        // NULL creation first, as SQLite orders it.
        let order = rows.indices.sorted { a, b in
            let x = rows[a].creation ?? -.infinity, y = rows[b].creation ?? -.infinity
            return x != y ? x < y : rows[a].name < rows[b].name
        }
        return order.map { rows[$0] }
    }

    public struct GuardrailEvent: Sendable {
        public var name: String, time: Double?, user: String?, course: String?, lesson: String?
        public var source: String?, eventType: String?, snippet: String?, notes: String?
    }

    public func guardrailEvents() throws(StoreError) -> [GuardrailEvent] {
        let s = try database.prepare("""
            SELECT name, coalesce(time, creation), user, course, lesson, source, event_type, snippet, notes
            FROM ai_guardrail_event ORDER BY coalesce(time, creation) DESC, name
            """)
        var rows: [GuardrailEvent] = []
        while try s.step() {
            rows.append(GuardrailEvent(name: s.text(0), time: s.optionalDouble(1), user: s.optionalText(2), course: s.optionalText(3),
                                       lesson: s.optionalText(4), source: s.optionalText(5), eventType: s.optionalText(6),
                                       snippet: s.optionalText(7), notes: s.optionalText(8)))
        }
        return rows
    }

    public struct ExternalSource: Sendable {
        public var name: String, course: String?, lesson: String?, title: String?, url: String?
        public var allowed: Bool?, status: String?, lastFetchedAt: Double?, mimeType: String?, error: String?
        /// Chunks in the index (recorded by `lectern build`; an LMS export has none).
        public var chunkCount: Int?
    }

    public func externalSources() throws(StoreError) -> [ExternalSource] {
        let s = try database.prepare("""
            SELECT name, course, lesson, title, url, allowed, status, last_fetched_at, mime_type, error, chunk_count
            FROM ai_external_source ORDER BY course, url, name
            """)
        var rows: [ExternalSource] = []
        while try s.step() {
            rows.append(ExternalSource(name: s.text(0), course: s.optionalText(1), lesson: s.optionalText(2), title: s.optionalText(3),
                                       url: s.optionalText(4), allowed: s.optionalInt(5).map { $0 != 0 }, status: s.optionalText(6),
                                       lastFetchedAt: s.optionalDouble(7), mimeType: s.optionalText(8), error: s.optionalText(9),
                                       chunkCount: s.optionalInt(10)))
        }
        return rows
    }

    public struct KnowledgeRun: Sendable {
        public var name: String, course: String?, lesson: String?, status: String?
        public var chunkCount: Int?, lastIndexedAt: Double?, notes: String?
    }

    public func knowledgeRuns() throws(StoreError) -> [KnowledgeRun] {
        let s = try database.prepare("""
            SELECT name, course, lesson, status, chunk_count, coalesce(last_indexed_at, modified), notes
            FROM ai_knowledge_index_run ORDER BY coalesce(last_indexed_at, modified) DESC, name
            """)
        var rows: [KnowledgeRun] = []
        while try s.step() {
            rows.append(KnowledgeRun(name: s.text(0), course: s.optionalText(1), lesson: s.optionalText(2), status: s.optionalText(3),
                                     chunkCount: s.optionalInt(4), lastIndexedAt: s.optionalDouble(5), notes: s.optionalText(6)))
        }
        return rows
    }

    public struct FAQDraft: Sendable {
        public var name: String, course: String?, lesson: String?, modified: Double?
        public var items: [(question: String?, answer: String?)]
    }

    /// AI FAQ Drafts with their items. The DocType's course and lesson are not typed columns of
    /// the import schema, so they are read from the kept fields.
    public func faqDrafts() throws(StoreError) -> [FAQDraft] {
        let s = try database.prepare("""
            SELECT name, json_extract(extra_json, '$.course'), json_extract(extra_json, '$.lesson'), modified
            FROM ai_faq_draft ORDER BY 2, 3, name
            """)
        let items = try database.prepare("SELECT question, answer FROM ai_faq_item WHERE parent = ?1 ORDER BY idx")
        var rows: [FAQDraft] = []
        while try s.step() {
            var draft = FAQDraft(name: s.text(0), course: s.optionalText(1), lesson: s.optionalText(2), modified: s.optionalDouble(3), items: [])
            try items.bind([.text(draft.name)])
            while try items.step() { draft.items.append((items.optionalText(0), items.optionalText(1))) }
            rows.append(draft)
        }
        return rows
    }

    public struct ImportRecord: Sendable {
        public var file: String, doctype: String?
        public var read: Int, upserted: Int, unchanged: Int, rejected: Int
        public var startedAt: Double, finishedAt: Double
    }

    /// The latest import of each file: what the state holds now, however often a file came in.
    public func latestImports() throws(StoreError) -> [ImportRecord] {
        let s = try database.prepare("""
            SELECT file, doctype, rows_read, rows_upserted, rows_unchanged, rows_rejected, started_at, finished_at
            FROM imports WHERE id IN (SELECT max(id) FROM imports GROUP BY file) ORDER BY file
            """)
        var rows: [ImportRecord] = []
        while try s.step() {
            rows.append(ImportRecord(file: s.text(0), doctype: s.optionalText(1), read: s.int(2), upserted: s.int(3),
                                     unchanged: s.int(4), rejected: s.int(5), startedAt: s.double(6), finishedAt: s.double(7)))
        }
        return rows
    }

    public struct Reject: Sendable {
        public var file: String, line: Int?, record: Int?, doctype: String?, reason: String, raw: String?
    }

    /// The rejects of each file's latest import (an older import's rejects were superseded).
    public func latestRejects(limit: Int) throws(StoreError) -> (rows: [Reject], total: Int) {
        let latest = """
            FROM rejects r JOIN (SELECT file, max(started_at) AS at FROM imports GROUP BY file) i
              ON r.file = i.file AND r.imported_at = i.at
            """
        let count = try database.prepare("SELECT count(*) \(latest)")
        let total = try count.step() ? count.int(0) : 0
        let s = try database.prepare("SELECT r.file, r.line, r.record, r.doctype, r.reason, r.raw \(latest) ORDER BY r.file, r.id LIMIT ?1")
        try s.bind([.int(limit)])
        var rows: [Reject] = []
        while try s.step() {
            rows.append(Reject(file: s.text(0), line: s.optionalInt(1), record: s.optionalInt(2), doctype: s.optionalText(3),
                               reason: s.text(4), raw: s.optionalText(5)))
        }
        return (rows, total)
    }

    public struct LessonChunks: Sendable {
        public var course: String, courseTitle: String, lesson: String, lessonTitle: String
        public var chunks: Int, embedded: Int, tokens: Int
    }

    /// Chunks per lesson, and how many of them have a vector in the embedding cache.
    public func chunksPerLesson() throws(StoreError) -> [LessonChunks] {
        let s = try database.prepare("""
            SELECT c.course, max(c.course_title), c.lesson, max(c.lesson_title), count(*),
                   sum(EXISTS (SELECT 1 FROM embedding_cache e WHERE e.text_sha256 = c.text_sha256)), sum(c.token_count)
            FROM chunks c GROUP BY c.course, c.lesson ORDER BY c.course, c.lesson
            """)
        var rows: [LessonChunks] = []
        while try s.step() {
            rows.append(LessonChunks(course: s.text(0), courseTitle: s.text(1), lesson: s.text(2), lessonTitle: s.text(3),
                                     chunks: s.int(4), embedded: s.int(5), tokens: s.int(6)))
        }
        return rows
    }

    /// Cached vectors, and those no chunk uses any more (left by edited or removed lessons).
    public func embeddingCacheCounts() throws(StoreError) -> (total: Int, unused: Int) {
        let s = try database.prepare("""
            SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM chunks c WHERE c.text_sha256 = e.text_sha256))
            FROM embedding_cache e
            """)
        guard try s.step() else { return (0, 0) }
        return (s.int(0), s.optionalInt(1) ?? 0)
    }
}
