import Foundation
import LecternChunking
import LecternContent
import LecternEmbedding
import LecternGuardrails
import LecternIndex
import LecternStore

public struct BuildError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// `lectern build`: content → lessons → chunks → embeddings (cached by text hash) → index file.
/// State changes commit in one transaction and the index is renamed into place only after
/// it is complete, so a failed or interrupted build leaves the previous index and state.
public struct IndexBuilder {
    public let options: BuildOptions
    /// Progress lines for the terminal.
    public var log: (String) -> Void
    /// Chunks embedded so far, of how many, from any thread.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(options: BuildOptions, log: @escaping (String) -> Void = { _ in },
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.options = options
        self.log = log
        self.progress = progress
    }

    public func run() throws -> BuildSummary {
        let started = Date()
        var summary = BuildSummary()
        let runID = ISO8601DateFormatter().string(from: started)
        try FileManager.default.createDirectory(atPath: options.indexDirectory, withIntermediateDirectories: true)

        // A mistyped root must not read as "every lesson was deleted".
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.contentRoot + "/courses", isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw BuildError("\(options.contentRoot)/courses: no such folder; nothing was built and the previous index is kept")
        }

        // Read everything, then keep the scope asked for.
        let content = ContentLibrary.read(root: options.contentRoot)
        summary.problems = content.problems.map(\.description)
        summary.lessonsRead = content.lessons.count
        let inScope = content.lessons.filter { lesson in
            (options.course == nil || lesson.course.id == options.course) && (options.lesson == nil || lesson.id == options.lesson)
        }
        if let course = options.course, !content.lessons.contains(where: { $0.course.id == course }) {
            throw BuildError("course \(course) was not found under \(options.contentRoot)/courses")
        }
        if let lesson = options.lesson, inScope.isEmpty {
            throw BuildError("lesson \(lesson) was not found in course \(options.course ?? "any")")
        }
        summary.lessonsInScope = inScope.count

        let tokenizer = try WordPieceTokenizer(vocabularyPath: try ModelLocation.resolve(options.modelDirectory) + "/vocab.txt")
        let chunker = Chunker(tokenizer: tokenizer, options: options.chunking)
        let guardrails = GuardrailStage(scanner: try Self.guardrailScanner(options), allowFlagged: options.allowFlagged,
                                        time: started.timeIntervalSince1970)
        var events: [GuardrailEventRecord] = []
        var chunksByLesson: [LessonKey: [StoredChunk]] = [:]
        for lesson in inScope {
            let key = LessonKey(course: lesson.course.id, lesson: lesson.id)
            let scanned = guardrails.scan(chunks: chunker.chunks(of: lesson).map(StoredChunk.init(chunk:)),
                                          channels: GuardrailStage.channels(ofLessonFile: lesson.origin, root: options.contentRoot),
                                          course: lesson.course.id, lesson: lesson.id, source: "lesson", place: lesson.origin)
            chunksByLesson[key, default: []] += scanned.kept
            events += scanned.events
            summary.flaggedChunks += scanned.flaggedChunks
        }

        let state = try StateStore(path: options.statePath)
        let courseTitles = Dictionary(content.lessons.map { ($0.course.id, $0.course.title) }, uniquingKeysWith: { first, _ in first })
        let sourceStage = SourceStage.run(options: options, state: state, chunker: chunker, courseTitles: courseTitles,
                                          guardrails: guardrails, log: log)
        summary.problems += sourceStage.problems
        events += sourceStage.events
        summary.flaggedChunks += sourceStage.sources.map(\.flaggedChunks).reduce(0, +)
        summary.guardrailEvents = events.count
        summary.allowFlagged = options.allowFlagged
        let scopeChunks = chunksByLesson.values.flatMap { $0 } + sourceStage.chunks
        summary.chunksInScope = scopeChunks.count
        let modelID = Embedder.modelID
        var vectors = try state.cachedVectors(model: modelID, hashes: scopeChunks.map(\.embeddingSHA256))
        summary.fromCache = scopeChunks.filter { vectors[$0.embeddingSHA256] != nil }.count

        var missing: [StoredChunk] = []
        var seen = Set<String>()
        for chunk in scopeChunks where vectors[chunk.embeddingSHA256] == nil && seen.insert(chunk.embeddingSHA256).inserted {
            missing.append(chunk)
        }
        if !missing.isEmpty {
            log("embedding \(missing.count) new chunk\(missing.count == 1 ? "" : "s")")
            let embedder = try Embedder(modelDirectory: options.modelDirectory, threads: options.threads)
            let texts = missing.map { Self.embeddingText(of: $0) }
            let total = texts.count
            let report = progress
            let embeddings = embedder.embed(texts, batchSize: options.batchSize) { done in report?(done, total) }
            // The cache keeps what was embedded even if a later step fails: it is keyed by the
            // text, so it can never be stale, and a retry does not pay for the model again.
            try state.database.transaction {
                try state.cacheVectors(model: modelID, missing.indices.map { (missing[$0].embeddingSHA256, embeddings.vector($0)) })
            }
            for (index, chunk) in missing.enumerated() { vectors[chunk.embeddingSHA256] = Array(embeddings.vector(index)) }
            summary.embedded = missing.count
        }

        // Lessons of the scope that are gone from the content leave the index, unless their
        // course had a read problem (then an unreadable file must not erase its old chunks).
        let coursesWithProblems = Set(content.problems.compactMap(\.course))
        let present = Set(chunksByLesson.keys)
        let stale = try state.lessons(course: options.course).map { LessonKey(course: $0.course, lesson: $0.lesson) }
            .filter { key in
                !present.contains(key) && options.lesson == nil && !coursesWithProblems.contains(key.course)
                    && (options.course == nil || options.course == key.course)
            }
        summary.lessonsRemoved = stale.count

        // Write the new index beside the old one first; the state commits only once it is whole.
        let finished = Date().timeIntervalSince1970
        try state.database.transaction {
            for (key, chunks) in chunksByLesson {
                try state.replaceChunks(course: key.course, lesson: key.lesson, with: chunks)
                try state.recordRun(IndexRunRecord(run: runID, course: key.course, lesson: key.lesson, status: "Success",
                                                   chunkCount: chunks.count, startedAt: started.timeIntervalSince1970,
                                                   endedAt: finished, notes: ""))
            }
            for key in stale {
                try state.deleteChunks(course: key.course, lesson: key.lesson)
                try state.recordRun(IndexRunRecord(run: runID, course: key.course, lesson: key.lesson, status: "Success",
                                                   chunkCount: 0, startedAt: started.timeIntervalSince1970,
                                                   endedAt: finished, notes: "removed: no longer in the content"))
            }
            try sourceStage.write(to: state, options: options, time: finished, summary: &summary)
            for event in events { try state.recordGuardrailEvent(event) }
            for problem in content.problems {
                try state.recordRun(IndexRunRecord(run: runID, course: problem.course ?? "", lesson: problem.path, status: "Error",
                                                   chunkCount: nil, startedAt: started.timeIntervalSince1970,
                                                   endedAt: finished, notes: problem.description))
            }
            let all = try state.chunks()
            var records: [IndexRecord] = []
            records.reserveCapacity(all.count)
            var lacking: [StoredChunk] = []
            for chunk in all {
                if vectors[chunk.embeddingSHA256] == nil { lacking.append(chunk) }
            }
            if !lacking.isEmpty {
                for (hash, vector) in try state.cachedVectors(model: modelID, hashes: lacking.map(\.embeddingSHA256)) {
                    vectors[hash] = vector
                }
            }
            for chunk in all {
                guard let vector = vectors[chunk.embeddingSHA256] else {
                    throw BuildError("chunk \(chunk.id) of \(chunk.course)/\(chunk.lesson) has no cached embedding; run `lectern build --course \(chunk.course)`")
                }
                records.append(IndexRecord(chunkID: chunk.id, course: chunk.course, lesson: chunk.lesson,
                                           title: chunk.lessonTitle, headingPath: chunk.headingPath,
                                           url: chunk.url + chunk.anchor, source: chunk.source, text: chunk.text,
                                           vector: vector))
                summary.courses[chunk.course, default: 0] += 1
            }
            summary.chunksInIndex = records.count
            try IndexWriter.write(records, modelID: modelID, to: options.indexPath)
        }
        summary.indexBytes = (try? FileManager.default.attributesOfItem(atPath: options.indexPath)[.size] as? Int) ?? 0
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    static func guardrailScanner(_ options: BuildOptions) throws -> GuardrailScanner {
        guard let defaults = options.guardrailPatterns ?? GuardrailPatterns.defaultFile() else {
            throw BuildError("\(GuardrailPatterns.defaultRelativePath) was not found in the working folder or above the lectern executable; nothing was built")
        }
        do {
            return GuardrailScanner(patterns: try GuardrailPatterns.load(defaults: defaults, extra: options.extraGuardrailPatterns))
        } catch {
            throw BuildError(error.message + "; nothing was built")
        }
    }

    static func embeddingText(of chunk: StoredChunk) -> String {
        Chunk.embeddingText(lessonTitle: chunk.lessonTitle, headingPath: chunk.headingPath, text: chunk.text)
    }
}

struct LessonKey: Hashable {
    let course: String
    let lesson: String
}

extension StoredChunk {
    init(chunk: Chunk) {
        self.init(id: chunk.id, course: chunk.course, courseTitle: chunk.courseTitle, lesson: chunk.lesson,
                  lessonTitle: chunk.lessonTitle, source: chunk.source.rawValue, ordinal: chunk.ordinal, url: chunk.url,
                  headingPath: chunk.headingPath, anchor: chunk.anchor, start: chunk.start, end: chunk.end,
                  tokenCount: chunk.tokenCount, text: chunk.text, embeddingSHA256: SHA256.hex(chunk.embeddingText))
    }
}
