import Foundation
import LecternReports
import LecternStore

/// `lectern import` throughput, whole import (open the state database, read, check, upsert,
/// commit) on generated logs: a 1,000,000-row AI Proxy Log as Data Import CSV and as JSON Lines,
/// 300,000 AI Chat Messages as JSON Lines, the proxy log and the messages together (the issue's
/// figure, to compare with 200,000 rows/s), and a re-import of the proxy CSV (nothing changed);
/// then the report site rendered from the combined state (`RenderBench`).
enum ImportBench {
    static let proxyRows = 1_000_000
    static let messageRows = 300_000

    static func run(outputDirectory: String) throws {
        let work = benchScratchFolder(outputDirectory, "import")
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // LECTERN_BENCH_KEEP=1 leaves the generated logs and states for profiling `lectern reports`.
        defer { if ProcessInfo.processInfo.environment["LECTERN_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: work) } }

        let t0 = now()
        var generator = ImportLogGenerator(seed: 20_260_301)
        let proxy = generator.proxyRows(proxyRows)
        let proxyCSV = work + "/AI Proxy Log.csv", proxyJSONL = work + "/AI Proxy Log.jsonl"
        let messages = work + "/AI Chat Message.jsonl"
        try write(ImportLogGenerator.proxyCSV(proxy), to: proxyCSV)
        try write(ImportLogGenerator.proxyJSONLines(proxy), to: proxyJSONL)
        try write(generator.messageJSONLines(messageRows), to: messages)
        print("import: generated \(proxyRows) proxy calls (CSV \(megabytes(proxyCSV)) MB, JSON Lines \(megabytes(proxyJSONL)) MB) "
              + "and \(messageRows) chat messages (\(megabytes(messages)) MB) in \(String(format: "%.1f", now() - t0)) s")

        var report = BenchReport(name: "import")
        let csvState = work + "/state-csv.sqlite"
        report.add("proxy_csv_rows_per_s", try rate([proxyCSV], into: csvState, expected: proxyRows), "rows/s")
        report.add("proxy_csv_reimport_rows_per_s", try rate([proxyCSV], into: csvState, expected: proxyRows, fresh: false), "rows/s")
        report.add("proxy_jsonl_rows_per_s", try rate([proxyJSONL], into: work + "/state-jsonl.sqlite", expected: proxyRows), "rows/s")
        report.add("messages_jsonl_rows_per_s", try rate([messages], into: work + "/state-messages.sqlite", expected: messageRows), "rows/s")
        let combinedState = work + "/state-both-csv.sqlite"
        report.add("combined_csv_rows_per_s", try rate([proxyCSV, messages], into: combinedState,
                                                       expected: proxyRows + messageRows), "rows/s")
        report.add("combined_jsonl_rows_per_s", try rate([proxyJSONL, messages], into: work + "/state-both-jsonl.sqlite",
                                                         expected: proxyRows + messageRows), "rows/s")
        report.add("peak_rss_mb", peakMemoryMB(), "MB")
        report.notes["combined"] = "1,000,000 AI Proxy Log rows + 300,000 AI Chat Message rows in one run; target 200,000 rows/s"
        report.notes["threads"] = "2 (parser + SQLite writer)"
        try report.write(to: outputDirectory)
        try RenderBench.run(state: combinedState, work: work, outputDirectory: outputDirectory)
    }

    /// Rows per second of one import of `files` (a fresh state database unless `fresh` is false).
    static func rate(_ files: [String], into state: String, expected: Int, fresh: Bool = true) throws -> Double {
        if fresh { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: state + suffix) } }
        // The kernel writes the generated logs and the previous runs' states back to disk
        // some time after they were written; flushed first, that work is not counted in this
        // import (a user's import does not follow a gigabyte of fresh writes).
        sync()
        let start = now()
        let store = try StateStore(path: state)
        let importer = try LogImporter(database: store.database, options: ImportOptions())
        let summaries = try importer.importFiles(files)
        let seconds = now() - start
        let read = summaries.reduce(0) { $0 + $1.read }
        let rejected = summaries.reduce(0) { $0 + $1.rejected }
        guard read == expected, rejected == 0, summaries.allSatisfy({ $0.failure == nil }) else {
            throw StoreError("import bench: expected \(expected) rows without rejects, got \(read) read, \(rejected) rejected")
        }
        return Double(read) / seconds
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func megabytes(_ path: String) -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return size / 1_000_000
    }
}
