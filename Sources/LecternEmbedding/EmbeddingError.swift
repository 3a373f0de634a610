/// Every failure the embedding module reports: a one-line message for the user that names the
/// file and the problem, and says what fixes it when a fix is known.
public struct EmbeddingError: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// A model file that is missing or unusable: `make deps` fetches and verifies the model.
    static func model(_ path: String, _ problem: String) -> EmbeddingError {
        EmbeddingError("\(path): \(problem). Run `make deps` to fetch and verify the model.")
    }
}
