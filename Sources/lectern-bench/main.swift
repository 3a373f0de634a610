import Foundation
import LecternEmbedding

// `lectern-bench [NAME…]` runs the named benchmarks (all when none is named) and writes each
// one's figures to output/bench/NAME.json.
OpenBLASKernel.restartWithKnownCoreIfNeeded()
let benchmarks: [String: (String) throws -> Void] = [
    "embed": EmbedBench.run,
    "build": BuildBench.run,
    "index": IndexBench.run,
    "serve": ServeBench.run,
    "import": ImportBench.run,
    "faq": FAQBench.run,
]
let directory = ProcessInfo.processInfo.environment["LECTERN_BENCH_DIR"] ?? "output/bench"
let chosen = CommandLine.arguments.dropFirst().isEmpty ? benchmarks.keys.sorted() : Array(CommandLine.arguments.dropFirst())
do {
    for name in chosen {
        guard let bench = benchmarks[name] else {
            FileHandle.standardError.write(Data("lectern-bench: unknown benchmark \(name); known: \(benchmarks.keys.sorted().joined(separator: ", "))\n".utf8))
            exit(2)
        }
        try bench(directory)
    }
} catch {
    FileHandle.standardError.write(Data("lectern-bench: \(error)\n".utf8))
    exit(2)
}
