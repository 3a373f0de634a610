import Dispatch
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// `lectern-query serve`: the HTTP server. One event loop reads and writes; `workers` threads
/// embed and search. SIGTERM or SIGINT stops it gracefully: no new connections, the requests in
/// progress are answered, then it exits.
public final class HTTPServer: Sendable {
    let configuration: ServerConfiguration
    let service: SearchService
    let metrics = Metrics()

    public init(configuration: ServerConfiguration, service: SearchService) {
        self.configuration = configuration
        self.service = service
    }

    /// Binds, then calls `ready` with the bound port, and serves until stopped.
    public func run(ready: (Int) -> Void) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let pool = NIOThreadPool(numberOfThreads: configuration.workers)
        pool.start()
        let inFlight = InFlight(limit: configuration.maxInFlight)
        let draining = NIOLockedValueBox(false)
        let router = Router(service: service, metrics: metrics, configuration: configuration, pool: pool)
        let configuration = self.configuration
        let metrics = self.metrics
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(
                        router: router, inFlight: inFlight, metrics: metrics, configuration: configuration, draining: draining))
                }
            }
        let channel: Channel
        do {
            channel = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
        } catch {
            try? pool.syncShutdownGracefully()
            try? group.syncShutdownGracefully()
            throw ServerError("cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
        let holder = service.index
        let reload = group.next().scheduleRepeatedTask(initialDelay: .milliseconds(configuration.reloadIntervalMilliseconds),
                                                       delay: .milliseconds(configuration.reloadIntervalMilliseconds)) { _ in
            pool.submit { _ in holder.reloadIfReplaced() }
        }
        let signals = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                draining.withLockedValue { $0 = true }
                channel.close(promise: nil)
            }
            source.resume()
            return source
        }
        ready(channel.localAddress?.port ?? configuration.port)
        try channel.closeFuture.wait()
        // Stopping: answer what is in progress (for at most the read timeout), then exit.
        var waited = 0
        while inFlight.current > 0 && waited < Int(configuration.readTimeoutSeconds) * 100 {
            usleep(10_000)
            waited += 1
        }
        reload.cancel()
        signals.forEach { $0.cancel() }
        try? pool.syncShutdownGracefully()
        try? group.syncShutdownGracefully()
    }
}
