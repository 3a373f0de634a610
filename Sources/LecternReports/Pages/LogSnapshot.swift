import LecternStore

/// Everything the reports are computed from, read once from `state.sqlite`.
/// Proxy calls are kept compactly (interned names, NaN for "not recorded") because real
/// deployments have millions of them; the other tables are small enough to keep as read.
public struct LogSnapshot {
    struct ProxyCall {
        var time: Double
        var latency: Double
        var promptTokens: Double
        var completionTokens: Double
        var cost: Double
        var course: Int32
        var lesson: Int32
        var model: Int32
        var user: Int32
        var statusCode: Int32
        var errorMessage: Int32
        var isError: Bool
    }

    var proxy: [ProxyCall] = []
    var courses = Interner()
    var lessons = Interner()
    var models = Interner()
    var users = Interner()
    var errorMessages = Interner()
    var sessions: [LogReader.ChatSession] = []
    var messages: [LogReader.ChatMessage] = []
    var guardrails: [LogReader.GuardrailEvent] = []
    var sources: [LogReader.ExternalSource] = []
    var knowledgeRuns: [LogReader.KnowledgeRun] = []
    var faqDrafts: [LogReader.FAQDraft] = []
    var imports: [LogReader.ImportRecord] = []
    var rejects: [LogReader.Reject] = []
    var rejectCount = 0
    var chunks: [LogReader.LessonChunks] = []
    var cache: (total: Int, unused: Int) = (0, 0)
    var buildRuns: [IndexRunRecord] = []
    /// Fields of proxy rows beyond the DocType: key → (rows that have it, a few distinct values).
    var proxyExtraFields: [String: (rows: Int, examples: Set<String>)] = [:]

    /// Only the proxy calls, optionally of a time span (from ≤ time < to): what `check-alerts` needs.
    public static func loadProxyCalls(from store: StateStore, between from: Double? = nil, and to: Double? = nil) throws -> LogSnapshot {
        var snapshot = LogSnapshot()
        try snapshot.readProxyCalls(LogReader(database: store.database), from: from, to: to)
        return snapshot
    }

    public static func load(from store: StateStore) throws -> LogSnapshot {
        var snapshot = LogSnapshot()
        let reader = LogReader(database: store.database)
        try snapshot.readProxyCalls(reader)
        snapshot.sessions = try reader.chatSessions()
        snapshot.messages = try reader.chatMessages()
        snapshot.guardrails = try reader.guardrailEvents()
        snapshot.sources = try reader.externalSources()
        snapshot.knowledgeRuns = try reader.knowledgeRuns()
        snapshot.faqDrafts = try reader.faqDrafts()
        snapshot.imports = try reader.latestImports()
        (snapshot.rejects, snapshot.rejectCount) = try reader.latestRejects(limit: 2_000)
        snapshot.chunks = try reader.chunksPerLesson()
        snapshot.cache = try reader.embeddingCacheCounts()
        snapshot.buildRuns = try store.runs()
        return snapshot
    }

    mutating func readProxyCalls(_ reader: LogReader, from: Double? = nil, to: Double? = nil) throws {
        var extras = ProxyExtraFields()
        try reader.forEachProxyCall(from: from, to: to) { row in
            let extra = row.hasExtra ? row.withBytes(9) { extras.read($0) } : ProxyExtraFields.Found()
            let call = ProxyCall(time: row.time ?? .nan, latency: row.latency ?? .nan, promptTokens: extra.promptTokens,
                                 completionTokens: extra.completionTokens, cost: extra.cost,
                                 course: row.withBytes(1) { self.courses.id($0) },
                                 lesson: row.withBytes(2) { self.lessons.id($0) },
                                 model: row.withBytes(3) { self.models.id($0) },
                                 user: row.withBytes(4) { self.users.id($0) },
                                 statusCode: row.statusCode.map { Int32(clamping: max(-1, $0)) } ?? -1,
                                 errorMessage: row.withBytes(10) { self.errorMessages.id($0) }, isError: row.isError)
            self.proxy.append(call)
        }
        proxyExtraFields = extras.table
    }

    /// The first and last time anything happened in the logs.
    var window: (first: Double, last: Double)? {
        var first = Double.infinity, last = -Double.infinity
        func see(_ t: Double?) {
            guard let t, t.isFinite else { return }
            first = min(first, t); last = max(last, t)
        }
        for call in proxy { see(call.time) }
        for s in sessions { see(s.startedAt ?? s.creation); see(s.endedAt) }
        for m in messages { see(m.creation) }
        for g in guardrails { see(g.time) }
        return first <= last ? (first, last) : nil
    }

    var rowsRead: Int { imports.reduce(0) { $0 + $1.read } }
    var rowsRejected: Int { imports.reduce(0) { $0 + $1.rejected } }
}
