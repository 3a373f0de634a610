/// One learner message that reached the FAQ: already filtered (a question, not chatter) and
/// redacted. `time` is UTC Unix seconds; nil when the export did not record it.
public struct Question: Sendable, Equatable {
    public var course: String
    public var lesson: String
    public var user: String?
    public var time: Double?
    public var text: String

    public init(course: String, lesson: String, user: String?, time: Double?, text: String) {
        self.course = course
        self.lesson = lesson
        self.user = user
        self.time = time
        self.text = text
    }
}
