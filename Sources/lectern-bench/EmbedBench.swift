import Foundation
import LecternEmbedding

/// Embedding throughput (2,000 paragraphs, batch 32, 2 threads), single-query latency (200
/// ten-word queries, 1 thread) and peak memory.
enum EmbedBench {
    static func run(outputDirectory: String) throws {
        var workload = Workload(seed: 20_261_125)
        let paragraphs = (0..<2_000).map { _ in workload.paragraph(words: 120) }
        let queries = (0..<200).map { _ in workload.query(words: 10) }
        try writeWorkload(paragraphs: paragraphs, queries: queries, to: outputDirectory)

        let embedder = try Embedder(threads: 2)
        let tokens = paragraphs.map { embedder.tokenizer.encode($0).count }
        var report = BenchReport(name: "embed")
        print("embedding: \(paragraphs.count) paragraphs (mean \(tokens.reduce(0, +) / tokens.count) tokens), batch 32, 2 threads")

        _ = embedder.embed(Array(paragraphs.prefix(64)), batchSize: 32)
        let start = now()
        _ = embedder.embed(paragraphs, batchSize: 32)
        let seconds = now() - start
        report.add("paragraphs_per_s", Double(paragraphs.count) / seconds, "paragraphs/s")
        report.add("tokens_per_s", Double(tokens.reduce(0, +)) / seconds, "tokens/s")

        print("query latency: \(queries.count) queries of 10 words, one at a time, 1 thread")
        for query in queries.prefix(10) { _ = embedder.embed(query, threads: 1) }
        var latencies: [Double] = []
        for query in queries {
            let t0 = now()
            _ = embedder.embed(query, threads: 1)
            latencies.append((now() - t0) * 1000)
        }
        report.add("query_ms_median", quantile(latencies, 0.5), "ms")
        report.add("query_ms_p99", quantile(latencies, 0.99), "ms")
        report.add("peak_rss_mb", peakMemoryMB(), "MB")
        report.notes["threads_throughput"] = "2"
        report.notes["threads_query"] = "1"
        try report.write(to: outputDirectory)
    }

    /// The exact texts, so `make bench-peers` runs the peer on the same input.
    static func writeWorkload(paragraphs: [String], queries: [String], to directory: String) throws {
        let object: [String: Any] = ["paragraphs": paragraphs, "queries": queries, "batch_size": 32,
                                     "paragraph_threads": 2, "query_threads": 1]
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        try data.write(to: URL(fileURLWithPath: directory + "/embed-workload.json"), options: .atomic)
    }
}
