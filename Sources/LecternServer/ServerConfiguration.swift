/// How `lectern-query serve` listens, what it serves and the limits it keeps.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8700
    /// The index file (`output/index/lectern.index`); replaced by a build, reloaded here.
    public var indexPath: String
    public var modelDirectory: String?
    /// With a token, every request but `/health` needs `Authorization: Bearer <token>` (or
    /// Qdrant's `api-key: <token>`).
    public var token: String?
    /// The name of the one read-only Qdrant collection.
    public var collection = "lesson_chunks"
    /// Request bodies above this get 413.
    public var maxBodyBytes = 1 << 20
    /// A request must arrive whole within this many seconds of the connection opening or of the
    /// previous response; a client that trickles bytes is cut off.
    public var readTimeoutSeconds: Int64 = 10
    /// The most results one search may ask for.
    public var maxTopK = 100
    /// The most texts one embeddings request may hold.
    public var maxInputs = 256
    /// Requests being worked on at once; more get 503 rather than queueing without bound.
    public var maxInFlight = 64
    /// Threads that embed and search.
    public var workers: Int
    /// How often the index file is checked for a replacement.
    public var reloadIntervalMilliseconds: Int64 = 500

    public init(indexPath: String, workers: Int) {
        self.indexPath = indexPath
        self.workers = max(1, workers)
    }
}
