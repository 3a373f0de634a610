/// The text of one Course Lesson: its Editor.js `content`, or the legacy Markdown `body` when
/// `content` is empty or not JSON; and the instructor's notes, which become their own lesson.
enum FrappeLessonBody {
    struct Result: Sendable {
        var blocks: [Block]?
        var instructorBlocks: [Block]?
        var problems: [ContentProblem] = []
    }

    static func read(_ lesson: FrappeDocuments.Document) -> Result {
        var result = Result()
        let fields = lesson.fields
        guard hasText(lesson) else {
            result.problems.append(missingText(lesson))
            return result
        }
        result.blocks = blocks(content: fields["content"], markdown: fields["body"]?.string, field: "content",
                               lesson: lesson, problems: &result.problems)
        let instructor = blocks(content: fields["instructor_content"], markdown: fields["instructor_notes"]?.string,
                                field: "instructor_content", lesson: lesson, problems: &result.problems)
        result.instructorBlocks = instructor.isEmpty ? nil : instructor
        return result
    }

    /// A list dump fetched without `fields=["*"]` has names only: nothing to read.
    static func hasText(_ lesson: FrappeDocuments.Document) -> Bool {
        lesson.fields["content"] != nil || lesson.fields["body"] != nil
    }

    static func missingText(_ lesson: FrappeDocuments.Document) -> ContentProblem {
        ContentProblem(path: lesson.path, record: lesson.record ?? lesson.name,
                       reason: "has neither 'content' nor 'body' (a list dump made without fields=[\"*\"]?); skipped")
    }

    /// Editor.js when the field holds a document with blocks; otherwise the Markdown fallback,
    /// and when that is empty too, the field itself read as legacy Markdown.
    private static func blocks(content: JSONValue?, markdown: String?, field: String, lesson: FrappeDocuments.Document,
                               problems: inout [ContentProblem]) -> [Block] {
        var builder = BlockBuilder()
        switch EditorJSReader.parse(content) {
        case .document(let blocks):
            EditorJSReader.read(blocks, into: &builder)
            if !builder.blocks.isEmpty { return builder.blocks }
        case .broken(let line, let reason):
            let place = line.map { " (line \($0) of the field)" } ?? ""
            let fallback = (markdown ?? "").trimmingWhitespace().isEmpty ? "" : "; the Markdown fallback is used"
            problems.append(ContentProblem(path: lesson.path, record: lesson.record ?? lesson.name,
                                           reason: "'\(field)' is not a valid Editor.js document\(place): \(reason)\(fallback)"))
        case .notADocument:
            break
        }
        if let markdown, !markdown.trimmingWhitespace().isEmpty {
            readLegacyMarkdown(markdown, into: &builder)
        } else if case .notADocument = EditorJSReader.parse(content), let text = content?.string {
            readLegacyMarkdown(text, into: &builder)
        }
        return builder.blocks
    }

    /// Legacy bodies are Markdown with `{{ Macro("…") }}` calls, which become media references.
    static func readLegacyMarkdown(_ text: String, into builder: inout BlockBuilder) {
        let (prepared, macros) = MacroCalls.extract(from: text)
        MarkdownReader.read(prepared, into: &builder, macros: macros)
    }
}
