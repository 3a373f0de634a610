import NIOHTTP1
import NIOPosix

/// Sends each request to its API by method and path, after the token check.
public struct Router: Sendable {
    let service: SearchService
    let metrics: Metrics
    let configuration: ServerConfiguration
    let pool: NIOThreadPool
    let batcher: SearchBatcher

    public init(service: SearchService, metrics: Metrics, configuration: ServerConfiguration, pool: NIOThreadPool) {
        self.service = service
        self.metrics = metrics
        self.configuration = configuration
        self.pool = pool
        self.batcher = SearchBatcher(service: service, pool: pool, threads: configuration.workers)
    }

    /// Answers on a worker thread through `reply`: searches join a batch, the rest run alone.
    public func handle(_ request: HTTPRequest, route: String, reply: @escaping @Sendable (HTTPReply) -> Void) {
        let start = ContinuousClock.now
        guard route == "/v1/rag/search", request.method == .POST, authorizedIfNeeded(request, route: route) else {
            pool.submit { _ in reply(self.handle(request, route: route)) }
            return
        }
        do {
            let search = try RAGSearchAPI.read(request, maxTopK: configuration.maxTopK)
            batcher.submit(SearchBatcher.Job(text: search.query, course: search.course, lesson: search.lesson, k: search.k, mode: search.mode) { reader, hits in
                reply(RAGSearchAPI.reply(hits, reader: reader, since: start))
            })
        } catch {
            reply(.error(HTTPResponseStatus(statusCode: error.status), error.message))
        }
    }

    func authorizedIfNeeded(_ request: HTTPRequest, route: String) -> Bool {
        guard let token = configuration.token, route != "/health" else { return true }
        return Self.authorized(request, token: token)
    }

    /// The route's name for the metrics: fixed strings, never the client's path.
    public func route(of request: HTTPRequest) -> String {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true)
        switch (parts.count, parts.first) {
        case (0, _): return "/"
        case (_, "v1"): return ["/v1/rag/search", "/v1/embeddings"].first { $0 == request.path } ?? "other"
        case (_, "collections"):
            if parts.count == 1 { return "/collections" }
            if parts.count == 2 { return "/collections/{name}" }
            if parts.count == 3, parts[2] == "exists" { return "/collections/{name}/exists" }
            if parts.count == 4, parts[2] == "points", ["search", "query"].contains(parts[3]) { return "/collections/{name}/points/\(parts[3])" }
            return "/collections/other"
        case (1, "health"): return "/health"
        case (1, "metrics"): return "/metrics"
        default: return "other"
        }
    }

    /// Every route but an authorized search (which `SearchBatcher` answers), on the calling thread.
    func handle(_ request: HTTPRequest, route: String) -> HTTPReply {
        let start = ContinuousClock.now
        if !authorizedIfNeeded(request, route: route) {
            var reply = HTTPReply.error(.unauthorized, "missing or wrong token: send Authorization: Bearer <token>")
            reply.headers.append(("www-authenticate", "Bearer"))
            return reply
        }
        let qdrant = QdrantAPI(service: service, collection: configuration.collection, maxTopK: configuration.maxTopK)
        do {
            switch (request.method, route) {
            case (.POST, "/v1/embeddings"):
                return try EmbeddingsAPI(service: service, maxInputs: configuration.maxInputs).handle(request)
            case (.GET, "/health"): return health()
            case (.GET, "/metrics"):
                return HTTPReply(status: .ok, contentType: "text/plain; version=0.0.4", body: Array(metrics.text(index: service.index).utf8))
            case (.GET, "/"): return qdrant.root()
            case (.GET, "/collections"): return qdrant.collections(since: start)
            case (_, let r) where r.hasPrefix("/collections"):
                return try collections(request, route: r, qdrant: qdrant, start: start)
            case (_, "/v1/rag/search"), (_, "/v1/embeddings"), (_, "/health"), (_, "/metrics"), (_, "/"):
                return .error(.methodNotAllowed, "\(request.method) is not allowed on \(route)")
            default:
                return .error(.notFound, "no such route: \(request.method) \(String(request.path.prefix(200)))")
            }
        } catch {
            return .error(HTTPResponseStatus(statusCode: error.status), error.message)
        }
    }

    func collections(_ request: HTTPRequest, route: String, qdrant: QdrantAPI, start: ContinuousClock.Instant) throws(APIError) -> HTTPReply {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true)
        let name = parts.count > 1 ? String(parts[1]) : ""
        let readOnly = { QdrantAPI.failure(403, "the collection \(configuration.collection) is read-only: Lectern serves the index that `lectern build` wrote") }
        switch (request.method, route) {
        case (.GET, "/collections/{name}/exists"): return qdrant.exists(name, since: start)
        case (_, _) where name != configuration.collection:
            return request.method == .GET || request.method == .POST
                ? QdrantAPI.failure(404, "Not found: Collection `\(String(name.prefix(200)))` doesn't exist!") : readOnly()
        case (.GET, "/collections/{name}"): return qdrant.info(since: start)
        case (.POST, "/collections/{name}/points/search"): return try qdrant.search(request, query: false, since: start)
        case (.POST, "/collections/{name}/points/query"): return try qdrant.search(request, query: true, since: start)
        default: return readOnly()
        }
    }

    func health() -> HTTPReply {
        let reader = service.index.reader
        var out = "{\"status\":\"ok\",\"chunks\":\(reader.count),\"dimension\":\(reader.dimension),\"model\":"
        JSONWriting.string(reader.modelID, to: &out)
        out += ",\"index_build_time\":\(reader.buildTime),\"reloads\":\(service.index.reloads),\"last_reload_error\":"
        if let error = service.index.lastError { JSONWriting.string(error, to: &out) } else { out += "null" }
        return .json(.ok, out + "}")
    }

    /// `Authorization: Bearer <token>`, or Qdrant clients' `api-key: <token>`; compared in
    /// time independent of where the first difference is.
    static func authorized(_ request: HTTPRequest, token: String) -> Bool {
        func same(_ a: String, _ b: String) -> Bool {
            let x = Array(a.utf8), y = Array(b.utf8)
            var difference = x.count ^ y.count
            for i in 0..<min(x.count, y.count) { difference |= Int(x[i] ^ y[i]) }
            return difference == 0
        }
        if let header = request.headers["authorization"], header.hasPrefix("Bearer ") {
            return same(String(header.dropFirst("Bearer ".count)), token)
        }
        if let key = request.headers["api-key"] { return same(key, token) }
        return false
    }
}
