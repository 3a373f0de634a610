import LecternContent
import LecternEmbedding

public struct ChunkingOptions: Sendable, Equatable {
    /// Word pieces per chunk, of the model's 256 (254 after [CLS] and [SEP]).
    public var maxTokens: Int
    /// Word pieces repeated from the end of a chunk at the start of the next when a section
    /// runs over several chunks.
    public var overlapTokens: Int

    public init(maxTokens: Int = 200, overlapTokens: Int = 32) {
        self.maxTokens = maxTokens
        self.overlapTokens = overlapTokens
    }
}

/// Cuts lessons into chunks along their structure: a heading starts a new chunk, blocks are
/// added whole while they fit the token budget, and a code block, list item or table row is
/// split only when it alone is over the budget (paragraphs then split at sentences, code at lines).
public struct Chunker: Sendable {
    public let tokenizer: WordPieceTokenizer
    public let options: ChunkingOptions

    public init(tokenizer: WordPieceTokenizer, options: ChunkingOptions = ChunkingOptions()) {
        precondition(options.maxTokens > options.overlapTokens && options.overlapTokens >= 0)
        self.tokenizer = tokenizer
        self.options = options
    }

    /// A piece of text no chunk boundary may cross.
    struct Piece {
        var text: String
        var tokens: Int
        var start: Int
        var end: Int
        var headingPath: [String]
        var isHeading: Bool
        /// Sentence-like text may be carried over as overlap; code, list items and rows are not cut.
        var isProse: Bool
    }

    public func chunks(of lesson: Lesson) -> [Chunk] {
        // The context line ("Lesson > Section") costs the same for every block under one heading.
        var costs: [[String]: Int] = [:]
        for path in Set(lesson.blocks.map(\.headingPath)) {
            costs[path] = tokenizer.wordPieceIDs(Chunk.embeddingText(lessonTitle: lesson.title, headingPath: path, text: "")).count
        }
        let pieces = self.pieces(of: lesson, contextCosts: costs)
        var chunks: [Chunk] = []
        var current: [Piece] = []
        var currentTokens = 0
        var contextTokens = 0

        func contextCost(_ path: [String]) -> Int { costs[path] ?? 0 }
        func close() {
            guard !current.isEmpty else { return }
            let body = current.map(\.text).joined(separator: "\n")
            let path = current.first(where: { !$0.isHeading })?.headingPath ?? current.last?.headingPath ?? []
            let ordinal = chunks.count
            chunks.append(Chunk(
                id: Chunk.id(course: lesson.course.id, lesson: lesson.id, source: lesson.source, ordinal: ordinal, text: body),
                course: lesson.course.id, courseTitle: lesson.course.title, lesson: lesson.id, lessonTitle: lesson.title,
                url: lesson.url, source: lesson.source, ordinal: ordinal, text: body, headingPath: path,
                anchor: path.last.map(Chunk.anchor(for:)) ?? "", start: current.first!.start, end: current.last!.end,
                tokenCount: contextTokens + currentTokens))
            current = []
            currentTokens = 0
        }

        for piece in pieces {
            if piece.isHeading && current.contains(where: { !$0.isHeading }) {
                close()
            }
            if current.isEmpty { contextTokens = contextCost(piece.headingPath) }
            if !current.isEmpty && contextTokens + currentTokens + piece.tokens > options.maxTokens {
                let carried = overlap(from: current)
                close()
                contextTokens = contextCost(piece.headingPath)
                let carriedTokens = carried.reduce(0) { $0 + $1.tokens }
                // Overlap only where the new piece leaves room for it.
                if contextTokens + carriedTokens + piece.tokens <= options.maxTokens {
                    current = carried
                    currentTokens = carriedTokens
                }
            }
            current.append(piece)
            currentTokens += piece.tokens
        }
        if current.contains(where: { !$0.isHeading }) { close() }
        return chunks
    }

    /// The trailing prose of a full chunk, up to the overlap budget, to open the next one.
    private func overlap(from pieces: [Piece]) -> [Piece] {
        guard options.overlapTokens > 0, let last = pieces.last, last.isProse, !last.isHeading else { return [] }
        if last.tokens <= options.overlapTokens { return [last] }
        var carried: [Piece] = []
        var tokens = 0
        for sentence in sentences(of: last).reversed() {
            guard tokens + sentence.tokens <= options.overlapTokens else { break }
            carried.insert(sentence, at: 0)
            tokens += sentence.tokens
        }
        return carried
    }

    /// Blocks as pieces, each within the budget left after the chunk's context line.
    func pieces(of lesson: Lesson, contextCosts: [[String]: Int]) -> [Piece] {
        var pieces: [Piece] = []
        var offset = 0
        for block in lesson.blocks where !block.text.isEmpty {
            let length = block.text.unicodeScalars.count
            let piece = Piece(text: block.text, tokens: tokenizer.wordPieceIDs(block.text).count, start: offset,
                              end: offset + length, headingPath: block.headingPath, isHeading: block.kind == .heading,
                              isProse: block.kind == .paragraph || block.kind == .quote)
            offset += length + 2
            let room = options.maxTokens - (contextCosts[block.headingPath] ?? 0)
            if piece.tokens <= max(room, 16) {
                pieces.append(piece)
            } else {
                // Parts of a long paragraph leave room for the overlap the next chunk opens with.
                let budget = max(room - (piece.isProse ? options.overlapTokens : 0), 16)
                pieces += split(piece, budget: budget, byLines: block.kind == .code)
            }
        }
        return pieces
    }

    /// An over-long piece cut at lines (code) or sentences, and words where one is still too long.
    private func split(_ piece: Piece, budget: Int, byLines: Bool) -> [Piece] {
        let parts = byLines ? segments(of: piece, separatedBy: { $0 == "\n" }) : sentences(of: piece)
        return pack(parts.flatMap { $0.tokens > budget ? words(of: $0, budget: budget) : [$0] },
                    budget: budget, separator: byLines ? "\n" : " ")
    }

    /// Consecutive parts joined while they fit `budget` tokens together.
    private func pack(_ parts: [Piece], budget: Int, separator: String) -> [Piece] {
        var result: [Piece] = []
        var current: Piece?
        for part in parts {
            if var open = current, open.tokens + part.tokens <= budget {
                open.text += separator + part.text
                open.tokens += part.tokens
                open.end = part.end
                current = open
            } else {
                if let open = current { result.append(open) }
                current = part
            }
        }
        if let open = current { result.append(open) }
        return result
    }

    /// Sentences end at `.`, `!` or `?` followed by white space.
    func sentences(of piece: Piece) -> [Piece] {
        var previous: Unicode.Scalar = " "
        return segments(of: piece) { scalar in
            defer { previous = scalar }
            return (scalar == " " || scalar == "\n") && (previous == "." || previous == "!" || previous == "?")
        }
    }

    /// Runs of words that each fit `budget` tokens.
    private func words(of piece: Piece, budget: Int) -> [Piece] {
        let parts = segments(of: piece) { $0 == " " || $0 == "\n" || $0 == "\t" }
        // A single "word" over the budget (a long URL, minified code) is cut by scalars.
        return pack(parts, budget: budget, separator: " ").flatMap { $0.tokens > budget ? hardCut($0, budget: budget) : [$0] }
    }

    private func hardCut(_ piece: Piece, budget: Int) -> [Piece] {
        let scalars = Array(piece.text.unicodeScalars)
        var result: [Piece] = []
        var start = 0
        while start < scalars.count {
            var end = min(scalars.count, start + budget)
            var text = String(String.UnicodeScalarView(scalars[start..<end]))
            var tokens = tokenizer.wordPieceIDs(text).count
            while tokens > budget && end - start > 1 {
                end = start + (end - start) / 2
                text = String(String.UnicodeScalarView(scalars[start..<end]))
                tokens = tokenizer.wordPieceIDs(text).count
            }
            result.append(Piece(text: text, tokens: tokens, start: piece.start + start, end: piece.start + end,
                                headingPath: piece.headingPath, isHeading: false, isProse: false))
            start = end
        }
        return result
    }

    /// Splits after each scalar where `isBoundary` is true; offsets follow the original text.
    private func segments(of piece: Piece, separatedBy isBoundary: (Unicode.Scalar) -> Bool) -> [Piece] {
        var result: [Piece] = []
        var text = String.UnicodeScalarView()
        var segmentStart = piece.start
        var position = piece.start
        func flush() {
            let trimmed = String(text).trimmingWhitespace()
            if !trimmed.isEmpty {
                result.append(Piece(text: trimmed, tokens: tokenizer.wordPieceIDs(trimmed).count, start: segmentStart,
                                    end: position, headingPath: piece.headingPath, isHeading: false, isProse: piece.isProse))
            }
            text = String.UnicodeScalarView()
            segmentStart = position
        }
        for scalar in piece.text.unicodeScalars {
            if isBoundary(scalar) {
                flush()
                position += 1
                segmentStart = position
            } else {
                text.append(scalar)
                position += 1
            }
        }
        flush()
        return result
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
