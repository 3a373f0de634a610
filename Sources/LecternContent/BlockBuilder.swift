/// Collects blocks in reading order and stamps each with the headings it sits under. Readers
/// share one builder when content nests (Markdown inside Editor.js), so a heading in one format
/// still frames the blocks of the other.
struct BlockBuilder: Sendable {
    private(set) var blocks: [Block] = []
    private var headings: [(level: Int, title: String)] = []

    /// The first level-1 heading, which is a lesson's title when nothing else names it.
    private(set) var firstTopHeading: String?

    var headingPath: [String] { headings.map(\.title) }

    mutating func heading(_ text: String, level: Int) {
        let title = text.collapsingWhitespace()
        guard !title.isEmpty else { return }
        let level = min(max(level, 1), 6)
        while let last = headings.last, last.level >= level { headings.removeLast() }
        headings.append((level, title))
        if level == 1, firstTopHeading == nil { firstTopHeading = title }
        blocks.append(Block(kind: .heading, text: title, level: level, headingPath: headingPath))
    }

    /// Adds a text block; empty text adds nothing. Code keeps its text exactly, other kinds are
    /// collapsed to single spaces.
    mutating func add(_ kind: Block.Kind, _ text: String, level: Int = 0, language: String? = nil) {
        let cleaned = kind == .code ? text : text.collapsingWhitespace()
        guard !cleaned.trimmingWhitespace().isEmpty else { return }
        let language = language.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        blocks.append(Block(kind: kind, text: cleaned, level: level, language: language, headingPath: headingPath))
    }

    /// A media reference; its text is the caption or title, possibly empty.
    mutating func media(kind: String, target: String, caption: String = "") {
        let target = target.trimmingWhitespace()
        guard !target.isEmpty else { return }
        blocks.append(Block(kind: .media, text: caption.collapsingWhitespace(),
                            media: MediaReference(kind: kind, target: target), headingPath: headingPath))
    }

    mutating func media(_ found: FoundMedia) {
        media(kind: found.kind, target: found.target, caption: found.caption)
    }
}
