/// One chunk as the index stores it: where it comes from, its text, and its embedding.
public struct IndexRecord: Sendable, Equatable {
    public var chunkID: String
    public var course: String
    public var lesson: String
    public var title: String
    public var headingPath: [String]
    public var url: String
    public var source: String
    public var text: String
    /// Unit length (384-d for MiniLM). Read back from an index it is the de-quantized vector,
    /// so it differs from what was written by the int8 rounding.
    public var vector: [Float]

    public init(chunkID: String, course: String, lesson: String, title: String, headingPath: [String],
                url: String, source: String, text: String, vector: [Float]) {
        self.chunkID = chunkID
        self.course = course
        self.lesson = lesson
        self.title = title
        self.headingPath = headingPath
        self.url = url
        self.source = source
        self.text = text
        self.vector = vector
    }
}
