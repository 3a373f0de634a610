import ArgumentParser
import LecternEmbedding
import LecternIndex
import LecternServer
#if canImport(Glibc)
import Glibc
#endif

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer retrieval and embedding requests over HTTP.",
        discussion: """
            Routes: POST /v1/rag/search, POST /v1/embeddings (OpenAI-compatible), a read-only Qdrant-compatible \
            collection (GET /collections, GET /collections/NAME, POST /collections/NAME/points/search and \
            /points/query), GET /health, GET /metrics. The index file is reloaded when a build replaces it. \
            Listens on 127.0.0.1 unless --host says otherwise. With --token (or LECTERN_TOKEN), every request but \
            /health needs "Authorization: Bearer TOKEN". SIGTERM stops it after the requests in progress.
            """)

    @Option(help: "The index directory written by `lectern build`, or the index file itself.")
    var index = "output/index"

    @Option(help: "The address to listen on (0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one and prints it).")
    var port = 8700

    @Option(help: "A token clients must send (default: $LECTERN_TOKEN).")
    var token: String?

    @Option(help: "The name of the Qdrant collection.")
    var collection = "lesson_chunks"

    @Option(name: .customLong("max-top-k"), help: "The most results one request may ask for.")
    var maxTopK = 100

    @Option(name: .customLong("max-body"), help: "The largest request body in bytes (413 above).")
    var maxBody = 1 << 20

    @Option(name: .customLong("read-timeout"), help: "Seconds a client has to send a whole request.")
    var readTimeout = 10

    @Option(help: "Threads that embed and search (default: the number of cores).")
    var workers: Int?

    @Option(name: .customLong("model"), help: "Model directory (default: $LECTERN_MODEL_DIR or models/all-MiniLM-L6-v2).")
    var modelDirectory: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...10_000).contains(maxTopK) else { throw ValidationError("--max-top-k must be between 1 and 10000") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024") }
        guard (1...3600).contains(readTimeout) else { throw ValidationError("--read-timeout must be between 1 and 3600 seconds") }
    }

    func run() throws {
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        var configuration = ServerConfiguration(indexPath: IndexPath.resolve(index), workers: workers ?? max(1, cores))
        configuration.host = host
        configuration.port = port
        configuration.collection = collection
        configuration.maxTopK = maxTopK
        configuration.maxBodyBytes = maxBody
        configuration.readTimeoutSeconds = Int64(readTimeout)
        configuration.modelDirectory = modelDirectory
        let environmentToken = getenv("LECTERN_TOKEN").map { String(cString: $0) }
        configuration.token = (token ?? environmentToken).flatMap { $0.isEmpty ? nil : $0 }
        do {
            let holder = try IndexHolder(path: configuration.indexPath)
            let service = try SearchService(index: holder, embedder: try Embedder(modelDirectory: modelDirectory, threads: 1))
            try HTTPServer(configuration: configuration, service: service).run { port in
                var line = "lectern-query: serving \(holder.reader.count) chunks of \(configuration.indexPath) on http://\(configuration.host):\(port)\n"
                line.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
            }
        } catch let error as IndexError {
            fail(error.message)
        } catch let error as EmbeddingError {
            fail(error.message)
        } catch let error as ServerError {
            fail(error.message)
        }
    }
}
