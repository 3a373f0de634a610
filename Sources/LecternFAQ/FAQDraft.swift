/// The FAQ of one lesson in the shape of the LMS's AI FAQ Draft (course, lesson, items of
/// question and answer), with the fields authors need to judge an item added to each item.
/// Key names are the LMS's where it has one; the extra fields are ignored by an import.
public struct FAQDraft: Codable, Sendable, Equatable {
    public var doctype = "AI FAQ Draft"
    /// One name per course and lesson, so importing a newer draft replaces the older one.
    public var name: String { "FAQ-" + course + "-" + lesson }
    public var course: String
    public var lesson: String
    public var lessonTitle: String?
    /// Learner messages of the lesson that were questions, and how many distinct phrasings.
    public var questionsAsked: Int
    public var items: [FAQItem]

    enum CodingKeys: String, CodingKey {
        case doctype, name, course, lesson, items
        case lessonTitle = "lesson_title", questionsAsked = "questions_asked"
    }

    public init(course: String, lesson: String, lessonTitle: String?, questionsAsked: Int, items: [FAQItem]) {
        self.course = course
        self.lesson = lesson
        self.lessonTitle = lessonTitle
        self.questionsAsked = questionsAsked
        self.items = items
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(doctype, forKey: .doctype)
        try c.encode(name, forKey: .name)
        try c.encode(course, forKey: .course)
        try c.encode(lesson, forKey: .lesson)
        try c.encodeIfPresent(lessonTitle, forKey: .lessonTitle)
        try c.encode(questionsAsked, forKey: .questionsAsked)
        try c.encode(items, forKey: .items)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        course = try c.decode(String.self, forKey: .course)
        lesson = try c.decode(String.self, forKey: .lesson)
        lessonTitle = try c.decodeIfPresent(String.self, forKey: .lessonTitle)
        questionsAsked = try c.decode(Int.self, forKey: .questionsAsked)
        items = try c.decode([FAQItem].self, forKey: .items)
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
