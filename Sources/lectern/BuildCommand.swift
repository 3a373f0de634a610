import ArgumentParser
import Foundation
import LecternBuild
import LecternChunking
import LecternSources

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the retrieval index from the course content.",
        discussion: """
            Reads content/courses/ (authoring layout, Frappe LMS exports), cuts lessons into chunks, \
            embeds new chunks (unchanged ones come from the cache in state.sqlite) and writes \
            OUTPUT/index/lectern.index. With --course (and --lesson) only that scope is rebuilt and the \
            rest of the index is kept. Files that cannot be read are reported and recorded in the run's \
            notes; the build goes on and exits with status 1. The index and state are replaced only \
            when the build succeeds; a missing content root is an error (status 2) that changes nothing. \
            External sources listed in content/sources.json and content/courses/<c>/sources.json are \
            fetched (or revalidated) and indexed with the lessons; a source that fails is reported and \
            the build goes on. Lesson and source text is scanned for prompt injections and secrets \
            (guardrails/patterns.txt); each finding is recorded as an AI Guardrail Event and its \
            chunk left out of the index unless --allow-flagged.
            """)

    @Option(help: "The content root (holds courses/).")
    var content = "content"

    @Option(help: "Where index/ and state.sqlite go.")
    var output = "output"

    @Option(help: "Rebuild only this course.")
    var course: String?

    @Option(help: "Rebuild only this lesson (with --course).")
    var lesson: String?

    @Option(help: "Token budget per chunk (of the model's 256).")
    var maxTokens = 200

    @Option(help: "Tokens repeated between consecutive chunks of one section.")
    var overlap = 32

    @Option(help: "Worker threads for embedding (default: all cores).")
    var threads: Int?

    @OptionGroup var model: ModelOption

    @OptionGroup var fetching: FetchOptions

    @Flag(help: "Index chunks with guardrail findings anyway (the events are still recorded).")
    var allowFlagged = false

    @Option(help: "A guardrail patterns file that extends guardrails/patterns.txt.")
    var guardrailPatterns: String?

    func validate() throws {
        guard (16...254).contains(maxTokens) else { throw ValidationError("--max-tokens must be between 16 and 254") }
        guard overlap >= 0 && overlap < maxTokens / 2 else { throw ValidationError("--overlap must be at least 0 and under half of --max-tokens") }
        if lesson != nil && course == nil { throw ValidationError("--lesson needs --course") }
    }

    func run() throws {
        var options = BuildOptions(contentRoot: content, outputDirectory: output, course: course, lesson: lesson,
                                   chunking: ChunkingOptions(maxTokens: maxTokens, overlapTokens: overlap),
                                   modelDirectory: model.directory, threads: threads)
        options.offline = fetching.offline
        options.fetchLimits = fetching.limits
        options.allowFlagged = allowFlagged
        options.extraGuardrailPatterns = guardrailPatterns
        let progress = Progress(label: "build: embedded")
        let summary = try reportingFailures {
            try IndexBuilder(options: options, log: { printError("build: \($0)") },
                             progress: { done, _ in progress.update(done) }).run()
        }
        progress.finish()
        for problem in summary.problems { printError("warning: \(problem)") }
        print(BuildReport.text(summary, options: options), terminator: "")
        // The index is built from everything readable; the status still tells cron something was not.
        if !summary.problems.isEmpty { throw ExitCode(1) }
    }
}

/// The one-screen summary after a build.
enum BuildReport {
    static func text(_ s: BuildSummary, options: BuildOptions) -> String {
        var lines = ["Lectern build: \(s.lessonsInScope) lessons read\(options.course.map { " in \($0)" } ?? ""), \(s.chunksInScope) chunks (\(s.embedded) embedded, \(s.fromCache) from cache)"]
        for (course, count) in s.courses.sorted(by: { $0.key < $1.key }) { lines.append("  \(course): \(count) chunks") }
        if s.lessonsRemoved > 0 { lines.append("  removed: \(s.lessonsRemoved) lessons no longer in the content") }
        if !s.sources.isEmpty {
            let counts = ["Indexed", "Fetched", "New", "Error"].compactMap { status in s.sources[status].map { "\($0) \(status)" } }
            lines.append("  sources: \(counts.joined(separator: ", ")) (\(s.sourcesFromCache) unchanged or cached, not downloaded)")
        }
        if s.guardrailEvents > 0 || s.flaggedChunks > 0 {
            let fate = s.allowFlagged ? "kept (--allow-flagged)" : "left out of the index"
            lines.append("  guardrails: \(s.guardrailEvents) finding\(s.guardrailEvents == 1 ? "" : "s"), \(s.flaggedChunks) chunk\(s.flaggedChunks == 1 ? "" : "s") \(fate)")
        }
        lines.append("  problems: \(s.problems.count)\(s.problems.isEmpty ? "" : " (listed above)")")
        lines.append("  index: \(options.indexPath), \(s.chunksInIndex) chunks, \(s.indexBytes / 1024) KiB")
        lines.append(String(format: "  time: %.2f s", s.seconds))
        return lines.joined(separator: "\n") + "\n"
    }
}
