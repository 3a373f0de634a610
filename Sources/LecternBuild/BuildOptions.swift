import LecternChunking
import LecternSources

public struct BuildOptions: Sendable {
    /// The content root: `courses/` lives under it. Nothing outside it is read.
    public var contentRoot: String
    /// `index/` and `state.sqlite` are written here.
    public var outputDirectory: String
    /// Rebuild only this course (and with `lesson`, only that lesson); the rest is kept.
    public var course: String?
    public var lesson: String?
    public var chunking: ChunkingOptions
    public var modelDirectory: String?
    public var threads: Int?
    public var batchSize: Int
    /// External sources: only what is cached is used; nothing is fetched.
    public var offline = false
    public var fetchLimits = FetchLimits()
    /// Index chunks with guardrail findings anyway (the events are still recorded).
    public var allowFlagged = false
    /// The guardrail patterns: the default file (nil: found like `templates/`) and a user's
    /// file that extends it.
    public var guardrailPatterns: String?
    public var extraGuardrailPatterns: String?

    public init(contentRoot: String = "content", outputDirectory: String = "output", course: String? = nil,
                lesson: String? = nil, chunking: ChunkingOptions = ChunkingOptions(), modelDirectory: String? = nil,
                threads: Int? = nil, batchSize: Int = 32) {
        self.contentRoot = contentRoot
        self.outputDirectory = outputDirectory
        self.course = course
        self.lesson = lesson
        self.chunking = chunking
        self.modelDirectory = modelDirectory
        self.threads = threads
        self.batchSize = batchSize
    }

    public var indexDirectory: String { outputDirectory + "/index" }
    public var indexPath: String { indexDirectory + "/" + IndexLocation.fileName }
    public var statePath: String { outputDirectory + "/state.sqlite" }
}

/// Where `lectern build` writes the index and `lectern-query` looks for it.
public enum IndexLocation {
    public static let fileName = "lectern.index"
}

/// What one build did, for the one-screen summary and the tests.
public struct BuildSummary: Sendable {
    public var lessonsRead = 0
    public var lessonsInScope = 0
    public var lessonsRemoved = 0
    public var chunksInScope = 0
    public var chunksInIndex = 0
    public var embedded = 0
    public var fromCache = 0
    public var problems: [String] = []
    public var seconds = 0.0
    public var indexBytes = 0
    public var courses: [String: Int] = [:]
    /// External sources by status (New, Fetched, Indexed, Error).
    public var sources: [String: Int] = [:]
    /// Sources answered by a 304 or taken from the cache offline: nothing downloaded.
    public var sourcesFromCache = 0
    public var guardrailEvents = 0
    public var flaggedChunks = 0
    public var allowFlagged = false
}
