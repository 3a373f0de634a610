import CCurl
import Foundation

/// Limits of one fetch. Defaults suit documentation pages and course PDFs; tests shrink them.
public struct FetchLimits: Sendable {
    public var connectTimeout: Double
    /// For the whole fetch, redirects included.
    public var totalTimeout: Double
    /// Of the decoded body: a gzip bomb is stopped at this size too.
    public var maxBytes: Int
    public var maxRedirects: Int

    public init(connectTimeout: Double = 10, totalTimeout: Double = 60, maxBytes: Int = 20 << 20, maxRedirects: Int = 5) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBytes = maxBytes
        self.maxRedirects = maxRedirects
    }
}

/// What a server said last time, sent back so an unchanged page costs a 304 and no body.
public struct Validators: Sendable, Equatable {
    public var url: String
    public var etag: String?
    public var lastModified: String?

    public init(url: String, etag: String?, lastModified: String?) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

public struct FetchedBody: Sendable {
    /// After redirects.
    public var finalURL: String
    /// `Content-Type` without parameters, lower-cased; nil when the server sent none.
    public var mimeType: String?
    public var bytes: [UInt8]
    public var etag: String?
    public var lastModified: String?
}

public enum FetchOutcome: Sendable {
    case fetched(FetchedBody)
    /// The server confirmed the cached copy (304) at this final URL.
    case notModified(finalURL: String)
}

public struct FetchError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// `http`/`https` through libcurl. Redirects are followed here, not by curl, so that a loop is
/// named as one and every hop stays on http or https.
public struct HTTPFetcher: Sendable {
    public let limits: FetchLimits

    public init(limits: FetchLimits = FetchLimits()) {
        self.limits = limits
        _ = curlInitialized
    }

    public func fetch(_ url: String, validators: Validators? = nil) throws(FetchError) -> FetchOutcome {
        let deadline = Date().addingTimeInterval(limits.totalTimeout)
        var visited: [String] = []
        var current = url
        while true {
            if visited.contains(current) {
                throw FetchError("redirect loop: \((visited + [current]).joined(separator: " → "))")
            }
            if visited.count > limits.maxRedirects {
                throw FetchError("more than \(limits.maxRedirects) redirects (last to \(current))")
            }
            visited.append(current)
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw FetchError("timed out: no answer within the \(Self.seconds(limits.totalTimeout)) total timeout") }
            let conditional = validators.flatMap { $0.url == current ? $0 : nil }
            let response = try perform(current, validators: conditional, timeout: remaining)
            switch response.status {
            case 301, 302, 303, 307, 308:
                guard let next = response.redirectTarget else {
                    throw FetchError("HTTP \(response.status) without a Location header")
                }
                guard next.lowercased().hasPrefix("http://") || next.lowercased().hasPrefix("https://") else {
                    throw FetchError("redirected to \(next): only http and https are followed")
                }
                current = next
            case 304 where conditional != nil:
                return .notModified(finalURL: current)
            case 200..<300:
                return .fetched(FetchedBody(finalURL: current, mimeType: response.header("content-type").map(Self.mimeType),
                                            bytes: response.body, etag: response.header("etag"),
                                            lastModified: response.header("last-modified")))
            default:
                let reason = response.reason.isEmpty ? "" : " \(response.reason)"
                throw FetchError("HTTP \(response.status)\(reason) from \(current)")
            }
        }
    }

    /// "text/html; charset=utf-8" → "text/html".
    static func mimeType(_ header: String) -> String {
        String(header.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    private func perform(_ url: String, validators: Validators?, timeout: Double) throws(FetchError) -> RawResponse {
        guard let handle = curl_easy_init() else { throw FetchError("libcurl could not start a transfer") }
        defer { curl_easy_cleanup(handle) }
        let sink = ResponseSink(maxBytes: limits.maxBytes)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headers: UnsafeMutablePointer<curl_slist>?
        if let etag = validators?.etag { headers = curl_slist_append(headers, "If-None-Match: \(etag)") }
        if let modified = validators?.lastModified { headers = curl_slist_append(headers, "If-Modified-Since: \(modified)") }
        defer { curl_slist_free_all(headers) }

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = lectern_curl_set_string(handle, CURLOPT_URL, url)
            _ = lectern_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
            _ = lectern_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
            _ = lectern_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
            _ = lectern_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(limits.connectTimeout * 1000))
            _ = lectern_curl_set_long(handle, CURLOPT_TIMEOUT_MS, max(1, Int(timeout * 1000)))
            _ = lectern_curl_set_size(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBytes))
            // "" asks for every encoding this libcurl decodes (gzip, deflate, …); the sink sees decoded bytes.
            _ = lectern_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "")
            _ = lectern_curl_set_string(handle, CURLOPT_USERAGENT, "Lectern/1 (offline course index builder)")
            _ = lectern_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            _ = lectern_curl_set_pointer(handle, CURLOPT_HTTPHEADER, headers)
            _ = lectern_curl_set_sink(handle, CURLOPT_WRITEFUNCTION, bodySink)
            _ = lectern_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
            _ = lectern_curl_set_sink(handle, CURLOPT_HEADERFUNCTION, headerSink)
            _ = lectern_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)
            return curl_easy_perform(handle)
        }
        let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        guard code == CURLE_OK else {
            throw FetchError(describe(code, detail: detail, sink: sink))
        }
        var status = 0
        _ = lectern_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var redirect: UnsafeMutablePointer<CChar>?
        _ = lectern_curl_get_string(handle, CURLINFO_REDIRECT_URL, &redirect)
        return RawResponse(status: status, reason: sink.reason, headers: sink.headers, body: sink.body,
                           redirectTarget: redirect.map { String(cString: $0) })
    }

    private func describe(_ code: CURLcode, detail: String, sink: ResponseSink) -> String {
        let suffix = detail.isEmpty ? "" : " (\(detail))"
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            if sink.headers.isEmpty && sink.status == nil && detail.lowercased().contains("connect") {
                return "timed out connecting (connect timeout \(Self.seconds(limits.connectTimeout)))\(suffix)"
            }
            return "timed out after \(Self.seconds(limits.totalTimeout)) (total timeout), \(sink.body.count) bytes received"
        case CURLE_FILESIZE_EXCEEDED:
            return "larger than the size cap of \(limits.maxBytes) bytes\(suffix)"
        case CURLE_WRITE_ERROR where sink.overCap:
            return "larger than the size cap of \(limits.maxBytes) bytes (stopped after \(sink.received) bytes)"
        case CURLE_COULDNT_CONNECT:
            return "cannot connect\(suffix)"
        case CURLE_COULDNT_RESOLVE_HOST:
            return "cannot resolve the host\(suffix)"
        case CURLE_BAD_CONTENT_ENCODING:
            return "the body's content encoding cannot be decoded\(suffix)"
        case CURLE_UNSUPPORTED_PROTOCOL:
            return "unsupported protocol: only http and https are fetched\(suffix)"
        default:
            return String(cString: curl_easy_strerror(code)) + suffix
        }
    }
}

private let curlInitialized: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

private struct RawResponse {
    var status: Int
    var reason: String
    var headers: [(String, String)]
    var body: [UInt8]
    var redirectTarget: String?

    func header(_ name: String) -> String? {
        headers.last { $0.0 == name }?.1
    }
}

/// Collects one response's header lines and body as curl hands them over.
private final class ResponseSink {
    let maxBytes: Int
    var body: [UInt8] = []
    var received = 0
    var overCap = false
    var status: Int?
    var reason = ""
    var headers: [(String, String)] = []

    init(maxBytes: Int) { self.maxBytes = maxBytes }

    func header(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            // A new status line (after a 100 Continue) starts a new set of headers.
            let parts = trimmed.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) : nil
            reason = parts.count > 2 ? String(parts[2]) : ""
            headers = []
        } else if let colon = trimmed.firstIndex(of: ":") {
            headers.append((trimmed[..<colon].lowercased(), trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
    }
}

private let bodySink: lectern_curl_sink = { data, size, count, context in
    let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    sink.received += length
    // A server that sends no Content-Length (or lies) is stopped here; returning less than
    // `length` makes curl abort with a write error.
    guard sink.body.count + length <= sink.maxBytes else {
        sink.overCap = true
        return 0
    }
    if let data { sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length)) }
    return length
}

private let headerSink: lectern_curl_sink = { data, size, count, context in
    let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    if let data {
        sink.header(String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self))
    }
    return length
}
