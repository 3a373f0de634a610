import Foundation
import Synchronization

/// Runs numbered jobs on two threads, the calling one and one more (the machines this runs on
/// have two cores); outputs come back in job order. Jobs are taken in order as threads come
/// free, so uneven ones balance.
enum TwoThreads {
    static func map<Output>(_ jobs: Int, _ job: (Int) -> Output) -> [Output] {
        perform(jobs: jobs, context: {}) { _, n in job(n) }
    }

    /// Each thread makes a context of its own first (a database connection: one is not for two
    /// threads). The first error, in job order, is thrown once every job has ended.
    static func run<Context, Output>(jobs: Int, context: () throws -> Context,
                                     _ job: (Context, Int) throws -> Output) throws -> [Output] {
        try perform(jobs: jobs, context: { Result { try context() } }) { made, n in
            made.flatMap { c in Result { try job(c, n) } }
        }.map { try $0.get() }
    }

    private static func perform<Context, Output>(jobs: Int, context: () -> Context,
                                                 job: (Context, Int) -> Output) -> [Output] {
        withoutActuallyEscaping(context) { context in
            withoutActuallyEscaping(job) { job in
                let shared = Shared<Context, Output>(jobs: jobs, context: context, job: job)
                DispatchQueue.concurrentPerform(iterations: min(2, jobs)) { _ in shared.work() }
                return shared.outputs
            }
        }
    }

    /// What both threads touch: the next job's number (atomic) and one slot per job, each
    /// written by the one thread that took that job and read after both threads are done.
    private final class Shared<Context, Output>: @unchecked Sendable {
        let jobs: Int
        let context: () -> Context
        let job: (Context, Int) -> Output
        let next = Atomic<Int>(0)
        let lock = NSLock()
        var slots: [Output?]

        init(jobs: Int, context: @escaping () -> Context, job: @escaping (Context, Int) -> Output) {
            self.jobs = jobs; self.context = context; self.job = job
            slots = Array(repeating: nil, count: jobs)
        }

        func work() {
            let made = context()
            while true {
                let n = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard n < jobs else { return }
                let output = job(made, n)
                lock.withLock { slots[n] = output }
            }
        }

        var outputs: [Output] { slots.map { $0! } }
    }
}
