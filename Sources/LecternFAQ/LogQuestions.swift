import LecternRedaction
import LecternStore

/// The learners' questions of the imported chat logs: user messages of sessions that name a
/// course and a lesson, chatter dropped, personal data redacted. A message whose session is
/// missing or names no course/lesson is reported by name and skipped; the rest goes on.
public enum LogQuestions {
    public struct Result: Sendable {
        public var questions: [Question] = []
        public var userMessages = 0
        public var chatter = 0
        public var problems: [String] = []
    }

    public static func read(_ reader: LogReader, course: String? = nil, lesson: String? = nil) throws(StoreError) -> Result {
        var sessions: [String: LogReader.ChatSession] = [:]
        for session in try reader.chatSessions() { sessions[session.name] = session }
        var result = Result()
        for message in try reader.chatMessages() where message.role == "user" {
            guard let name = message.session, let session = sessions[name] else {
                result.problems.append("AI Chat Message \(message.name): session \(message.session ?? "(none)") not imported; skipped")
                continue
            }
            guard let c = session.course, !c.isEmpty, let l = session.lesson, !l.isEmpty else {
                result.problems.append("AI Chat Message \(message.name): session \(name) names no course or lesson; skipped")
                continue
            }
            if let course, course != c { continue }
            if let lesson, lesson != l { continue }
            result.userMessages += 1
            guard let text = message.content, let asked = QuestionFilter.question(in: Redactor.redact(text)) else {
                result.chatter += 1
                continue
            }
            result.questions.append(Question(course: c, lesson: l, user: session.user, time: message.creation ?? session.startedAt,
                                             text: asked))
        }
        return result
    }
}
