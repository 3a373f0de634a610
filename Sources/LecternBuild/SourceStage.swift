import Foundation
import LecternChunking
import LecternContent
import LecternSources
import LecternStore

/// The external sources of a build: the lists read, each source fetched (or taken from the
/// cache), cut into chunks and scanned. What the index and state should become is decided
/// here; `IndexBuilder` writes it in its one transaction.
struct SourceStage {
    struct Source {
        var fetched: FetchedSource
        /// The chunks to index; nil keeps whatever the index holds for it (a failed fetch
        /// must not erase the last good copy).
        var chunks: [StoredChunk]?
        var flaggedChunks = 0
    }

    var sources: [Source] = []
    var problems: [String] = []
    var events: [GuardrailEventRecord] = []
    /// A list that could not be read whole may have lost entries, so no source's chunks are
    /// removed for being unlisted in this build.
    var listsIncomplete = false

    /// Sources of the build's scope (a course, a lesson), fetched in list order.
    static func run(options: BuildOptions, state: StateStore, chunker: Chunker, courseTitles: [String: String],
                    guardrails: GuardrailStage, log: (String) -> Void) -> SourceStage {
        var stage = SourceStage()
        let lists = SourceList.read(root: options.contentRoot)
        stage.problems = lists.problems.map(\.description)
        stage.listsIncomplete = !lists.problems.isEmpty
        let fetcher = SourceFetcher(contentRoot: options.contentRoot, state: state, limits: options.fetchLimits,
                                    offline: options.offline)
        let inScope = lists.entries.filter { entry in
            (options.course == nil || entry.course == options.course) && (options.lesson == nil || entry.lesson == options.lesson)
        }
        if !inScope.isEmpty { log("sources: \(inScope.count) listed\(options.offline ? " (offline)" : "")") }
        for entry in inScope {
            var source = Source(fetched: fetcher.fetch(entry))
            if source.fetched.status == .error {
                stage.problems.append("\(entry.listedIn) (record \(entry.record)): \(entry.url): \(source.fetched.message ?? "failed")")
            }
            if let document = source.fetched.document {
                let lesson = Lesson(course: CourseRef(id: entry.course, title: courseTitles[entry.course] ?? entry.course),
                                    chapter: ChapterRef(id: "", title: "", index: 0), id: entry.lesson ?? "",
                                    title: entry.title ?? document.title ?? entry.url, index: 0, url: entry.url,
                                    source: .external, blocks: document.blocks, origin: entry.url)
                let chunks = chunker.chunks(of: lesson).map { chunk -> StoredChunk in
                    var stored = StoredChunk(chunk: chunk)
                    if document.kind == .pdf, let page = SourceDocument.pdfAnchor(headingPath: chunk.headingPath) { stored.anchor = page }
                    return stored
                }
                let channels = document.kind == .html || document.kind == .markdown
                    ? HiddenTextChannels.channels(html: source.fetched.bytes ?? []) : []
                let scanned = guardrails.scan(chunks: chunks, channels: channels, course: entry.course, lesson: entry.lesson,
                                              source: "external", place: entry.url)
                stage.events += scanned.events
                source.chunks = scanned.kept
                source.flaggedChunks = scanned.flaggedChunks
                if chunks.isEmpty {
                    source.fetched.status = .error
                    source.fetched.message = "no text found in the \(document.kind.rawValue) document"
                    source.chunks = nil
                    stage.problems.append("\(entry.listedIn) (record \(entry.record)): \(entry.url): \(source.fetched.message!)")
                }
            } else if !entry.allowed {
                source.chunks = []  // A source no longer allowed leaves the index.
            }
            stage.sources.append(source)
        }
        return stage
    }

    /// Every chunk that will be written, for embedding.
    var chunks: [StoredChunk] { sources.flatMap { $0.chunks ?? [] } }

    /// The sources' chunks and their AI External Source rows; the chunks of sources that left
    /// the lists (in the build's scope) leave the index.
    func write(to state: StateStore, options: BuildOptions, time: Double, summary: inout BuildSummary) throws {
        for source in sources {
            let entry = source.fetched.entry
            if let chunks = source.chunks {
                try state.replaceSourceChunks(course: entry.course, lesson: entry.lesson ?? "", url: entry.url, with: chunks)
            }
        }
        let listed = Set(sources.map { [$0.fetched.entry.course, $0.fetched.entry.lesson ?? "", $0.fetched.entry.url] })
        var counts: [[String]: Int] = [:]
        for indexed in try state.indexedSources(course: options.course) {
            let key = [indexed.course, indexed.lesson, indexed.url]
            if options.lesson == nil && !listsIncomplete && !listed.contains(key) {
                try state.deleteSourceChunks(course: indexed.course, lesson: indexed.lesson, url: indexed.url)
            } else {
                counts[key] = indexed.chunks
            }
        }
        for source in sources {
            let fetched = source.fetched
            let entry = fetched.entry
            var status = fetched.status.rawValue
            var message = fetched.message
            if fetched.status == .fetched && source.chunks != nil {
                status = FetchedSource.Status.indexed.rawValue
                if source.flaggedChunks > 0 {
                    let fate = options.allowFlagged ? "kept (--allow-flagged)" : "left out of the index"
                    message = "\(source.flaggedChunks) chunk\(source.flaggedChunks == 1 ? "" : "s") with guardrail findings \(fate)"
                }
            }
            summary.sources[status, default: 0] += 1
            if fetched.fromCache { summary.sourcesFromCache += 1 }
            try state.recordSourceStatus(SourceStatusRecord(
                name: entry.name, course: entry.course, lesson: entry.lesson, title: entry.title ?? fetched.document?.title,
                url: entry.url, allowed: entry.allowed, status: status, lastFetchedAt: fetched.fetchedAt,
                mimeType: fetched.mimeType, chunkCount: counts[[entry.course, entry.lesson ?? "", entry.url]] ?? 0,
                error: message, listedIn: entry.listedIn), at: time)
        }
    }
}
