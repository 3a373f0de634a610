import LecternIndex
#if canImport(Glibc)
import Glibc
#endif
import NIOConcurrencyHelpers
import NIOPosix

/// Answers the searches that queue up in batches, one batch at a time with every worker thread
/// on it: one embedding call for all their questions (split between the threads) and one pass
/// over the index for all their vectors. Under light load a batch is a single search; under
/// heavy load each request costs less (the weights and the index are each read once per batch,
/// not once per request), and as the questions of one batch come back together, latencies stay
/// even: two workers taking batches of their own made some requests wait for two batches.
final class SearchBatcher: Sendable {
    struct Job: Sendable {
        let text: String
        let course: String?
        let lesson: String?
        let k: Int
        let mode: SearchMode
        let done: @Sendable (IndexReader, [SearchHit]) -> Void
    }

    static let largestBatch = 16
    /// How long a new batch waits for the questions the last one answered to come back.
    static let gatherMicroseconds = 1_000

    private struct Queue {
        var jobs: [Job] = []
        var draining = false
        /// Sizes of the latest batches: the largest is how many questions a new batch waits for.
        var recent: [Int] = []
        var expected: Int { recent.max() ?? 1 }

        mutating func took(_ size: Int) {
            recent.append(size)
            if recent.count > 8 { recent.removeFirst() }
        }
    }

    private let queue = NIOLockedValueBox(Queue())
    private let pool: NIOThreadPool
    private let service: SearchService
    private let threads: Int

    init(service: SearchService, pool: NIOThreadPool, threads: Int) {
        self.service = service
        self.pool = pool
        self.threads = max(1, threads)
    }

    func submit(_ job: Job) {
        let start = queue.withLockedValue { q -> Bool in
            q.jobs.append(job)
            if q.draining { return false }
            q.draining = true
            return true
        }
        if start { pool.submit { _ in self.drain() } }
    }

    /// Answers batches until nothing waits; only one runs at a time.
    private func drain() {
        while true {
            gather()
            let jobs = queue.withLockedValue { q -> [Job] in
                let batch = Array(q.jobs.prefix(Self.largestBatch))
                q.jobs.removeFirst(batch.count)
                if batch.isEmpty { q.draining = false } else { q.took(batch.count) }
                return batch
            }
            guard !jobs.isEmpty else { return }
            answer(jobs)
        }
    }

    /// Under steady load the clients send their next questions just after the answers went
    /// out: waiting a moment for as many as the latest batches held makes one batch of them,
    /// not two (a batch split once would otherwise stay split, each half waiting for the other).
    private func gather() {
        var waited = 0
        while waited < Self.gatherMicroseconds && queue.withLockedValue({ $0.jobs.count < $0.expected }) {
            usleep(100)
            waited += 100
        }
    }

    private func answer(_ jobs: [Job]) {
        let reader = service.index.reader
        let embedded = jobs.indices.filter { jobs[$0].mode != .lexical }
        let perThread = max(1, (embedded.count + threads - 1) / threads)
        let vectors = embedded.isEmpty ? nil : service.embedder.embed(embedded.map { jobs[$0].text }, batchSize: perThread, threads: threads)
        var queries = jobs.map { SearchQuery(vector: nil, text: $0.text, course: $0.course, lesson: $0.lesson, k: $0.k, mode: $0.mode) }
        if let vectors {
            for (row, slot) in embedded.enumerated() { queries[slot].vector = Array(vectors.vector(row)) }
        }
        let results = reader.search(batch: queries, threads: threads)
        for (job, hits) in zip(jobs, results) { job.done(reader, hits) }
    }
}
