import ArgumentParser
import LecternEmbedding

@main
struct Lectern: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lectern",
        abstract: "Offline RAG index builder and AI-tutor report generator for online courses.",
        subcommands: [BuildCommand.self, SourcesCommand.self, ImportCommand.self, FAQCommand.self, ReportsCommand.self,
                      CheckAlertsCommand.self, EvalCommand.self, EmbedCommand.self, TokenizeCommand.self])

    static func main() {
        OpenBLASKernel.restartWithKnownCoreIfNeeded()
        main(nil)
    }
}
