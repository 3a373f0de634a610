import Foundation
import LecternEmbedding

/// Where the tests find the model and the shared reference data, and what they do when either is
/// missing: fail with a clear message in CI (`CI=true`), skip elsewhere.
enum Fixtures {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let sharedDirectory: String =
        ProcessInfo.processInfo.environment["LECTERN_SHARED_DIR"] ?? repositoryRoot + "/../shared"

    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static let modelDirectory: String? = {
        if let explicit = ProcessInfo.processInfo.environment["LECTERN_MODEL_DIR"] { return explicit }
        return repositoryRoot + "/models/all-MiniLM-L6-v2"
    }()

    static var modelAvailable: Bool {
        (try? ModelLocation.resolve(modelDirectory)) != nil
    }

    static var referenceAvailable: Bool {
        FileManager.default.fileExists(atPath: sharedDirectory + "/reference/minilm/embeddings.jsonl")
    }

    /// Run model tests when the model is there, and in CI always (where they then fail loudly).
    static var runModelTests: Bool { modelAvailable || inCI }

    static let missingModelMessage =
        "the all-MiniLM-L6-v2 model is missing (looked in \(modelDirectory ?? "models/all-MiniLM-L6-v2")); run `make deps`"

    static let sharedEmbedder: Result<Embedder, EmbeddingError> = {
        Result { () throws(EmbeddingError) in try Embedder(modelDirectory: modelDirectory, threads: 2) }
    }()

    static func embedder() throws -> Embedder {
        switch sharedEmbedder {
        case .success(let embedder): return embedder
        case .failure(let error): throw FixtureError("\(missingModelMessage): \(error.message)")
        }
    }

    static func tokenizer() throws -> WordPieceTokenizer {
        do {
            return try WordPieceTokenizer(vocabularyPath: try ModelLocation.resolve(modelDirectory) + "/vocab.txt")
        } catch {
            throw FixtureError("\(missingModelMessage): \(error.message)")
        }
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "lectern-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
