/// What to look for and where. A query without a usable vector (missing, or of another
/// dimension than the index) has no dense part; one without terms has no lexical part.
public struct SearchQuery: Sendable {
    public var vector: [Float]?
    public var text: String?
    /// Only chunks of this course (exact string match).
    public var course: String?
    /// Only chunks of this lesson (exact string match).
    public var lesson: String?
    public var k: Int = 5
    public var mode: SearchMode = .hybrid

    public init(vector: [Float]? = nil, text: String? = nil, course: String? = nil, lesson: String? = nil,
                k: Int = 5, mode: SearchMode = .hybrid) {
        self.vector = vector
        self.text = text
        self.course = course
        self.lesson = lesson
        self.k = k
        self.mode = mode
    }
}

public enum SearchMode: String, Sendable, CaseIterable {
    /// Int8 scan for candidates, then cosine against the de-quantized vectors.
    case dense
    /// Okapi BM25 over title, heading path and text.
    case lexical
    /// Reciprocal-rank fusion (k = 60) of the dense and lexical lists.
    case hybrid
}

public struct SearchHit: Sendable, Equatable {
    /// The record's position in the index (`IndexReader.record(_:)`).
    public let index: Int
    /// Dense: cosine; lexical: BM25; hybrid: the fused reciprocal-rank score.
    public let score: Float

    public init(index: Int, score: Float) {
        self.index = index
        self.score = score
    }
}
