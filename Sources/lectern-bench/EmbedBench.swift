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

        var report = BenchReport(name: "embed")
        let embedder = try Embedder(threads: 2)
        // Where the CPU has AMX or AVX-512: the same work through OpenBLAS, for the ratio.
        if embedder.products != "OpenBLAS" {
            let blas = try Embedder(threads: 2, tiles: false, vectorKernel: false)
            print("embedding through OpenBLAS (\(OpenBLASKernel.coreName) kernels), for comparison")
            let rates = measure(blas, paragraphs: paragraphs, queries: queries)
            report.add("openblas_paragraphs_per_s", rates.paragraphsPerSecond, "paragraphs/s")
            report.add("openblas_query_ms_median", rates.queryMedian, "ms")
            report.add("openblas_batch16_query_ms", rates.batch16PerQuery, "ms per query in batches of 16, 1 thread")
        }
        report.notes["products"] = embedder.usesTiles ? "AMX tiles (bfloat16 hi+lo parts, float sums)" : embedder.products
        report.notes["openblas_core"] = OpenBLASKernel.coreName
        let tokens = paragraphs.map { embedder.tokenizer.encode($0).count }
        print("embedding: \(paragraphs.count) paragraphs (mean \(tokens.reduce(0, +) / tokens.count) tokens), batch 32, 2 threads")
        let rates = measure(embedder, paragraphs: paragraphs, queries: queries)
        report.add("paragraphs_per_s", rates.paragraphsPerSecond, "paragraphs/s")
        report.add("tokens_per_s", Double(tokens.reduce(0, +)) * rates.paragraphsPerSecond / Double(paragraphs.count), "tokens/s")
        report.add("query_ms_median", rates.queryMedian, "ms")
        report.add("query_ms_p99", rates.queryP99, "ms")
        report.add("batch16_query_ms", rates.batch16PerQuery, "ms per query in batches of 16, 1 thread")
        report.add("peak_rss_mb", peakMemoryMB(), "MB")
        report.notes["threads_throughput"] = "2"
        report.notes["threads_query"] = "1"
        try report.write(to: outputDirectory)
    }

    struct Rates {
        var paragraphsPerSecond = 0.0, queryMedian = 0.0, queryP99 = 0.0, batch16PerQuery = 0.0
    }

    static func measure(_ embedder: Embedder, paragraphs: [String], queries: [String]) -> Rates {
        var rates = Rates()

        _ = embedder.embed(Array(paragraphs.prefix(64)), batchSize: 32)
        let start = now()
        _ = embedder.embed(paragraphs, batchSize: 32)
        rates.paragraphsPerSecond = Double(paragraphs.count) / (now() - start)

        print("query latency: \(queries.count) queries of 10 words, one at a time, 1 thread")
        for query in queries.prefix(10) { _ = embedder.embed(query, threads: 1) }
        var latencies: [Double] = []
        for query in queries {
            let t0 = now()
            _ = embedder.embed(query, threads: 1)
            latencies.append((now() - t0) * 1000)
        }
        rates.queryMedian = quantile(latencies, 0.5)
        rates.queryP99 = quantile(latencies, 0.99)
        // What the server does under load: the questions waiting, embedded together.
        let t0 = now()
        _ = embedder.embed(queries, batchSize: 16, threads: 1)
        rates.batch16PerQuery = (now() - t0) * 1000 / Double(queries.count)
        print(String(format: "  %.0f paragraphs/s, query %.2f ms (median), %.2f ms per query in batches of 16",
                     rates.paragraphsPerSecond, rates.queryMedian, rates.batch16PerQuery))
        return rates
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
