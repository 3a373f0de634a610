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

    /// Everything, read on two threads with a connection each: the proxy log in parts (rowid
    /// ranges, in order) on whichever thread is free, the other tables as one more job.
    /// (The connections may see different commits if an import runs at the same time.)
    public static func load(from store: StateStore) throws -> LogSnapshot {
        let proxyParts = 8
        let rowids = try LogReader(database: store.database).proxyCallRowids()
        let step = max(1, (rowids.upperBound - rowids.lowerBound + Int64(proxyParts) - 1) / Int64(proxyParts))
        let parts = try TwoThreads.run(jobs: proxyParts + 1, context: { try Database(path: store.database.path) }) { database, n in
            var part = LogSnapshot()
            if n == 0 {
                try part.readTables(LogReader(database: database), store: store)
            } else {
                let low = rowids.lowerBound + Int64(n - 1) * step
                try part.readProxyCalls(LogReader(database: database), rowids: low..<max(low, min(rowids.upperBound, low + step)))
            }
            return part
        }
        var snapshot = parts[0]
        snapshot.proxy.reserveCapacity(parts.reduce(0) { $0 + $1.proxy.count })
        for part in parts.dropFirst() { snapshot.appendProxyCalls(of: part) }
        return snapshot
    }

    /// Every table but the proxy log.
    private mutating func readTables(_ reader: LogReader, store: StateStore) throws {
        var snapshot = self
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
        // The store's own connection: no other thread uses it while the parts are read.
        snapshot.buildRuns = try store.runs()
        self = snapshot
    }

    mutating func readProxyCalls(_ reader: LogReader, from: Double? = nil, to: Double? = nil, rowids: Range<Int64>? = nil) throws {
        var extras = ProxyExtraFields()
        // A part's rowid range bounds its row count (rowids are dense unless rows were deleted).
        if let rowids { proxy.reserveCapacity(Int(min(rowids.upperBound - rowids.lowerBound, 1 << 24))) }
        try reader.forEachProxyCall(from: from, to: to, rowids: rowids) { row in
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

    /// Appends the proxy calls of a snapshot of later rows, its interned names renumbered into ours.
    mutating func appendProxyCalls(of other: LogSnapshot) {
        func renumber(_ theirs: Interner, into ours: inout Interner) -> [Int32] {
            theirs.values.map { value in var v = value; return v.withUTF8 { ours.id($0) } }
        }
        let course = renumber(other.courses, into: &courses), lesson = renumber(other.lessons, into: &lessons)
        let model = renumber(other.models, into: &models), user = renumber(other.users, into: &users)
        let message = renumber(other.errorMessages, into: &errorMessages)
        func map(_ id: Int32, _ table: [Int32]) -> Int32 { id < 0 ? id : table[Int(id)] }
        let start = proxy.count
        proxy.append(contentsOf: other.proxy)
        proxy.withUnsafeMutableBufferPointer { calls in
            for i in start..<calls.count {
                calls[i].course = map(calls[i].course, course); calls[i].lesson = map(calls[i].lesson, lesson)
                calls[i].model = map(calls[i].model, model); calls[i].user = map(calls[i].user, user)
                calls[i].errorMessage = map(calls[i].errorMessage, message)
            }
        }
        for (key, field) in other.proxyExtraFields {
            var merged = proxyExtraFields[key] ?? (0, [])
            merged.rows += field.rows
            // A few values: ours, then theirs in sorted order up to as many as one reader keeps.
            for value in field.examples.sorted() where merged.examples.count < ProxyExtraFields.examplesKept {
                merged.examples.insert(value)
            }
            proxyExtraFields[key] = merged
        }
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
