/// Everything a read produced: the lessons that could be read, in course order, and the problems
/// met on the way. Problems never remove lessons they do not concern.
public struct ContentReadResult: Sendable, Equatable {
    /// Courses by slug, then chapters and lessons in LMS order; an instructor lesson follows the
    /// lesson it belongs to.
    public var lessons: [Lesson]
    public var problems: [ContentProblem]

    public init(lessons: [Lesson] = [], problems: [ContentProblem] = []) {
        self.lessons = lessons
        self.problems = problems
    }

    mutating func append(_ other: ContentReadResult) {
        lessons += other.lessons
        problems += other.problems
    }
}
