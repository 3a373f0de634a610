import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// Counts the requests being worked on, so the server answers 503 instead of queueing without
/// bound, and so a graceful stop knows when the last one is done.
public final class InFlight: Sendable {
    private let count = NIOLockedValueBox(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func enter() -> Bool {
        count.withLockedValue { n in
            guard n < limit else { return false }
            n += 1
            return true
        }
    }

    func leave() { count.withLockedValue { $0 -= 1 } }
    var current: Int { count.withLockedValue { $0 } }
}

/// One connection: reads each request whole (bounded in size and time), has a worker thread
/// answer it, writes the answer. Runs on the connection's event loop only.
final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let router: Router
    let inFlight: InFlight
    let metrics: Metrics
    let configuration: ServerConfiguration
    let draining: NIOLockedValueBox<Bool>

    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// Set once the request is refused mid-way (too large): the rest of it is ignored.
    private var refused = false
    private var deadline: Scheduled<Void>?
    /// A request is with a worker; an error on the connection then waits for its answer.
    private var answering = false
    private var closeWhenAnswered = false

    init(router: Router, inFlight: InFlight, metrics: Metrics, configuration: ServerConfiguration,
         draining: NIOLockedValueBox<Bool>) {
        self.router = router; self.inFlight = inFlight; self.metrics = metrics
        self.configuration = configuration; self.draining = draining
    }

    func channelActive(context: ChannelHandlerContext) {
        armDeadline(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        context.fireChannelInactive()
    }

    /// A request must be complete within the read timeout of the connection opening or of the
    /// previous answer: a client sending a byte a second cannot hold a connection.
    private func armDeadline(context: ChannelHandlerContext) {
        deadline?.cancel()
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: .seconds(configuration.readTimeoutSeconds)) {
            let (handler, context) = bound.value
            handler.deadline = nil
            if handler.head != nil {
                handler.respond(context: context, .error(.requestTimeout, "the request did not arrive within \(handler.configuration.readTimeoutSeconds) s"),
                                route: "timeout", close: true)
            } else {
                context.close(promise: nil)
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
            refused = false
            if let length = requestHead.headers.first(name: "content-length").flatMap(Int.init), length > configuration.maxBodyBytes {
                refuseTooLarge(context: context)
            }
        case .body(let chunk):
            guard !refused else { return }
            guard body.count + chunk.readableBytes <= configuration.maxBodyBytes else { return refuseTooLarge(context: context) }
            body.append(contentsOf: chunk.readableBytesView)
        case .end:
            guard !refused, let requestHead = head else { return }
            deadline?.cancel()
            deadline = nil
            dispatch(context: context, head: requestHead)
        }
    }

    private func refuseTooLarge(context: ChannelHandlerContext) {
        refused = true
        body = []
        respond(context: context, .error(.payloadTooLarge, "the body is larger than \(configuration.maxBodyBytes) bytes"), route: "too-large", close: true)
    }

    private func dispatch(context: ChannelHandlerContext, head requestHead: HTTPRequestHead) {
        var headers: [String: String] = [:]
        for (name, value) in requestHead.headers { headers[name.lowercased()] = value }
        let path = String(requestHead.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        let request = HTTPRequest(method: requestHead.method, path: path, headers: headers, body: body)
        body = []
        let route = router.route(of: request)
        guard inFlight.enter() else {
            respond(context: context, .error(.serviceUnavailable, "too many requests in progress; try again"), route: route, close: false)
            return
        }
        let started = ContinuousClock.now
        answering = true
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        router.handle(request, route: route) { reply in
            eventLoop.execute {
                let (handler, context) = bound.value
                handler.inFlight.leave()
                handler.answering = false
                handler.respond(context: context, reply, route: route, close: handler.closeWhenAnswered, started: started)
            }
        }
    }

    private func respond(context: ChannelHandlerContext, _ reply: HTTPReply, route: String, close: Bool,
                         started: ContinuousClock.Instant = .now) {
        let version = head?.version ?? .http1_1
        let keepAlive = !close && (head?.isKeepAlive ?? false) && !draining.withLockedValue { $0 }
        head = nil
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: reply.contentType)
        headers.add(name: "content-length", value: String(reply.body.count))
        for (name, value) in reply.headers { headers.add(name: name, value: value) }
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: reply.status, headers: headers))), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: reply.body.count)
        buffer.writeBytes(reply.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        let elapsed = ContinuousClock.now - started
        metrics.record(route: route, status: Int(reply.status.code),
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        if keepAlive {
            armDeadline(context: context)
        } else {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }

    /// Bytes after a request that are not HTTP: the request being answered still gets its
    /// answer, then the connection closes (closing at once would reset it unanswered).
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if answering {
            closeWhenAnswered = true
        } else {
            context.close(promise: nil)
        }
    }
}
