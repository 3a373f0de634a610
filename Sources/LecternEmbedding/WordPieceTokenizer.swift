/// BERT's uncased WordPiece tokenizer with the model's vocabulary: `[CLS]`, the word pieces of
/// the text, `[SEP]`, truncated to `maxLength` ids in all.
public struct WordPieceTokenizer: Sendable {
    public static let maxWordScalars = 100

    public let maxLength: Int
    public let clsID: Int32
    public let sepID: Int32
    public let unknownID: Int32
    public let padID: Int32
    // Keyed by scalars, not `String`: String equality is canonical equivalence, and the reference
    // matches exact code points (a Hangul syllable must not match its decomposed jamo).
    private let wordStarts: [ArraySlice<Unicode.Scalar>: Int32]
    private let continuations: [ArraySlice<Unicode.Scalar>: Int32]
    private let tokens: [String]
    /// No vocabulary entry is longer than this many scalars, so longer candidates are skipped.
    private let longestEntry: Int

    public init(vocabularyPath: String, maxLength: Int = 256) throws(EmbeddingError) {
        let file = try MappedFile(path: vocabularyPath)
        let text = String(decoding: file.bytes, as: UTF8.self)
        var tokens: [String] = []
        tokens.reserveCapacity(32_000)
        text.split(separator: "\n", omittingEmptySubsequences: false).forEach { line in
            tokens.append(String(line.hasSuffix("\r") ? line.dropLast() : line))
        }
        if tokens.last == "" { tokens.removeLast() }
        try self.init(tokens: tokens, maxLength: maxLength, source: vocabularyPath)
    }

    public init(tokens: [String], maxLength: Int = 256, source: String = "vocabulary") throws(EmbeddingError) {
        // Sized up front: growing them step by step rehashed 30,000 keys several times at start-up.
        var starts = [ArraySlice<Unicode.Scalar>: Int32](minimumCapacity: tokens.count)
        var continuations = [ArraySlice<Unicode.Scalar>: Int32](minimumCapacity: tokens.count / 4)
        var longest = 0
        for (index, token) in tokens.enumerated() {
            let scalars = Array(token.unicodeScalars)
            if scalars.count > 2 && scalars[0] == "#" && scalars[1] == "#" {
                if continuations[scalars[2...]] == nil { continuations[scalars[2...]] = Int32(index) }
            } else if starts[scalars[...]] == nil {
                starts[scalars[...]] = Int32(index)
            }
            longest = max(longest, scalars.count)
        }
        func id(_ token: String) throws(EmbeddingError) -> Int32 {
            guard let id = starts[Array(token.unicodeScalars)[...]] else {
                throw EmbeddingError.model(source, "the vocabulary has no \(token) token")
            }
            return id
        }
        guard maxLength >= 2 else { throw EmbeddingError("maximum length \(maxLength) leaves no room for [CLS] and [SEP]") }
        self.maxLength = maxLength
        self.clsID = try id("[CLS]")
        self.sepID = try id("[SEP]")
        self.unknownID = try id("[UNK]")
        self.padID = try id("[PAD]")
        self.wordStarts = starts
        self.continuations = continuations
        self.tokens = tokens
        self.longestEntry = longest
    }

    public var vocabularySize: Int { tokens.count }

    /// The ids of `text`: `[CLS]`, at most `maxLength - 2` word pieces, `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        let budget = maxLength - 2
        var result: [Int32] = [clsID]
        for word in BertNormalizer.words(text) {
            if result.count > budget { break }
            appendPieces(of: word, to: &result)
        }
        if result.count > budget + 1 { result.removeLast(result.count - budget - 1) }
        result.append(sepID)
        return result
    }

    /// The word pieces of all of `text`, without [CLS], [SEP] or truncation: what a chunk
    /// budget counts.
    public func wordPieceIDs(_ text: String) -> [Int32] {
        var result: [Int32] = []
        for word in BertNormalizer.words(text) { appendPieces(of: word, to: &result) }
        return result
    }

    /// The token text of each id, for display.
    public func token(for id: Int32) -> String {
        tokens.indices.contains(Int(id)) ? tokens[Int(id)] : "[UNK]"
    }

    /// Greedy longest-match-first; a word that cannot be covered entirely is one `[UNK]`.
    private func appendPieces(of word: [Unicode.Scalar], to result: inout [Int32]) {
        if word.count > Self.maxWordScalars {
            result.append(unknownID)
            return
        }
        let mark = result.count
        var start = 0
        while start < word.count {
            let pieces = start > 0 ? continuations : wordStarts
            var end = min(word.count, start + longestEntry)
            var found: Int32?
            while end > start {
                if let id = pieces[word[start..<end]] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                result.removeLast(result.count - mark)
                result.append(unknownID)
                return
            }
            result.append(id)
            start = end
        }
    }
}
