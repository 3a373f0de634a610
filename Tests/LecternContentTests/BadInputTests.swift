import Foundation
import Testing
import LecternContent

/// Broken or hostile input: each is a problem naming the file (and line or record), and the other
/// lessons still arrive.
struct BadInputTests {
    @Test func invalidJSONLessonIsAProblemWithItsLine() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        try tree.writeJSON("courses/git/course.json", ["name": "git", "title": "Git", "chapters": [["idx": 1, "chapter": "c"]]])
        try tree.writeJSON("courses/git/chapters/c.json", ["name": "c", "title": "C", "lessons": [["idx": 1, "lesson": "broken"], ["idx": 2, "lesson": "good"]]])
        try tree.write("courses/git/lessons/broken.json", "{\n  \"name\": \"broken\",\n  \"title\": \"Broken\"\n  \"content\": \"\"\n}\n")
        try tree.writeJSON("courses/git/lessons/good.json", ["name": "good", "title": "Good", "chapter": "c", "body": "Good text."])
        let result = tree.read()
        #expect(result.lessons.map(\.id) == ["good"])
        // The broken lesson keeps its place, so the good one is still lesson 2.
        #expect(result.lessons.first?.url == "/lms/courses/git/learn/1-2")
        let problem = try #require(result.problems.first { $0.path == "courses/git/lessons/broken.json" })
        #expect(problem.line == 4)
        #expect(problem.description.hasPrefix("courses/git/lessons/broken.json:4: is not valid JSON"))
    }

    @Test func brokenEditorJSContentFallsBackToTheBody() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        try tree.writeJSON("courses/git/lessons/half.json", ["name": "half", "title": "Half", "chapter": "c",
                                                             "content": "{\"blocks\": [", "body": "Fallback text."])
        let result = tree.read()
        #expect(result.lessons.first?.blocks == [paragraph("Fallback text.")])
        #expect(result.problems.contains { $0.path == "courses/git/lessons/half.json" && $0.record == "half" && $0.reason.contains("not a valid Editor.js document") })
    }

    @Test func unknownFrontMatterKeyNamesTheLine() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        try tree.write("courses/intro/course.md", "---\ntitle: Intro\nauthor: Someone\n---\n")
        try tree.write("courses/intro/01-a/01-one.md", "---\ntitle: One\n\ncolour: blue\n---\nText one.\n")
        try tree.write("courses/intro/01-a/02-two.md", "Text two.\n")
        let result = tree.read()
        #expect(result.lessons.map(\.title) == ["One", "Two"])
        #expect(result.lessons.first?.blocks == [paragraph("Text one.")])
        let descriptions = result.problems.map(\.description)
        #expect(descriptions.count == 2, "\(describe(result.problems))")
        #expect(descriptions.contains { $0.hasPrefix("courses/intro/course.md:3: unknown front-matter key 'author'") })
        #expect(descriptions.contains { $0.hasPrefix("courses/intro/01-a/01-one.md:4: unknown front-matter key 'colour'") })
    }

    @Test func symbolicLinksLeavingTheRootAreRefused() throws {
        let tree = try ContentTree()
        let outside = try ContentTree()
        defer { tree.remove(); outside.remove() }
        try outside.write("secret.md", "# Secret\n\nTop secret text.\n")
        try outside.write("course/course.md", "---\ntitle: Elsewhere\n---\n")
        try outside.write("course/01-c/01-l.md", "Outside lesson.\n")
        try tree.write("courses/intro/course.md", "---\ntitle: Intro\n---\n")
        try tree.write("courses/intro/01-c/01-ok.md", "Fine text.\n")
        try tree.symlink("courses/intro/01-c/02-secret.md", to: outside.root + "/secret.md")
        try tree.symlink("courses/intro/01-c/03-up.md", to: "../../../../" + URL(fileURLWithPath: outside.root).lastPathComponent + "/secret.md")
        // A link that stays inside the root is fine.
        try tree.symlink("courses/intro/01-c/04-alias.md", to: "01-ok.md")
        try tree.symlink("courses/elsewhere", to: outside.root + "/course")
        let result = tree.read()
        #expect(result.lessons.map(\.id) == ["c/ok", "c/alias"])
        #expect(result.lessons.map(\.url) == ["/lms/courses/intro/learn/1-1", "/lms/courses/intro/learn/1-4"])
        #expect(!result.lessons.flatMap(\.blocks).contains { $0.text.contains("secret") || $0.text.contains("Outside") })
        let refused = result.problems.filter { $0.reason.contains("outside the content root") }.map(\.path).sorted()
        #expect(refused == ["courses/elsewhere", "courses/intro/01-c/02-secret.md", "courses/intro/01-c/03-up.md"],
                "\(describe(result.problems))")
    }

    @Test func aMissingCoursesFolderIsOneProblem() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        let result = tree.read()
        #expect(result.lessons.isEmpty)
        #expect(result.problems.map(\.path) == ["courses"])
    }
}
