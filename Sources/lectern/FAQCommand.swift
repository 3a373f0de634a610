import ArgumentParser
import Foundation
import LecternEmbedding
import LecternFAQ
import LecternIndex
import LecternStore

struct FAQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faq",
        abstract: "Draft FAQs per lesson from the questions learners asked the tutor.",
        discussion: """
            Reads the learners' messages (role user) of the imported chat logs, leaves out greetings, thanks \
            and other chatter, redacts e-mail addresses, phone numbers and key-like strings, groups the \
            questions that mean the same (embeddings plus a lexical check) and drafts an answer from the \
            lesson's own passages in the index, with citations. Writes OUTPUT/<course>.json (AI FAQ Draft \
            documents, importable into the LMS) and OUTPUT/<course>.md for authors. The same input gives \
            the same files.
            """)

    @Option(help: "Only this course.")
    var course: String?

    @Option(help: "Only this lesson (as the chat sessions name it).")
    var lesson: String?

    @Option(name: .customLong("min-count"), help: "Draft only questions asked at least this many times.")
    var minCount = 3

    @Option(help: "Similarity (cosine once the lesson's common direction is taken away, less a penalty for differing words) at or above which groups of phrasings merge (0–1).")
    var threshold: Float = FAQOptions().threshold

    @Option(help: "The folder for <course>.json and <course>.md.")
    var output = "output/faq"

    @Option(help: "The state database (lectern import fills it).")
    var state = "output/state.sqlite"

    @Option(help: "The index folder or file the answers are drafted from.")
    var index = "output/index"

    @OptionGroup var model: ModelOption

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
        guard threshold > 0, threshold <= 1 else { throw ValidationError("--threshold must be in (0, 1]") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: state) else {
            printError("lectern: \(state): no state database; run `lectern import` first")
            throw ExitCode(2)
        }
        try reportingFailures {
            let started = Date()
            let read = try LogQuestions.read(LogReader(database: StateStore(path: state).database), course: course, lesson: lesson)
            for problem in read.problems.prefix(20) { printError("lectern: \(problem)") }
            if read.problems.count > 20 { printError("lectern: … and \(read.problems.count - 20) more messages skipped") }
            var options = FAQOptions()
            options.minCount = minCount
            options.threshold = threshold
            let builder = FAQBuilder(embedder: try Embedder(modelDirectory: model.directory), options: options)
            let drafter = try openDrafter()
            // Sessions name a lesson by its document name or by a slug of its title; one lesson is
            // one draft, under the name the index (and the LMS) gives it.
            let questions = read.questions.map { q in
                var q = q
                q.lesson = drafter?.indexLesson(course: q.course, lesson: q.lesson) ?? q.lesson
                return q
            }
            var timing = FAQBuilder.Timing()
            let drafts = builder.drafts(builder.group(questions, timing: &timing), drafter: drafter)
            let files = try FAQWriter.write(drafts, to: output)
            let items = drafts.reduce(0) { $0 + $1.items.count }
            print("Lectern faq: \(read.questions.count) questions (\(timing.phrasings) distinct) of \(read.userMessages) learner messages, "
                  + "\(read.chatter) chatter left out; \(items) items in \(drafts.count) lesson drafts "
                  + "(\(String(format: "%.2f", Date().timeIntervalSince(started))) s)")
            for file in files { print("  \(file)") }
        }
    }

    /// Without an index the drafts still group the questions; the answers are left for the author.
    func openDrafter() throws -> Drafter? {
        let path = index.hasSuffix(".index") ? index : index + "/lectern.index"
        guard FileManager.default.fileExists(atPath: path) else {
            printError("lectern: \(path): no index; answers are left empty (run `lectern build` first)")
            return nil
        }
        return Drafter(index: try IndexReader(path: path))
    }
}
