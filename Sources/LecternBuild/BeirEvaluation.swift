import Foundation
import LecternEmbedding
import LecternIndex

/// `lectern eval --beir DIR`: retrieval quality on a BEIR-layout test set (`corpus.jsonl`,
/// `queries.jsonl`, `qrels/test.tsv`), through a temporary index built the same way as
/// `lectern build` writes one.
public struct BeirEvaluation {
    public struct Scores: Sendable {
        public var mode: SearchMode
        public var queries: Int
        public var ndcgAt10: Double
        public var recallAt10: Double
        public var mrrAt10: Double
    }

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func run(modes: [SearchMode], modelDirectory: String? = nil, threads: Int? = nil) throws -> [Scores] {
        let corpus = try jsonLines("corpus.jsonl")
        let queries = try jsonLines("queries.jsonl")
        let relevant = try qrels()
        let embedder = try Embedder(modelDirectory: modelDirectory, threads: threads)

        // The documents are embedded as the reference embedded them: title and text.
        let documents = corpus.map { doc -> (id: String, text: String) in
            let title = doc["title"] as? String ?? ""
            let text = doc["text"] as? String ?? ""
            return (doc["_id"] as? String ?? "", title.isEmpty ? text : title + "\n" + text)
        }
        let vectors = embedder.embed(documents.map(\.text))
        let records = documents.indices.map { i in
            IndexRecord(chunkID: documents[i].id, course: "eval", lesson: documents[i].id, title: documents[i].id,
                        headingPath: [], url: "", source: "lesson", text: documents[i].text,
                        vector: Array(vectors.vector(i)))
        }
        let path = NSTemporaryDirectory() + "lectern-eval-\(getpid()).index"
        defer { unlink(path) }
        try IndexWriter.write(records, modelID: Embedder.modelID, to: path)
        let reader = try IndexReader(path: path)

        let judged = queries.compactMap { q -> (id: String, text: String)? in
            guard let id = q["_id"] as? String, let text = q["text"] as? String, relevant[id] != nil else { return nil }
            return (id, text)
        }
        let queryVectors = embedder.embed(judged.map(\.text))
        return modes.map { mode in
            var scores = Scores(mode: mode, queries: judged.count, ndcgAt10: 0, recallAt10: 0, mrrAt10: 0)
            for (i, query) in judged.enumerated() {
                let hits = reader.search(SearchQuery(vector: Array(queryVectors.vector(i)), text: query.text,
                                                     k: 10, mode: mode))
                let ranked = hits.map { reader.record($0.index).chunkID }
                let gains = relevant[query.id] ?? [:]
                scores.ndcgAt10 += Self.ndcg(ranked, gains: gains)
                scores.recallAt10 += Double(ranked.filter { gains[$0, default: 0] > 0 }.count) / Double(max(1, gains.values.filter { $0 > 0 }.count))
                if let first = ranked.firstIndex(where: { gains[$0, default: 0] > 0 }) { scores.mrrAt10 += 1 / Double(first + 1) }
            }
            let n = Double(max(1, judged.count))
            scores.ndcgAt10 /= n
            scores.recallAt10 /= n
            scores.mrrAt10 /= n
            return scores
        }
    }

    /// nDCG@10 with gains as judged (trec_eval's linear gain, log2 discount).
    static func ndcg(_ ranked: [String], gains: [String: Int]) -> Double {
        func dcg(_ values: [Int]) -> Double {
            values.prefix(10).enumerated().reduce(0) { $0 + Double($1.element) / log2(Double($1.offset) + 2) }
        }
        let ideal = dcg(gains.values.sorted(by: >))
        return ideal > 0 ? dcg(ranked.map { gains[$0, default: 0] }) / ideal : 0
    }

    private func jsonLines(_ name: String) throws -> [[String: Any]] {
        let path = directory + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { throw BuildError("\(path): cannot read") }
        var result: [[String: Any]] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw BuildError("\(path):\(number + 1): not a JSON object")
            }
            result.append(object)
        }
        return result
    }

    /// query id → (document id → relevance).
    private func qrels() throws -> [String: [String: Int]] {
        let path = directory + "/qrels/test.tsv"
        guard let data = FileManager.default.contents(atPath: path) else { throw BuildError("\(path): cannot read") }
        var result: [String: [String: Int]] = [:]
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            let fields = line.split(separator: "\t").map(String.init)
            if number == 0 && fields.first == "query-id" { continue }
            guard fields.count >= 3, let score = Int(fields[2]) else { throw BuildError("\(path):\(number + 1): expected query-id, corpus-id, score") }
            result[fields[0], default: [:]][fields[1]] = score
        }
        return result
    }
}
