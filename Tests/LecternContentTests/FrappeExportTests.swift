import Testing
import LecternContent

/// Frappe LMS exports: Editor.js content, legacy Markdown bodies, child-table order, REST dumps.
struct FrappeExportTests {
    /// One course, one chapter, the given lessons (by name, in chapter order).
    func writeCourse(_ tree: ContentTree, slug: String = "git", lessons: [[String: Any]]) throws {
        try tree.writeJSON("courses/\(slug)/course.json", [
            "doctype": "LMS Course", "name": slug, "title": "Git",
            "chapters": [["idx": 1, "chapter": "ch-1"]],
        ])
        try tree.writeJSON("courses/\(slug)/chapters/ch-1.json", [
            "doctype": "Course Chapter", "name": "ch-1", "title": "Chapter one", "course": slug,
            "lessons": lessons.enumerated().map { ["idx": $0.offset + 1, "lesson": $0.element["name"]!] },
        ])
        for lesson in lessons {
            var fields = lesson
            fields["doctype"] = "Course Lesson"
            fields["chapter"] = "ch-1"
            fields["course"] = slug
            try tree.writeJSON("courses/\(slug)/lessons/\(lesson["name"]!).json", fields)
        }
    }

    @Test func editorJSLessonWithEveryBlockType() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        let content = try editorJS([
            ["type": "header", "data": ["text": "Getting <b>started</b>", "level": 1]],
            ["type": "paragraph", "data": ["text": "Hello&nbsp;<b>world</b><br>next <lms-inline-color style=\"color:red\">red</lms-inline-color> &amp; <a href=\"https://x.org\">link</a> &eacute;t&eacute;"]],
            ["type": "list", "data": ["style": "unordered", "items": ["one", "<i>two</i>"]]],
            ["type": "list", "data": ["style": "ordered", "items": [
                ["content": "a", "items": [["content": "a1", "items": [["content": "a1x", "items": []]]]]],
                ["content": "b", "items": []],
            ]]],
            ["type": "header", "data": ["text": "Code", "level": 2]],
            ["type": "codeBox", "data": ["code": "if a &lt; b &amp;&amp; c &gt; d:\n    print(&quot;hi&quot;)", "language": "python"]],
            ["type": "table", "data": ["withHeadings": true, "content": [["Cmd", "Does"], ["<code>ls</code>", "lists"]]]],
            ["type": "image", "data": ["file": ["url": "/files/cat.png"], "caption": "A <i>cat</i>"]],
            ["type": "image", "data": ["url": "https://example.org/dog.png", "caption": ""]],
            ["type": "embed", "data": ["service": "youtube", "source": "https://www.youtube.com/watch?v=xyz",
                                       "embed": "https://www.youtube.com/embed/xyz", "caption": "Intro"]],
            ["type": "upload", "data": ["file_url": "/files/notes.pdf", "file_type": "pdf"]],
            ["type": "quiz", "data": ["quiz": "git-quiz-1"]],
            ["type": "assignment", "data": ["assignment": "ASG-0001"]],
            ["type": "program", "data": ["program": "hello-world"]],
            ["type": "markdown", "data": ["text": "### From markdown\n\nSome *md* text."]],
            ["type": "warning", "data": ["title": "Careful", "message": "Hot <b>stove</b>"]],
            ["type": "delimiter", "data": [:]],
        ])
        let notes = try editorJS([["type": "paragraph", "data": ["text": "Teach <b>slowly</b>."]]])
        try writeCourse(tree, lessons: [["name": "lesson-1", "title": "First steps", "content": content,
                                         "body": "ignored legacy body", "instructor_content": notes]])
        let result = tree.read()
        #expect(result.problems.isEmpty, "\(describe(result.problems))")
        let top = ["Getting started"], codePath = ["Getting started", "Code"]
        let expected = [
            heading("Getting started", 1, top),
            paragraph("Hello world next red & link été", top),
            item("one", depth: 0, top),
            item("two", depth: 0, top),
            item("a", depth: 0, top),
            item("a1", depth: 1, top),
            item("a1x", depth: 2, top),
            item("b", depth: 0, top),
            heading("Code", 2, codePath),
            code("if a < b && c > d:\n    print(\"hi\")", "python", codePath),
            row("Cmd | Does", codePath),
            row("ls | lists", codePath),
            media("image", "/files/cat.png", caption: "A cat", codePath),
            media("image", "https://example.org/dog.png", codePath),
            media("video", "https://www.youtube.com/watch?v=xyz", caption: "Intro", codePath),
            media("file", "/files/notes.pdf", codePath),
            media("quiz", "git-quiz-1", codePath),
            media("assignment", "ASG-0001", codePath),
            media("program", "hello-world", codePath),
            heading("From markdown", 3, codePath + ["From markdown"]),
            paragraph("Some md text.", codePath + ["From markdown"]),
            paragraph("Careful Hot stove", codePath + ["From markdown"]),
        ]
        try #require(result.lessons.count == 2)
        let lesson = result.lessons[0]
        #expect(lesson.blocks == expected)
        #expect(lesson.source == .lesson)
        #expect(lesson.id == "lesson-1")
        #expect(lesson.title == "First steps")
        #expect(lesson.course == CourseRef(id: "git", title: "Git"))
        #expect(lesson.chapter == ChapterRef(id: "ch-1", title: "Chapter one", index: 1))
        #expect(lesson.url == "/lms/courses/git/learn/1-1")
        #expect(lesson.origin == "courses/git/lessons/lesson-1.json")

        let instructor = result.lessons[1]
        #expect(instructor.source == .instructor)
        #expect(instructor.blocks == [paragraph("Teach slowly.")])
        #expect(instructor.url == lesson.url)
        #expect(instructor.id == lesson.id)
        #expect(instructor.chapter == lesson.chapter)
    }

    @Test func legacyBodyMacrosBecomeMediaNotText() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        let body = """
            # Legacy

            Watch this:

            {{ YouTubeVideo("dQw4w9WgXcQ") }}

            Then try {{ Quiz('basics-quiz') }} and read on.

            ```jinja
            {{ Video("kept.mp4") }}
            ```

            ## Practice {{ Exercise("ex-1") }}

            | Step | Clip |
            |---|---|
            | 1 | {{ Video("/files/step1.mp4") }} |
            """
        try writeCourse(tree, lessons: [
            ["name": "old", "title": "Old lesson", "content": "", "body": body],
            ["name": "older", "title": "Older lesson", "content": "This is not JSON", "body": "Body {{ Video(\"/files/a.mp4\") }}"],
        ])
        let result = tree.read()
        #expect(result.problems.isEmpty, "\(describe(result.problems))")
        try #require(result.lessons.count == 2)
        let path = ["Legacy"]
        #expect(result.lessons[0].blocks == [
            heading("Legacy", 1, path),
            paragraph("Watch this:", path),
            media("youtubevideo", "dQw4w9WgXcQ", path),
            paragraph("Then try and read on.", path),
            media("quiz", "basics-quiz", path),
            code("{{ Video(\"kept.mp4\") }}", "jinja", path),
            heading("Practice", 2, path + ["Practice"]),
            media("exercise", "ex-1", path + ["Practice"]),
            row("Step | Clip", path + ["Practice"]),
            row("1 |", path + ["Practice"]),
            media("video", "/files/step1.mp4", path + ["Practice"]),
        ])
        #expect(result.lessons[1].blocks == [paragraph("Body"), media("video", "/files/a.mp4")])
        for block in result.lessons.flatMap(\.blocks) where block.kind != .code {
            #expect(!block.text.contains("{{") && !block.text.contains("YouTubeVideo") && !block.text.contains("\u{E000}"))
        }
    }

    @Test func ordersByIdxNotByFileNames() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        let slug = "ordering"
        // File names sort a-…, z-…; the idx values say the opposite.
        try tree.writeJSON("courses/\(slug)/course.json", [
            "name": slug, "title": "Ordering",
            "chapters": [["idx": 2, "chapter": "a-chapter"], ["idx": 1, "chapter": "z-chapter"]],
        ])
        try tree.writeJSON("courses/\(slug)/chapters/a-chapter.json", [
            "name": "a-chapter", "title": "A", "lessons": [["idx": 1, "lesson": "a-only"]],
        ])
        try tree.writeJSON("courses/\(slug)/chapters/z-chapter.json", [
            "name": "z-chapter", "title": "Z",
            "lessons": [["idx": 3, "lesson": "a-third"], ["idx": 1, "lesson": "m-first"], ["idx": 2, "lesson": "b-second"]],
        ])
        for (name, chapter) in [("a-only", "a-chapter"), ("a-third", "z-chapter"), ("m-first", "z-chapter"), ("b-second", "z-chapter")] {
            try tree.writeJSON("courses/\(slug)/lessons/\(name).json", [
                "name": name, "title": name, "chapter": chapter, "course": slug,
                "content": try editorJS([["type": "paragraph", "data": ["text": "Text of \(name)"]]]),
            ])
        }
        let result = tree.read()
        #expect(result.problems.isEmpty, "\(describe(result.problems))")
        #expect(result.lessons.map(\.id) == ["m-first", "b-second", "a-third", "a-only"])
        #expect(result.lessons.map(\.url) == [
            "/lms/courses/ordering/learn/1-1", "/lms/courses/ordering/learn/1-2",
            "/lms/courses/ordering/learn/1-3", "/lms/courses/ordering/learn/2-1",
        ])
        #expect(result.lessons.map(\.chapter.title) == ["Z", "Z", "Z", "A"])
        #expect(result.lessons.map(\.index) == [1, 2, 3, 1])
    }

    /// REST dumps: `{"data": {…}}` and `{"data": […]}` envelopes, export-json arrays. Lessons no table lists are placed
    /// after the listed ones and reported; lessons of other courses and field-less records too.
    @Test func readsRESTDumps() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        let paragraph1 = try editorJS([["type": "paragraph", "data": ["text": "Body"]]])
        try tree.writeJSON("courses/rest/course.json", ["data": [
            "name": "rest", "title": "REST course", "chapters": [["idx": 1, "chapter": "ch-1"]],
        ]])
        // `bench export-json` writes a bare array of documents.
        try tree.writeJSON("courses/rest/chapters.json", [
            ["doctype": "Course Chapter", "name": "ch-1", "title": "One",
             "lessons": [["idx": 1, "lesson": "l-b"], ["idx": 2, "lesson": "l-a"]]],
        ])
        try tree.writeJSON("courses/rest/lessons.json", ["data": [
            ["name": "l-a", "title": "A", "chapter": "ch-1", "course": "rest", "content": paragraph1],
            ["name": "l-c", "title": "C", "chapter": "ch-1", "course": "rest", "content": paragraph1],
            ["name": "l-b", "title": "B", "chapter": "ch-1", "course": "rest", "content": paragraph1],
            ["name": "x", "title": "X", "chapter": "elsewhere", "course": "another-course", "content": paragraph1],
            ["name": "l-d"],
        ]])
        let result = tree.read()
        #expect(result.lessons.map(\.id) == ["l-b", "l-a", "l-c"])
        #expect(result.lessons.map(\.url) == ["/lms/courses/rest/learn/1-1", "/lms/courses/rest/learn/1-2", "/lms/courses/rest/learn/1-3"])
        #expect(result.lessons[0].origin == "courses/rest/lessons.json#l-b")
        #expect(result.lessons[0].course.title == "REST course")
        #expect(result.lessons[0].chapter == ChapterRef(id: "ch-1", title: "One", index: 1))
        let messages = result.problems.map(\.description)
        #expect(messages.count == 3, "\(describe(result.problems))")
        #expect(messages.contains { $0.hasPrefix("courses/rest/lessons.json (l-d):") && $0.contains("neither 'content' nor 'body'") })
        #expect(messages.contains { $0.hasPrefix("courses/rest: 1 Course Lesson record(s) belong to other courses (another-course)") })
        #expect(messages.contains { $0.hasPrefix("courses/rest:") && $0.contains("1 chapter(s) or lesson(s)") })
    }
}
