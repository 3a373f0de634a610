/// Something in the content that could not be used: a file that would not read, a record that
/// would not parse, a key nobody knows. It is the module's one error type, and a read collects
/// these instead of stopping, so one bad file never hides the rest of a course.
public struct ContentProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Relative to the content root; inside an archive, the archive's path and then the entry's
    /// (`courses/git-basics.zip/lessons/intro.json`).
    public var path: String
    /// 1-based line in `path`, when known.
    public var line: Int?
    /// The record inside the file (a JSON document's `name`, an archive entry), when known.
    public var record: String?
    public var reason: String

    public init(path: String, line: Int? = nil, record: String? = nil, reason: String) {
        self.path = path
        self.line = line
        self.record = record
        self.reason = reason
    }

    /// `path:line: reason`, or `path (record): reason`: the shape editors and terminals link.
    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let record { place += " (\(record))" }
        return "\(place): \(reason)"
    }
}
