import ArgumentParser
import LecternEmbedding
import LecternIndex

#if canImport(Glibc)
import Glibc
#endif

/// `lectern-query`: answers questions from the built index, once on the command line or over
/// HTTP (`serve`). Kept small on purpose: it links only the index, the embedder and the HTTP
/// server (no SQLite, no templates, no Foundation of its own).
@main
struct LecternQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lectern-query",
        abstract: "Find the lesson passages that answer a question, from the index `lectern build` wrote.",
        discussion: "`lectern-query QUESTION` asks once; `lectern-query serve` answers over HTTP.",
        subcommands: [AskCommand.self, ServeCommand.self],
        defaultSubcommand: AskCommand.self)

    static func main() {
        OpenBLASKernel.restartWithKnownCoreIfNeeded()
        main(nil)
    }
}

struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Find the lesson passages that answer a question (the default: `lectern-query QUESTION`).",
        discussion: """
            Prints the best chunks with score, title, heading path, URL and a snippet; --json prints a \
            list of {content, source, score, course, lesson, title, heading_path, url, chunk_id}. \
            Modes: dense (embeddings), lexical (BM25), hybrid (reciprocal-rank fusion of both).
            """)

    @Argument(help: "The question.")
    var question: String

    @Option(help: "The index directory written by `lectern build`, or the index file itself.")
    var index = "output/index"

    @Option(help: "Only chunks of this course.")
    var course: String?

    @Option(help: "Only chunks of this lesson.")
    var lesson: String?

    @Option(name: .customLong("k"), help: "How many chunks to return.")
    var k = 5

    @Option(help: "dense, lexical or hybrid (dense scored best on the FAQ test set; see README).")
    var mode: SearchMode = .dense

    @Flag(help: "Print JSON.")
    var json = false

    @Option(name: .customLong("model"), help: "Model directory (default: $LECTERN_MODEL_DIR or models/all-MiniLM-L6-v2).")
    var modelDirectory: String?

    func validate() throws {
        guard (1...1000).contains(k) else { throw ValidationError("--k must be between 1 and 1000") }
    }

    func run() throws {
        do {
            let reader = try IndexReader(path: IndexPath.resolve(index))
            var query = SearchQuery(vector: nil, text: question, course: course, lesson: lesson, k: k, mode: mode)
            if mode != .lexical {
                // One question: packing the weights for AMX tiles would cost more than it saves.
                let embedder = try Embedder(modelDirectory: modelDirectory, threads: 1, tiles: false)
                guard embedder.dimension == reader.dimension else {
                    throw QueryFailure("the index holds \(reader.dimension)-d vectors of \(reader.modelID), the model gives \(embedder.dimension)")
                }
                query.vector = embedder.embed(question, threads: 1)
            }
            let hits = reader.search(query)
            print(json ? ResultPrinter.json(hits, reader: reader) : ResultPrinter.text(hits, reader: reader), terminator: "")
        } catch let error as IndexError {
            fail(error.message)
        } catch let error as EmbeddingError {
            fail(error.message)
        } catch let error as QueryFailure {
            fail(error.message)
        }
    }

}

/// One line on standard error, exit status 2.
func fail(_ message: String) -> Never {
    var line = "lectern-query: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    Glibc.exit(2)
}

extension SearchMode: ExpressibleByArgument {}

struct QueryFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

enum IndexPath {
    static let fileName = "lectern.index"

    /// A directory means the index file inside it.
    static func resolve(_ path: String) -> String {
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            return path + "/" + fileName
        }
        return path
    }
}
