import Testing
import LecternContent

/// The authoring layout: front matter, numeric-prefix order, titles, instructor notes, URLs.
struct AuthoringLayoutTests {
    @Test func ordersByNumericPrefixAndNamesEverything() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        try tree.write("courses/intro/course.md", """
            ---
            title: "Intro to Python"
            description: 'A first course'
            lms_path: /academy/
            ---
            Course text nobody indexes.
            """)
        let chapter = "courses/intro/1-getting-started"
        try tree.write("\(chapter)/chapter.md", "---\ntitle: Getting going\n---\n")
        try tree.write("\(chapter)/1-a.md", "---\ntitle: Alpha\n---\n# Not the title\n\nText a.\n")
        try tree.write("\(chapter)/10-c.md", "Intro line.\n\n# Charlie\n\nText c.\n")
        try tree.write("\(chapter)/9-b.html", "<html><head><title>Bravo</title></head><body><p>Text b.</p></body></html>")
        try tree.write("\(chapter)/9-b.instructor.md", "Ask about *b*.\n")
        try tree.write("\(chapter)/zeta.md", "Text zeta.\n")
        try tree.write("\(chapter)/alpha-notes.md", "Text alpha notes.\n")
        try tree.write("\(chapter)/picture.png", "not a lesson")
        for folder in ["2-data-types", "9-nine", "10-ten", "appendix"] {
            try tree.write("courses/intro/\(folder)/1-x.md", "Text.\n")
        }
        try tree.write("courses/intro/images/logo.png", "not a chapter")

        let result = tree.read()
        #expect(result.problems.isEmpty, "\(describe(result.problems))")
        let lessons = result.lessons
        #expect(lessons.map(\.id) == [
            "getting-started/a", "getting-started/b", "getting-started/b", "getting-started/c",
            "getting-started/alpha-notes", "getting-started/zeta",
            "data-types/x", "nine/x", "ten/x", "appendix/x",
        ])
        #expect(lessons.map(\.source) == [.lesson, .lesson, .instructor] + Array(repeating: .lesson, count: 7))
        #expect(lessons.map(\.url) == [
            "/academy/courses/intro/learn/1-1", "/academy/courses/intro/learn/1-2", "/academy/courses/intro/learn/1-2",
            "/academy/courses/intro/learn/1-3", "/academy/courses/intro/learn/1-4", "/academy/courses/intro/learn/1-5",
            "/academy/courses/intro/learn/2-1", "/academy/courses/intro/learn/3-1", "/academy/courses/intro/learn/4-1",
            "/academy/courses/intro/learn/5-1",
        ])
        #expect(lessons.map(\.title) == ["Alpha", "Bravo", "Bravo", "Charlie", "Alpha notes", "Zeta", "X", "X", "X", "X"])
        #expect(lessons.map(\.chapter.title) == Array(repeating: "Getting going", count: 6) + ["Data types", "Nine", "Ten", "Appendix"])
        #expect(lessons.map(\.chapter.index) == [1, 1, 1, 1, 1, 1, 2, 3, 4, 5])
        #expect(lessons.allSatisfy { $0.course == CourseRef(id: "intro", title: "Intro to Python") })

        let instructor = lessons[2]
        #expect(instructor.blocks == [paragraph("Ask about b.")])
        #expect(instructor.origin == "\(chapter)/9-b.instructor.md")
        #expect(lessons[1].blocks == [paragraph("Text b.")])
        #expect(lessons[0].blocks == [heading("Not the title", 1, ["Not the title"]), paragraph("Text a.", ["Not the title"])])
    }

    @Test func lessonURLFormat() throws {
        #expect(Lesson.url(lmsPath: "lms", course: "git-basics", chapterIndex: 2, lessonIndex: 10) == "/lms/courses/git-basics/learn/2-10")
        let tree = try ContentTree()
        defer { tree.remove() }
        try tree.write("courses/plain/course.md", "---\ntitle: Plain\n---\n")
        try tree.write("courses/plain/01-only/01-one.md", "One.\n")
        let result = tree.read()
        #expect(result.lessons.map(\.url) == ["/lms/courses/plain/learn/1-1"])
        #expect(result.lessons.first?.chapter == ChapterRef(id: "only", title: "Only", index: 1))
        #expect(ContentLibrary(defaultLMSPath: "school").read(root: tree.root).lessons.map(\.url) == ["/school/courses/plain/learn/1-1"])
    }
}
