import Foundation
import Testing
import LecternBuild
import LecternChunking
import LecternIndex
import LecternStore

private let repositoryRoot = TestPaths.repositoryRoot
private let modelDirectory = TestPaths.modelDirectory
private let canRun = TestPaths.canRun

/// `lectern build` end to end on content trees written here: what lands in the index, what a
/// rebuild embeds again, what a scoped build keeps, and what bad input does.
@Suite(.enabled(if: canRun, "skipped: the model is missing; run `make deps`"), .serialized)
struct IndexBuilderTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "lectern-build-" + UUID().uuidString
        try write("content/courses/python/course.md", "---\ntitle: Python basics\ndescription: First steps\n---\nWelcome.\n")
        try write("content/courses/python/01-start/01-variables.md", """
            # Variables

            A variable is a name that refers to a value. Assignment with `=` binds the name.

            ## Naming rules

            Names start with a letter or an underscore and are case sensitive.
            """)
        try write("content/courses/python/01-start/02-loops.md", """
            # Loops

            A `for` loop repeats a block once for every item of a sequence.

            ```python
            for fruit in ["apple", "pear"]:
                print(fruit)
            ```
            """)
        try write("content/courses/git/course.md", "---\ntitle: Git\ndescription: Version control\n---\n")
        try write("content/courses/git/01-basics/01-commits.md", """
            # Commits

            A commit records a snapshot of the staged changes with a message. Undo the last commit
            but keep its changes with `git reset --soft HEAD~1`.
            """)
    }

    func write(_ relative: String, _ text: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func options(course: String? = nil, lesson: String? = nil) -> BuildOptions {
        BuildOptions(contentRoot: root + "/content", outputDirectory: root + "/output", course: course, lesson: lesson,
                     modelDirectory: modelDirectory, threads: 2)
    }

    func build(course: String? = nil, lesson: String? = nil) throws -> BuildSummary {
        try IndexBuilder(options: options(course: course, lesson: lesson)).run()
    }

    func index() throws -> IndexReader {
        try IndexReader(path: options().indexPath)
    }

    @Test func buildsAnIndexThatAnswersWithCitations() throws {
        let summary = try build()
        #expect(summary.lessonsInScope == 3 && summary.problems.isEmpty)
        #expect(summary.embedded == summary.chunksInScope && summary.chunksInIndex == summary.chunksInScope)
        let reader = try index()
        #expect(reader.count == summary.chunksInIndex)
        let courses = Set((0..<reader.count).map { reader.record($0).course })
        #expect(courses == ["python", "git"])

        let hits = reader.search(SearchQuery(vector: nil, text: "undo the last commit", k: 3, mode: .lexical))
        let top = reader.record(try #require(hits.first).index)
        #expect(top.course == "git" && top.title == "Commits")
        #expect(top.url == "/lms/courses/git/learn/1-1#h-commits")

        let rule = (0..<reader.count).map(reader.record).first { $0.text.contains("case sensitive") }
        #expect(rule?.headingPath.last == "Naming rules" && rule?.url == "/lms/courses/python/learn/1-1#h-naming-rules")
    }

    @Test func anUnchangedRebuildEmbedsNothingAndAChangedLessonOnlyItself() throws {
        let first = try build()
        let again = try build()
        #expect(again.embedded == 0 && again.fromCache == first.chunksInScope)
        try write("content/courses/python/01-start/02-loops.md", "# Loops\n\nA `while` loop repeats while its condition holds.\n")
        let changed = try build()
        #expect(changed.embedded >= 1)
        #expect(changed.embedded < changed.chunksInScope)
        let texts = (0..<(try index().count)).map { try! index().record($0).text }
        #expect(texts.contains { $0.contains("while") } && !texts.contains { $0.contains("pear") })
    }

    @Test func deletedLessonsLeaveTheIndexAndScopedBuildsKeepTheRest() throws {
        _ = try build()
        try FileManager.default.removeItem(atPath: root + "/content/courses/python/01-start/02-loops.md")
        try write("content/courses/git/01-basics/01-commits.md", "# Commits\n\nRewritten text about commits.\n")
        let scoped = try build(course: "python")
        #expect(scoped.lessonsRemoved == 1 && scoped.lessonsInScope == 1)
        let reader = try index()
        let records = (0..<reader.count).map(reader.record)
        #expect(!records.contains { $0.lesson.contains("loops") })
        // Git was out of scope: its old text is still what the index holds.
        #expect(records.contains { $0.course == "git" && $0.text.contains("snapshot") })
        #expect(!records.contains { $0.text.contains("Rewritten") })
    }

    @Test func aBadFileIsReportedAndTheRestIsBuilt() throws {
        try write("content/courses/python/01-start/03-broken.md", "---\ntitle: Broken\nunknown_key: 1\n---\n# Broken\n")
        let summary = try build()
        #expect(!summary.problems.isEmpty)
        #expect(summary.problems.contains { $0.contains("03-broken.md") })
        #expect(try index().count > 0)
        let runs = try StateStore(path: options().statePath).runs()
        #expect(runs.contains { $0.status == "Error" && $0.notes.contains("03-broken.md") })
        #expect(runs.contains { $0.status == "Success" && $0.lesson.contains("variables") })
    }

    @Test func aMissingContentRootChangesNothing() throws {
        _ = try build()
        let before = try Data(contentsOf: URL(fileURLWithPath: options().indexPath))
        var wrong = options()
        wrong.contentRoot = root + "/contnet"
        #expect(throws: BuildError.self) { try IndexBuilder(options: wrong).run() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: options().indexPath)) == before)
    }

    @Test func aFailedBuildLeavesThePreviousIndexAndState() throws {
        _ = try build()
        let before = try Data(contentsOf: URL(fileURLWithPath: options().indexPath))
        let chunksBefore = try StateStore(path: options().statePath).chunks()
        try write("content/courses/python/01-start/01-variables.md", "# Variables\n\nCompletely new text.\n")
        // A directory where the temporary index file would go makes the write fail.
        let blocker = options().indexPath + ".tmp-\(getpid())"
        try FileManager.default.createDirectory(atPath: blocker + "/x", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        #expect(throws: (any Error).self) { try build() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: options().indexPath)) == before)
        #expect(try StateStore(path: options().statePath).chunks() == chunksBefore)
    }
}
