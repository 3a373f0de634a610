/// The FAQ of one lesson in the shape of the LMS's AI FAQ Draft (course, lesson, items of
/// question and answer), with the fields authors need to judge an item added to each item.
/// Key names are the LMS's where it has one; the extra fields are ignored by an import.
public struct FAQDraft: Codable, Sendable, Equatable {
    public var doctype = "AI FAQ Draft"
    public var course: String
    public var lesson: String
    public var lessonTitle: String?
    /// Learner messages of the lesson that were questions, and how many distinct phrasings.
    public var questionsAsked: Int
    public var items: [FAQItem]

    enum CodingKeys: String, CodingKey {
        case doctype, course, lesson, items
        case lessonTitle = "lesson_title", questionsAsked = "questions_asked"
    }
}

public struct FAQItem: Codable, Sendable, Equatable {
    public var doctype = "AI FAQ Item"
    /// 1-based rank within the draft (most asked first).
    public var idx: Int
    public var question: String
    public var answer: String
    /// How often the group was asked, and by how many distinct learners.
    public var count: Int
    public var learners: Int
    /// First and last asking, "YYYY-MM-DD HH:MM:SS" UTC; nil when no asking had a time.
    public var firstAsked: String?
    public var lastAsked: String?
    public var variants: [FAQVariant]
    public var citations: [FAQCitation]

    enum CodingKeys: String, CodingKey {
        case doctype, idx, question, answer, count, learners, variants, citations
        case firstAsked = "first_asked", lastAsked = "last_asked"
    }
}

/// One phrasing of the question and how often it was asked word for word.
public struct FAQVariant: Codable, Sendable, Equatable {
    public var text: String
    public var count: Int
}

/// Where a passage of the draft answer comes from.
public struct FAQCitation: Codable, Sendable, Equatable {
    public var lesson: String
    public var lessonTitle: String
    public var heading: String
    public var url: String

    enum CodingKeys: String, CodingKey {
        case lesson, heading, url
        case lessonTitle = "lesson_title"
    }
}
