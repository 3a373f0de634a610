import ArgumentParser
import LecternBuild

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Fetch the external sources the lessons list, without indexing them.",
        discussion: """
            Reads content/sources.json and content/courses/<c>/sources.json, fetches each allowed \
            source (revalidating cached copies with ETag / Last-Modified), and records its status \
            (New, Fetched, Error), MIME type and error in state.sqlite for the reports. The next \
            `lectern build` indexes what was fetched. Exits with status 1 when a source failed.
            """)

    @Option(help: "The content root (holds sources.json and courses/).")
    var content = "content"

    @Option(help: "Where state.sqlite is.")
    var output = "output"

    @Option(help: "Only the sources of this course.")
    var course: String?

    @OptionGroup var fetching: FetchOptions

    func run() throws {
        var options = BuildOptions(contentRoot: content, outputDirectory: output, course: course)
        options.offline = fetching.offline
        options.fetchLimits = fetching.limits
        let result = try reportingFailures { try SourceRefresh.run(options: options, log: { printError("sources: \($0)") }) }
        for problem in result.problems { printError("warning: \(problem)") }
        for source in result.sources {
            let note = source.error.map { ": \($0)" } ?? ""
            print("\(source.status)\t\(source.course)\t\(source.url)\(source.mimeType.map { " (\($0))" } ?? "")\(note)")
        }
        print("\(result.sources.count) sources, \(result.notDownloaded) not downloaded (unchanged or cached), \(result.problems.count) problems")
        if !result.problems.isEmpty { throw ExitCode(1) }
    }
}
