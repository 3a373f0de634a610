import LecternIndex
import LecternRedaction

/// Drafts an answer without a language model: the passages of the lesson's own chunks that best
/// match the canonical question (hybrid search through the index), each followed by its lesson
/// and heading, so an author can check and edit it.
public struct Drafter: Sendable {
    let index: IndexReader
    public var passages: Int
    /// A passage is cut at a sentence end near this many characters.
    public var passageLength: Int
    let lessonNames: [String: String]

    public init(index: IndexReader, passages: Int = 2, passageLength: Int = 500) {
        self.index = index
        self.passages = passages
        self.passageLength = passageLength
        lessonNames = Self.lessonNames(index)
    }

    /// The logs may name a lesson by its document name or by a slug of its title (with or without
    /// the course in front), so every form is mapped to the index's name.
    static func lessonNames(_ index: IndexReader) -> [String: String] {
        var names: [String: String] = [:]
        for i in 0..<index.count {
            let r = index.record(i)
            let key = r.course + "\u{0}"
            names[key + r.lesson] = r.lesson
            names[key + slug(r.title)] = names[key + slug(r.title)] ?? r.lesson
            names[key + slug(r.course + " " + r.title)] = names[key + slug(r.course + " " + r.title)] ?? r.lesson
        }
        return names
    }

    static func slug(_ text: String) -> String {
        TextNormalizer.words(text.replacingDashes()).joined(separator: "-")
    }

    /// The index's name of a lesson of the logs, nil when the index has no such lesson.
    public func indexLesson(course: String, lesson: String) -> String? {
        lessonNames[course + "\u{0}" + lesson] ?? lessonNames[course + "\u{0}" + Self.slug(lesson)]
    }

    public func draft(question: String, vector: [Float], course: String, lesson: String) -> (answer: String, citations: [FAQCitation], title: String?) {
        guard let name = indexLesson(course: course, lesson: lesson) else { return ("", [], nil) }
        let hits = index.search(SearchQuery(vector: vector, text: question, course: course, lesson: name, k: passages, mode: .hybrid))
        var parts: [String] = []
        var citations: [FAQCitation] = []
        var title: String?
        for hit in hits {
            let r = index.record(hit.index)
            title = title ?? r.title
            let heading = r.headingPath.last ?? r.title
            let where_ = ([r.title] + r.headingPath.filter { $0 != r.title }).joined(separator: " › ")
            parts.append(Redactor.redact(cut(r.text)) + " (" + where_ + ")")
            citations.append(FAQCitation(lesson: r.lesson, lessonTitle: r.title, heading: heading, url: r.url))
        }
        return (parts.joined(separator: "\n\n"), citations, title)
    }

    func cut(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        guard flat.count > passageLength else { return flat }
        let head = flat.prefix(passageLength + 120)
        if let end = head.dropFirst(passageLength / 2).lastIndex(where: { $0 == "." || $0 == "?" || $0 == "!" }) {
            return String(head[...end])
        }
        return String(flat.prefix(passageLength)) + " …"
    }
}

extension String {
    func replacingDashes() -> String {
        String(map { $0 == "-" || $0 == "_" ? " " : $0 })
    }
}
