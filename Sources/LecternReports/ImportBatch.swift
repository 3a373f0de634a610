import Foundation
import LecternStore

/// What the parsing thread hands the writing thread: rows ready to bind, and rejects, in the
/// order of the file's records.
struct ImportBatch: Sendable {
    enum Entry: Sendable {
        /// A row of `DocTypes.all[schema]` at cell `first`, followed by its child rows (nil:
        /// the record had no child field, so stored children stay).
        case row(schema: Int, first: Int, children: Int?)
        case reject(RejectedRecord)
    }

    var rows = RowBatch()
    var entries: [Entry] = []

    /// Large enough that handing over costs nothing per row, small enough that the two threads
    /// overlap from the first rows of a file.
    var isFull: Bool { entries.count >= 4096 || rows.byteCount >= 4 << 20 }

    mutating func removeAll() {
        rows.removeAll()
        entries.removeAll(keepingCapacity: true)
    }
}

struct RejectedRecord: Sendable {
    var line: Int
    var record: Int
    var doctype: String?
    var reason: String
    /// At most `LogImporter.rawLimit` bytes of the record as written.
    var raw: String
}

/// A bounded hand-over between the parsing thread and the writing one: a few batches go round,
/// filled by one side and emptied by the other, so memory stays flat however large the file.
final class BatchPipe: @unchecked Sendable {
    // All state below is guarded by `condition`.
    private let condition = NSCondition()
    private var full: [ImportBatch] = []
    private var empty: [ImportBatch]
    private var finished = false
    private var abandoned = false

    init(batches: Int) {
        empty = (0..<batches).map { _ in ImportBatch() }
    }

    /// Parser: a batch to fill; nil once the writer has abandoned the file.
    func takeEmpty() -> ImportBatch? {
        condition.lock()
        defer { condition.unlock() }
        while empty.isEmpty && !abandoned { condition.wait() }
        return abandoned ? nil : empty.removeLast()
    }

    func putFull(_ batch: ImportBatch) {
        condition.lock()
        full.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Parser: nothing more will come (its results may be read once `takeFull` returns nil).
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Writer: the next batch in file order; nil when the parser has finished and all are taken.
    func takeFull() -> ImportBatch? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty && !finished { condition.wait() }
        return full.isEmpty ? nil : full.removeFirst()
    }

    /// Writer: a batch it has emptied (`removeAll`, done while it is the only holder, so the
    /// buffers keep their pages).
    func putEmpty(_ batch: ImportBatch) {
        condition.lock()
        empty.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Writer, after a database failure: stops the parser and waits until it has stopped.
    func abandon() {
        condition.lock()
        abandoned = true
        full.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
