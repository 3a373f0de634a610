import LecternContent

/// A passage of one lesson, small enough for the model, that the index stores and returns.
public struct Chunk: Sendable, Equatable {
    /// Stable: a hash of course, lesson, ordinal and text.
    public let id: String
    public let course: String
    public let courseTitle: String
    public let lesson: String
    public let lessonTitle: String
    public let url: String
    public let source: SourceType
    /// 0-based position within the lesson's chunks.
    public let ordinal: Int
    /// The passage itself, blocks separated by newlines.
    public let text: String
    /// Headings the passage sits under, outermost first.
    public let headingPath: [String]
    /// `#h-<slug>` of the innermost heading, or "" before the first heading.
    public let anchor: String
    /// Unicode-scalar offsets of the passage in the lesson's plain text (`Lesson.plainText`).
    public let start: Int
    public let end: Int
    /// Word pieces of `embeddingText`, [CLS] and [SEP] not counted.
    public let tokenCount: Int

    /// What is embedded: the lesson title and heading path give the passage its context.
    public var embeddingText: String { Chunk.embeddingText(lessonTitle: lessonTitle, headingPath: headingPath, text: text) }

    public static func embeddingText(lessonTitle: String, headingPath: [String], text: String) -> String {
        let context = ([lessonTitle] + headingPath.filter { $0 != lessonTitle }).joined(separator: " > ")
        return context.isEmpty ? text : context + "\n" + text
    }

    static func id(course: String, lesson: String, source: SourceType, ordinal: Int, text: String) -> String {
        String(SHA256.hex([course, lesson, source.rawValue, String(ordinal), text].joined(separator: "\u{1F}")).prefix(32))
    }

    /// `h-` and the heading's lower-cased letters and digits joined by single hyphens.
    public static func anchor(for heading: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in heading.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "" : "#h-" + slug
    }
}

extension Lesson {
    /// The lesson as plain text, one block per paragraph (blocks separated by a blank line);
    /// chunk offsets point into this.
    public var plainText: String {
        blocks.map(\.text).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }
}
