import Foundation

/// The last good body of a URL and the validators that revalidate it.
public struct CachedSource: Sendable, Equatable {
    public var url: String
    public var finalURL: String
    public var etag: String?
    public var lastModified: String?
    public var mimeType: String?
    public var body: [UInt8]
    public var bodySHA256: String
    public var fetchedAt: Double
    public var checkedAt: Double

    public init(url: String, finalURL: String, etag: String?, lastModified: String?, mimeType: String?, body: [UInt8],
                bodySHA256: String, fetchedAt: Double, checkedAt: Double) {
        self.url = url; self.finalURL = finalURL; self.etag = etag; self.lastModified = lastModified
        self.mimeType = mimeType; self.body = body; self.bodySHA256 = bodySHA256
        self.fetchedAt = fetchedAt; self.checkedAt = checkedAt
    }
}

/// One source's state as the reports show it: the AI External Source fields plus a chunk count.
public struct SourceStatusRecord: Sendable, Equatable {
    public var name: String
    public var course: String
    public var lesson: String?
    public var title: String?
    public var url: String
    public var allowed: Bool
    /// New, Fetched, Indexed or Error.
    public var status: String
    public var lastFetchedAt: Double?
    public var mimeType: String?
    public var chunkCount: Int?
    /// The error text for Error; a note (why it was skipped, chunks left out) otherwise, or nil.
    public var error: String?
    /// The list it came from.
    public var listedIn: String

    public init(name: String, course: String, lesson: String?, title: String?, url: String, allowed: Bool, status: String,
                lastFetchedAt: Double?, mimeType: String?, chunkCount: Int?, error: String?, listedIn: String) {
        self.name = name; self.course = course; self.lesson = lesson; self.title = title; self.url = url
        self.allowed = allowed; self.status = status; self.lastFetchedAt = lastFetchedAt; self.mimeType = mimeType
        self.chunkCount = chunkCount; self.error = error; self.listedIn = listedIn
    }
}

/// A guardrail finding written as an AI Guardrail Event.
public struct GuardrailEventRecord: Sendable, Equatable {
    /// Stable for the same finding in the same place, so a rebuild updates instead of repeating it.
    public var name: String
    public var time: Double
    public var course: String
    public var lesson: String?
    /// `lesson` or `external`.
    public var source: String
    /// `Injection` or `Sensitive`.
    public var eventType: String
    public var snippet: String
    public var notes: String

    public init(name: String, time: Double, course: String, lesson: String?, source: String, eventType: String,
                snippet: String, notes: String) {
        self.name = name; self.time = time; self.course = course; self.lesson = lesson; self.source = source
        self.eventType = eventType; self.snippet = snippet; self.notes = notes
    }
}

/// External sources and build-time guardrail events in `state.sqlite` (migration 4's cache and
/// the AI External Source / AI Guardrail Event tables the reports read).
extension StateStore {
    public static let buildSourceFile = "lectern build"

    public func cachedSource(url: String) throws(StoreError) -> CachedSource? {
        let s = try database.prepare("""
            SELECT url, final_url, etag, last_modified, mime_type, body, body_sha256, fetched_at, checked_at
            FROM source_cache WHERE url = ?1
            """)
        try s.bind([.text(url)])
        guard try s.step() else { return nil }
        return CachedSource(url: s.text(0), finalURL: s.text(1), etag: s.isNull(2) ? nil : s.text(2),
                            lastModified: s.isNull(3) ? nil : s.text(3), mimeType: s.isNull(4) ? nil : s.text(4),
                            body: s.blob(5), bodySHA256: s.text(6), fetchedAt: s.double(7), checkedAt: s.double(8))
    }

    public func storeCachedSource(_ c: CachedSource) throws(StoreError) {
        try database.prepare("""
            INSERT OR REPLACE INTO source_cache (url, final_url, etag, last_modified, mime_type, body, body_sha256, fetched_at, checked_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """).run([.text(c.url), .text(c.finalURL), c.etag.map(SQLValue.text) ?? .null, c.lastModified.map(SQLValue.text) ?? .null,
                      c.mimeType.map(SQLValue.text) ?? .null, .blob(c.body), .text(c.bodySHA256), .double(c.fetchedAt),
                      .double(c.checkedAt)])
    }

    public func markSourceChecked(url: String, at time: Double) throws(StoreError) {
        try database.prepare("UPDATE source_cache SET checked_at = ?2 WHERE url = ?1").run([.text(url), .double(time)])
    }

    /// Upserts the AI External Source row of one source (an imported LMS row of the same name
    /// gets the state the build found).
    public func recordSourceStatus(_ r: SourceStatusRecord, at time: Double) throws(StoreError) {
        try database.prepare("""
            INSERT INTO ai_external_source (name, creation, modified, course, lesson, title, url, allowed, status,
                last_fetched_at, mime_type, chunk_count, error, extra_json, source_file)
            VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, '{}', ?13)
            ON CONFLICT (name) DO UPDATE SET modified = excluded.modified, course = excluded.course,
                lesson = excluded.lesson, title = coalesce(excluded.title, ai_external_source.title), url = excluded.url,
                allowed = excluded.allowed, status = excluded.status,
                last_fetched_at = coalesce(excluded.last_fetched_at, ai_external_source.last_fetched_at),
                mime_type = coalesce(excluded.mime_type, ai_external_source.mime_type), error = excluded.error,
                chunk_count = excluded.chunk_count
            """).run([.text(r.name), .double(time), .text(r.course), r.lesson.map(SQLValue.text) ?? .null,
                      r.title.map(SQLValue.text) ?? .null, .text(r.url), .int(r.allowed ? 1 : 0), .text(r.status),
                      r.lastFetchedAt.map(SQLValue.double) ?? .null, r.mimeType.map(SQLValue.text) ?? .null,
                      r.chunkCount.map(SQLValue.int) ?? .null, r.error.map(SQLValue.text) ?? .null, .text(r.listedIn)])
    }

    public func sourceStatuses() throws(StoreError) -> [SourceStatusRecord] {
        let s = try database.prepare("""
            SELECT name, coalesce(course, ''), lesson, title, coalesce(url, ''), coalesce(allowed, 1), coalesce(status, 'New'),
                   last_fetched_at, mime_type, chunk_count, error, coalesce(source_file, '')
            FROM ai_external_source ORDER BY course, url, name
            """)
        var rows: [SourceStatusRecord] = []
        while try s.step() {
            rows.append(SourceStatusRecord(name: s.text(0), course: s.text(1), lesson: s.isNull(2) ? nil : s.text(2),
                                           title: s.isNull(3) ? nil : s.text(3), url: s.text(4), allowed: s.int(5) != 0,
                                           status: s.text(6), lastFetchedAt: s.isNull(7) ? nil : s.double(7),
                                           mimeType: s.isNull(8) ? nil : s.text(8), chunkCount: s.isNull(9) ? nil : s.int(9),
                                           error: s.isNull(10) ? nil : s.text(10), listedIn: s.text(11)))
        }
        return rows
    }

    /// Keeps the first time a finding was seen; later builds refresh its notes.
    public func recordGuardrailEvent(_ e: GuardrailEventRecord) throws(StoreError) {
        try database.prepare("""
            INSERT INTO ai_guardrail_event (name, creation, modified, time, course, lesson, source, event_type, snippet, notes,
                extra_json, source_file)
            VALUES (?1, ?2, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '{}', ?9)
            ON CONFLICT (name) DO UPDATE SET modified = excluded.modified, snippet = excluded.snippet, notes = excluded.notes
            """).run([.text(e.name), .double(e.time), .text(e.course), e.lesson.map(SQLValue.text) ?? .null, .text(e.source),
                      .text(e.eventType), .text(e.snippet), .text(e.notes), .text(Self.buildSourceFile)])
    }

    // MARK: chunks of external sources

    /// Chunks of external sources are kept per source (course, lesson, URL), apart from their
    /// lesson's own chunks, so rebuilding a lesson and refetching a source never replace each
    /// other's chunks.
    public func replaceSourceChunks(course: String, lesson: String, url: String, with chunks: [StoredChunk]) throws(StoreError) {
        try deleteSourceChunks(course: course, lesson: lesson, url: url)
        try insertChunks(chunks)
    }

    public func deleteSourceChunks(course: String, lesson: String, url: String) throws(StoreError) {
        try database.prepare("DELETE FROM chunks WHERE course = ?1 AND lesson = ?2 AND url = ?3 AND source = 'external'")
            .run([.text(course), .text(lesson), .text(url)])
    }

    /// Every source with chunks in the index, and how many.
    public func indexedSources(course: String? = nil) throws(StoreError) -> [(course: String, lesson: String, url: String, chunks: Int)] {
        let s = try database.prepare("""
            SELECT course, lesson, url, count(*) FROM chunks WHERE source = 'external' AND (?1 IS NULL OR course = ?1)
            GROUP BY course, lesson, url ORDER BY 1, 2, 3
            """)
        try s.bind([course.map(SQLValue.text) ?? .null])
        var result: [(String, String, String, Int)] = []
        while try s.step() { result.append((s.text(0), s.text(1), s.text(2), s.int(3))) }
        return result
    }
}
