import Foundation
import LecternEmbedding
import LecternFAQ
import LecternRedaction

/// Where the tests find the model (as the embedding tests do): skip without it, except in CI.
enum FAQFixtures {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let modelDirectory = ProcessInfo.processInfo.environment["LECTERN_MODEL_DIR"] ?? repositoryRoot + "/models/all-MiniLM-L6-v2"
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static var runModelTests: Bool { (try? ModelLocation.resolve(modelDirectory)) != nil || inCI }

    static let sharedEmbedder = Result { () throws(EmbeddingError) in try Embedder(modelDirectory: modelDirectory, threads: 2) }

    static func embedder() throws -> Embedder { try sharedEmbedder.get() }

    /// One labelled asking: the question as the builder gets it and the intent it was written for.
    struct Asking { let question: Question; let label: String }

    /// Every phrasing asked `count` times, by learners in turn, one minute apart; chatter in
    /// between. Raw messages go through the filter and the redactor as the command sends them.
    static func askings() -> [Asking] {
        var out: [Asking] = []
        var t = 1_764_000_000.0
        var n = 0
        for (course, lesson, entries) in [(LabelledQuestions.course, LabelledQuestions.gitLesson, LabelledQuestions.git),
                                          (LabelledQuestions.pythonCourse, LabelledQuestions.pythonLesson, LabelledQuestions.python)] {
            for entry in entries {
                for _ in 0..<entry.count {
                    n += 1
                    t += 60
                    let text = QuestionFilter.question(in: Redactor.redact(entry.text)) ?? "(dropped) " + entry.text
                    out.append(Asking(question: Question(course: course, lesson: lesson, user: "learner\(n % 7)", time: t, text: text),
                                      label: entry.label))
                }
            }
        }
        return out
    }
}
