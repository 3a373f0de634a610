/// One lesson of a course, from any reader, as typed blocks in reading order.
public struct Lesson: Sendable, Equatable {
    public var course: CourseRef
    public var chapter: ChapterRef
    /// Stable id within the course: the file's slug, or the LMS document `name`.
    public var id: String
    public var title: String
    /// 1-based position within the chapter.
    public var index: Int
    /// `/<lms_path>/courses/<course>/learn/<chapterIndex>-<lessonIndex>`.
    public var url: String
    public var source: SourceType
    public var blocks: [Block]
    /// Where it was read from, relative to the content root (for errors and notes).
    public var origin: String

    public init(course: CourseRef, chapter: ChapterRef, id: String, title: String, index: Int, url: String,
                source: SourceType, blocks: [Block], origin: String) {
        self.course = course
        self.chapter = chapter
        self.id = id
        self.title = title
        self.index = index
        self.url = url
        self.source = source
        self.blocks = blocks
        self.origin = origin
    }

    /// The LMS URL of a lesson.
    public static func url(lmsPath: String, course: String, chapterIndex: Int, lessonIndex: Int) -> String {
        "/\(lmsPath)/courses/\(course)/learn/\(chapterIndex)-\(lessonIndex)"
    }
}

public struct CourseRef: Sendable, Equatable, Hashable {
    /// The course slug (LMS Course `name`).
    public var id: String
    public var title: String
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

public struct ChapterRef: Sendable, Equatable, Hashable {
    public var id: String
    public var title: String
    /// 1-based position within the course.
    public var index: Int
    public init(id: String, title: String, index: Int) {
        self.id = id
        self.title = title
        self.index = index
    }
}

/// What kind of material a chunk came from; the tutor may weigh or filter them differently.
public enum SourceType: String, Sendable, Codable, CaseIterable {
    case lesson, instructor, file, external
}

public struct Block: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case heading, paragraph, listItem, code, tableRow, quote, media
    }

    public var kind: Kind
    /// Plain text (inline markup removed). For `tableRow`, cells joined by " | "; for `media`,
    /// the caption or title if any.
    public var text: String
    /// Heading level (1–6) for headings, nesting depth (0-based) for list items, else 0.
    public var level: Int
    /// Code language, when known.
    public var language: String?
    /// For `media`: the referenced URL or file path and its kind (image, video, embed, file, quiz…).
    public var media: MediaReference?
    /// Titles of the headings this block sits under, outermost first (a heading's own path
    /// ends with itself).
    public var headingPath: [String]

    public init(kind: Kind, text: String, level: Int = 0, language: String? = nil, media: MediaReference? = nil,
                headingPath: [String] = []) {
        self.kind = kind
        self.text = text
        self.level = level
        self.language = language
        self.media = media
        self.headingPath = headingPath
    }
}

public struct MediaReference: Sendable, Equatable {
    public var kind: String
    public var target: String
    public init(kind: String, target: String) {
        self.kind = kind
        self.target = target
    }
}
