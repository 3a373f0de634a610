import ArgumentParser
import Foundation
import LecternBuild
import LecternIndex

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure retrieval quality on a BEIR-layout test set.",
        discussion: """
            Builds a temporary index from DIR/corpus.jsonl, searches it with every query of \
            DIR/queries.jsonl that DIR/qrels/test.tsv judges, and prints nDCG@10, Recall@10 and MRR@10 \
            per mode as JSON.
            """)

    @Option(help: "The BEIR folder.")
    var beir: String

    @Option(help: "dense, lexical, hybrid or all.")
    var mode = "all"

    @OptionGroup var model: ModelOption

    func run() throws {
        let modes: [SearchMode]
        if mode == "all" {
            modes = SearchMode.allCases
        } else if let one = SearchMode(rawValue: mode) {
            modes = [one]
        } else {
            throw ValidationError("--mode must be dense, lexical, hybrid or all")
        }
        let scores = try reportingFailures { try BeirEvaluation(directory: beir).run(modes: modes, modelDirectory: model.directory) }
        let rows = scores.map { s in
            String(format: #"  {"mode": "%@", "queries": %d, "ndcg@10": %.4f, "recall@10": %.4f, "mrr@10": %.4f}"#,
                   s.mode.rawValue, s.queries, s.ndcgAt10, s.recallAt10, s.mrrAt10)
        }
        print("[\n" + rows.joined(separator: ",\n") + "\n]")
    }
}
