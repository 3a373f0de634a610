/// Every failure of the index module: one line for the user that names the file and the problem.
public struct IndexError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    static func file(_ path: String, _ problem: String) -> IndexError {
        IndexError("\(path): \(problem)")
    }
}
