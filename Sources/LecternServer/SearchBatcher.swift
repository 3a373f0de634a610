import LecternIndex
import NIOConcurrencyHelpers
import NIOPosix

/// Answers the searches that queue up while the workers are busy in batches: one embedding call
/// for all their questions and one pass over the index for all their vectors. Under light load a
/// batch is a single search, so nothing waits for company; under heavy load each request costs
/// less (the weights and the index are each read once per batch, not once per request).
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
    private let pending = NIOLockedValueBox<[Job]>([])
    private let pool: NIOThreadPool
    private let service: SearchService

    init(service: SearchService, pool: NIOThreadPool) {
        self.service = service
        self.pool = pool
    }

    func submit(_ job: Job) {
        pending.withLockedValue { $0.append(job) }
        pool.submit { _ in self.drain() }
    }

    /// Takes what is waiting (up to a batch) and answers it; a task that finds nothing waiting
    /// (another took its job into a batch) returns at once.
    private func drain() {
        let jobs = pending.withLockedValue { waiting -> [Job] in
            let batch = Array(waiting.prefix(Self.largestBatch))
            waiting.removeFirst(batch.count)
            return batch
        }
        guard !jobs.isEmpty else { return }
        let reader = service.index.reader
        let embedded = jobs.indices.filter { jobs[$0].mode != .lexical }
        let vectors = embedded.isEmpty ? nil : service.embedder.embed(embedded.map { jobs[$0].text }, batchSize: Self.largestBatch, threads: 1)
        var queries = jobs.map { SearchQuery(vector: nil, text: $0.text, course: $0.course, lesson: $0.lesson, k: $0.k, mode: $0.mode) }
        if let vectors {
            for (row, slot) in embedded.enumerated() { queries[slot].vector = Array(vectors.vector(row)) }
        }
        let results = reader.search(batch: queries)
        for (job, hits) in zip(jobs, results) { job.done(reader, hits) }
    }
}
