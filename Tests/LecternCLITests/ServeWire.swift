import Foundation
import Testing

// MARK: - raw HTTP/1.1 over a socket

/// A connection that reads responses one at a time (this server always sends Content-Length),
/// and tells a closed connection from one that has gone quiet, so a hang shows as a failure.
final class Wire {
    let connection: Connection
    private var pending = Data()

    enum Read {
        case response(ServeFixture.Response)
        case closed(Data)
        case timedOut(Data)
    }

    init(port: Int, timeout seconds: Int = 6) throws {
        connection = try Connection(port: port)
        var limit = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(connection.socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    static func head(_ method: String, _ path: String, length: Int? = nil, headers: [String] = [], close: Bool = true) -> Data {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if let length { text += "Content-Length: \(length)\r\nContent-Type: application/json\r\n" }
        if close { text += "Connection: close\r\n" }
        for header in headers { text += header + "\r\n" }
        return Data((text + "\r\n").utf8)
    }

    static func request(_ method: String, _ path: String, body: Data = Data(), close: Bool = true) -> Data {
        head(method, path, length: method == "GET" && body.isEmpty ? nil : body.count, close: close) + body
    }

    func send(_ data: Data) -> Bool { (try? connection.send(data)) != nil }

    func exchange(_ bytes: Data) -> Read {
        guard send(bytes) else { return .closed(Data()) }
        return next()
    }

    /// Sends, then every response until the server closes (or goes quiet).
    func exchangeUntilClosed(_ bytes: Data) -> [Read] {
        _ = send(bytes)  // the server may close before taking it all; what it answered still counts
        var reads: [Read] = []
        while reads.count < 50 {
            let read = next()
            reads.append(read)
            if case .response = read { continue }
            break
        }
        return reads
    }

    /// Sends on another thread while reading here, as a careful client does: a server that answers
    /// and closes before the body is all sent must still be heard.
    func sendWhileReading(_ bytes: Data) -> (statuses: [Int], closed: Bool) {
        let socket = connection.socket
        let sender = DispatchSemaphore(value: 0)
        Thread { Self.sendAll(socket, bytes); sender.signal() }.start()
        var statuses: [Int] = []
        var closed = false
        reading: while statuses.count < 5 {
            switch next() {
            case .response(let r): statuses.append(r.status)
            case .closed: closed = true; break reading
            case .timedOut: break reading
            }
        }
        shutdown(socket, Int32(SHUT_RDWR))  // unblocks the sender if the server stopped reading
        sender.wait()
        return (statuses, closed)
    }

    /// Writes all of `data` or stops at the first error (the peer closed or reset).
    static func sendAll(_ socket: Int32, _ data: Data) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.send(socket, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                guard n > 0 else { return }
                offset += n
            }
        }
    }

    func next() -> Read {
        while true {
            if let split = pending.range(of: Data("\r\n\r\n".utf8)) {
                let lines = String(decoding: pending[pending.startIndex..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                let words = lines[0].split(separator: " ")
                var headers: [String: String] = [:]
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                if pending.endIndex - split.upperBound >= length {
                    let body = Data(pending[split.upperBound..<split.upperBound + length])
                    pending = Data(pending[(split.upperBound + length)...])
                    let status = words.count > 1 && words[0].hasPrefix("HTTP/1.") ? Int(words[1]) ?? 0 : 0
                    return .response(ServeFixture.Response(status: status, headers: headers, body: body))
                }
            }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let n = recv(connection.socket, &buffer, buffer.count, 0)
            if n > 0 { pending.append(contentsOf: buffer[0..<n]); continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .timedOut(pending) }
            return .closed(pending)  // orderly close, or reset
        }
    }
}

/// A value the test's threads share.
final class Shared<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
    @discardableResult
    func update<R>(_ change: (inout T) -> R) -> R { lock.withLock { change(&stored) } }
}

/// Runs `body(i)` on `count` threads of their own (blocking sockets need real threads, not the
/// cooperative pool, which has one per core) and waits for them all.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchSemaphore(value: 0)
    for i in 0..<count { Thread { body(i); done.signal() }.start() }
    for _ in 0..<count { done.wait() }
}
