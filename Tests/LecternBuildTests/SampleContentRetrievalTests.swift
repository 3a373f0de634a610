import Foundation
import Testing
import LecternBuild
import LecternEmbedding
import LecternIndex

private let repositoryRoot = TestPaths.repositoryRoot
private let modelDirectory = TestPaths.modelDirectory
private let canRun = TestPaths.canRun

/// The sample courses of content/ built for real: learner questions, written with the lessons,
/// must find the lesson that answers them among the first five results.
@Suite(.enabled(if: canRun, "skipped: the model is missing; run `make deps`"))
struct SampleContentRetrievalTests {
    /// Question → the answering lesson's LMS URL (course, chapter and lesson position).
    static let questions: [(String, String)] = [
        ("How do I undo my last commit?", "/lms/courses/git-basics/learn/2-3"),
        ("What does a list comprehension return?", "/lms/courses/intro-python/learn/2-3"),
        ("How do I resolve a merge conflict?", "/lms/courses/git-basics/learn/3-1"),
        ("How do I set my name and email address in Git?", "/lms/courses/git-basics/learn/1-2"),
        ("What is the difference between git fetch and git pull?", "/lms/courses/git-basics/learn/3-2"),
        ("What does git diff --staged show?", "/lms/courses/git-basics/learn/2-2"),
        ("Why does my function return None?", "/lms/courses/intro-python/learn/4-1"),
        ("How do I avoid a KeyError when a key is missing from a dictionary?", "/lms/courses/intro-python/learn/2-2"),
        ("What is the difference between append and extend?", "/lms/courses/intro-python/learn/2-1"),
        ("How do I read command-line arguments in a Python script?", "/lms/courses/intro-python/learn/1-3"),
        ("How do I catch a ValueError when converting input to an int?", "/lms/courses/intro-python/learn/3-3"),
        ("Why does my default list argument keep old values between calls?", "/lms/courses/intro-python/learn/4-2"),
    ]

    @Test func learnerQuestionsFindTheirLessonInTheTopFive() throws {
        let output = NSTemporaryDirectory() + "lectern-sample-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        let options = BuildOptions(contentRoot: repositoryRoot + "/content", outputDirectory: output,
                                   modelDirectory: modelDirectory, threads: 2)
        let summary = try IndexBuilder(options: options).run()
        #expect(summary.problems.isEmpty, "\(summary.problems)")
        #expect(summary.lessonsRead >= 15)
        let reader = try IndexReader(path: options.indexPath)
        let texts = (0..<reader.count).map { reader.record($0).text }
        // Script, style and navigation of the HTML lessons never reach the index.
        #expect(!texts.contains { $0.contains("MUST NOT BE INDEXED") || $0.contains("exceptions-lesson-tracking-code") })

        let embedder = try Embedder(modelDirectory: modelDirectory, threads: 1)
        for mode in [SearchMode.dense, .hybrid] {
            var found = 0
            for (question, url) in Self.questions {
                let hits = reader.search(SearchQuery(vector: embedder.embed(question), text: question, k: 5, mode: mode))
                let urls = hits.map { reader.record($0.index).url }
                if urls.contains(where: { $0 == url || $0.hasPrefix(url + "#") }) {
                    found += 1
                } else {
                    Issue.record("\(mode): \(question) → \(urls)")
                }
            }
            #expect(found == Self.questions.count)
        }
    }
}
