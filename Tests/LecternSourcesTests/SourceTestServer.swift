import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A local HTTP server on 127.0.0.1 with one route per way a source can behave: good pages with
/// validators, redirects and a loop, errors, a slow answer, an oversized body, a wrong type,
/// gzip, a PDF. It counts what it served so tests can tell a 304 from a download.
final class SourceTestServer: @unchecked Sendable {
    struct Route: Sendable {
        var status: HTTPResponseStatus = .ok
        var contentType: String?
        var body: [UInt8] = []
        var headers: [(String, String)] = []
        /// Seconds before the answer starts.
        var delay: Double = 0
        /// Sent in pieces of this size without a Content-Length (chunked), when set.
        var chunked: Int?
        /// Answer 304 when the request's If-None-Match is this ETag (or, without one, its
        /// If-Modified-Since is this Last-Modified).
        var etag: String?
        var lastModified: String?
        /// Gzip the body when the client accepts it.
        var gzip = false
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?
    private let lock = NIOLock()
    private var routes: [String: Route] = [:]
    private var served: [String: Int] = [:]
    private var notModified: [String: Int] = [:]
    private var acceptedGzip: [String: Bool] = [:]
    private(set) var port = 0

    var base: String { "http://127.0.0.1:\(port)" }

    init() throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(server: self))
                }
            }
        let channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    func stop() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    func set(_ path: String, _ route: Route) { lock.withLock { routes[path] = route } }
    /// Full answers (2xx with a body, errors, redirects) given for `path`.
    func servedCount(_ path: String) -> Int { lock.withLock { served[path] ?? 0 } }
    func notModifiedCount(_ path: String) -> Int { lock.withLock { notModified[path] ?? 0 } }
    func clientAcceptedGzip(_ path: String) -> Bool { lock.withLock { acceptedGzip[path] ?? false } }
    var totalServed: Int { lock.withLock { served.values.reduce(0, +) } }

    fileprivate func answer(_ head: HTTPRequestHead) -> (Route, Bool) {
        lock.withLock {
            let path = String(head.uri.split(separator: "?").first ?? "")
            guard var route = routes[path] else { return (Route(status: .notFound, contentType: "text/plain", body: Array("no route".utf8)), false) }
            let gzipAccepted = head.headers["accept-encoding"].joined(separator: ",").contains("gzip")
            acceptedGzip[path] = gzipAccepted
            let unchangedTag = route.etag.map { head.headers["if-none-match"].contains($0) } ?? false
            let unchangedTime = route.lastModified.map { head.headers["if-modified-since"].contains($0) } ?? false
            if unchangedTag || (route.etag == nil && unchangedTime) {
                notModified[path, default: 0] += 1
                route.status = .notModified
                route.body = []
                return (route, false)
            }
            served[path, default: 0] += 1
            return (route, route.gzip && gzipAccepted)
        }
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let server: SourceTestServer
        init(server: SourceTestServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .head(let head) = unwrapInboundIn(data) else { return }
            let (route, gzip) = server.answer(head)
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            if route.delay > 0 {
                context.eventLoop.scheduleTask(in: .milliseconds(Int64(route.delay * 1000))) { [self] in
                    self.respond(loopBound.value, route, gzip: gzip)
                }
            } else {
                respond(context, route, gzip: gzip)
            }
        }

        private func respond(_ context: ChannelHandlerContext, _ route: Route, gzip: Bool) {
            var headers = HTTPHeaders()
            if let type = route.contentType { headers.add(name: "Content-Type", value: type) }
            if let etag = route.etag { headers.add(name: "ETag", value: etag) }
            if let modified = route.lastModified { headers.add(name: "Last-Modified", value: modified) }
            for (name, value) in route.headers { headers.add(name: name, value: value) }
            let body = gzip ? Gzip.compress(route.body) : route.body
            if gzip { headers.add(name: "Content-Encoding", value: "gzip") }
            if route.chunked != nil {
                headers.add(name: "Transfer-Encoding", value: "chunked")
            } else {
                headers.add(name: "Content-Length", value: String(body.count))
            }
            headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: route.status, headers: headers))), promise: nil)
            let piece = route.chunked ?? max(body.count, 1)
            var start = 0
            while start < body.count {
                let end = min(body.count, start + piece)
                var buffer = context.channel.allocator.buffer(capacity: end - start)
                buffer.writeBytes(body[start..<end])
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                start = end
            }
            let closing = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in closing.value.close(promise: nil) }
        }
    }
}
