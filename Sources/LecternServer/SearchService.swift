import LecternEmbedding
import LecternIndex

/// What the API asks of Lectern: embeddings of texts, and searches of the served index.
public final class SearchService: Sendable {
    public let index: IndexHolder
    public let embedder: Embedder

    public init(index: IndexHolder, embedder: Embedder) throws(ServerError) {
        guard embedder.dimension == index.reader.dimension else {
            throw ServerError("the index holds \(index.reader.dimension)-d vectors of \(index.reader.modelID), the model gives \(embedder.dimension)")
        }
        self.index = index
        self.embedder = embedder
    }

    /// One thread per call: the server's workers run requests side by side.
    public func embed(_ texts: [String]) -> Embeddings {
        embedder.embed(texts, batchSize: 32, threads: 1)
    }

    /// A search with a vector the client made (Qdrant's API).
    public func search(vector: [Float], course: String?, lesson: String?, k: Int) -> (IndexReader, [SearchHit]) {
        let reader = index.reader
        return (reader, reader.search(SearchQuery(vector: vector, text: nil, course: course, lesson: lesson, k: k, mode: .dense)))
    }
}

public struct ServerError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A request the API refuses, with the status to answer.
struct APIError: Error {
    let status: Int
    let message: String
    init(_ status: Int, _ message: String) { self.status = status; self.message = message }
}
