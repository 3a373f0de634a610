import Foundation
import LecternChunking
import LecternContent
import LecternStore

/// What became of one source in this run.
public struct FetchedSource: Sendable {
    public enum Status: String, Sendable {
        case new = "New", fetched = "Fetched", indexed = "Indexed", error = "Error"
    }

    public var entry: SourceEntry
    public var status: Status
    /// The document when there is one to index (fetched now, or the cached copy).
    public var document: SourceDocument?
    /// The bytes it was read from, for the guardrail scan of comments and hidden text.
    public var bytes: [UInt8]?
    /// Where the document really is (after redirects; a file source's path under the root).
    public var location: String
    public var mimeType: String?
    public var fetchedAt: Double?
    /// Error text for `.error`; a note otherwise.
    public var message: String?
    /// True when nothing was downloaded: a 304, or `--offline` from the cache.
    public var fromCache = false
}

/// Resolves and fetches the sources of a list: `http`/`https` through `HTTPFetcher` with the
/// cache in `state.sqlite`, `file:` and relative paths through the content root.
public struct SourceFetcher {
    public var contentRoot: String
    public var limits: FetchLimits
    /// Use only what is cached; nothing goes over the network.
    public var offline: Bool
    let state: StateStore
    var now: () -> Double = { Date().timeIntervalSince1970 }

    public init(contentRoot: String, state: StateStore, limits: FetchLimits = FetchLimits(), offline: Bool = false) {
        self.contentRoot = contentRoot
        self.state = state
        self.limits = limits
        self.offline = offline
    }

    public func fetch(_ entry: SourceEntry) -> FetchedSource {
        var result = FetchedSource(entry: entry, status: .new, location: entry.url)
        guard entry.allowed else {
            result.message = "not allowed (allowed: false); skipped and kept out of the index"
            return result
        }
        let lowered = entry.url.lowercased()
        do throws(FetchError) {
            if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
                try fetchHTTP(entry, into: &result)
            } else if lowered.hasPrefix("file:") || !lowered.contains(":") {
                try readFile(entry, into: &result)
            } else {
                throw FetchError("unsupported URL scheme (http, https, file: or a path inside the content root)")
            }
        } catch {
            result.status = .error
            result.message = error.message
            result.document = nil
        }
        return result
    }

    private func fetchHTTP(_ entry: SourceEntry, into result: inout FetchedSource) throws(FetchError) {
        let cached: CachedSource?
        do { cached = try state.cachedSource(url: entry.url) } catch { throw FetchError("the source cache cannot be read: \(error)") }
        if offline {
            guard let cached else {
                result.message = "not fetched yet: --offline and nothing cached"
                return
            }
            try use(cached, into: &result)
            result.message = "offline: the copy fetched \(Self.time(cached.fetchedAt)) was used"
            return
        }
        let validators = cached.map { Validators(url: $0.finalURL, etag: $0.etag, lastModified: $0.lastModified) }
        let time = now()
        switch try HTTPFetcher(limits: limits).fetch(entry.url, validators: validators) {
        case .notModified:
            guard let cached else { throw FetchError("answered 304 Not Modified to a request that had no validators") }
            try? state.markSourceChecked(url: entry.url, at: time)
            try use(cached, into: &result)
        case .fetched(let body):
            let document = try SourceDocument.read(body.bytes, declared: body.mimeType, name: body.finalURL)
            let fresh = CachedSource(url: entry.url, finalURL: body.finalURL, etag: body.etag, lastModified: body.lastModified,
                                     mimeType: document.mimeType, body: body.bytes, bodySHA256: SHA256.hex(bytes: body.bytes),
                                     fetchedAt: time, checkedAt: time)
            // Only a body that could be read replaces the cached one, so a broken deploy on the
            // server does not cost the copy `--offline` and the index were built from.
            do { try state.storeCachedSource(fresh) } catch { throw FetchError("the source cache cannot be written: \(error)") }
            result.status = .fetched
            result.document = document
            result.bytes = body.bytes
            result.location = body.finalURL
            result.mimeType = document.mimeType
            result.fetchedAt = time
        }
    }

    private func use(_ cached: CachedSource, into result: inout FetchedSource) throws(FetchError) {
        let document = try SourceDocument.read(cached.body, declared: cached.mimeType, name: cached.finalURL)
        result.status = .fetched
        result.document = document
        result.bytes = cached.body
        result.location = cached.finalURL
        result.mimeType = document.mimeType
        result.fetchedAt = cached.fetchedAt
        result.fromCache = true
    }

    private func readFile(_ entry: SourceEntry, into result: inout FetchedSource) throws(FetchError) {
        var path = entry.url
        if path.lowercased().hasPrefix("file://") {
            path = String(path.dropFirst("file://".count))
        } else if path.lowercased().hasPrefix("file:") {
            path = String(path.dropFirst("file:".count))
        }
        path = path.removingPercentEncoding ?? path
        let bytes: [UInt8]
        do {
            bytes = try ContentFiles.bytes(of: path, root: contentRoot)
        } catch {
            throw FetchError(error.reason)
        }
        let document = try SourceDocument.read(bytes, declared: nil, name: path)
        result.status = .fetched
        result.document = document
        result.bytes = bytes
        result.location = path
        result.mimeType = document.mimeType
        result.fetchedAt = now()
    }

    static func time(_ seconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
    }
}

extension SHA256 {
    /// Lower-case hex digest of raw bytes (a fetched body).
    static func hex(bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
