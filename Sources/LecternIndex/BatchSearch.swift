import Foundation

extension IndexReader {
    /// Several searches at once, each answered exactly as `search` would answer it alone. The
    /// dense ones share one pass over the int8 codes: each record's codes are read from memory
    /// once for all of them, which is what a server under load gains from batching requests.
    /// `threads` > 1 splits the pass over a large index between that many threads (two halves).
    public func search(batch queries: [SearchQuery], threads: Int = 1) -> [[SearchHit]] {
        var results = [[SearchHit]](repeating: [], count: queries.count)
        var dense: [(slot: Int, vector: [Float], filter: RecordFilter, k: Int)] = []
        for (slot, query) in queries.enumerated() {
            guard query.mode == .dense, query.k > 0, count > 0, let vector = usableVector(query.vector) else {
                results[slot] = search(query)
                continue
            }
            let filter = RecordFilter(course: query.course, lesson: query.lesson, facets: facets)
            guard !filter.matchesNothing else { continue }
            dense.append((slot, vector, filter, min(query.k, count)))
        }
        guard dense.count > 1 else {
            for d in dense { results[d.slot] = denseHits(d.vector, filter: d.filter, k: d.k) }
            return results
        }
        let candidates = scan(batch: dense.map { ($0.vector, $0.filter, Self.candidateDepth(k: $0.k)) }, threads: threads)
        // Re-scoring the candidates of each query is independent of the others: with two threads,
        // each takes every other query.
        if threads > 1 && dense.count >= 4 {
            let parts = Halves<[(slot: Int, hits: [SearchHit])]>()
            let work = ReadOnly(value: (items: dense, candidates: candidates))
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                let (items, candidates) = work.value
                parts.set(half, Swift.stride(from: half, to: items.count, by: 2).map { n in
                    (items[n].slot, rescored(candidates[n], vector: items[n].vector, k: items[n].k))
                })
            }
            let (first, second) = parts.both()
            for part in first + second { results[part.slot] = part.hits }
        } else {
            for (d, list) in zip(dense, candidates) {
                results[d.slot] = rescored(list, vector: d.vector, k: d.k)
            }
        }
        return results
    }

    /// The int8 stage for several queries in one pass over the codes, block by block: a block
    /// of records (96 KB at 384 dimensions) stays in cache while every query is scored against
    /// it. A query without a filter scores the whole block in one kernel call; a filtered one
    /// scores only its own records. Records are visited in index order for every query, so a
    /// tie with the worst kept loses, as in a scan of its own.
    func scan(batch: [(vector: [Float], filter: RecordFilter, depth: Int)], threads: Int) -> [[(score: Int32, index: Int)]] {
        guard threads > 1, count >= 16_384 else { return scan(batch: batch, records: 0..<count) }
        // Two halves on two threads, each keeping its own best; merged by the order the heaps
        // keep (score, then the earlier record), the result is the one pass's exactly.
        let middle = (count / 2) / 256 * 256
        let halves = Halves<[[(score: Int32, index: Int)]]>()
        let work = ReadOnly(value: batch)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            halves.set(half, scan(batch: work.value, records: half == 0 ? 0..<middle : middle..<count))
        }
        let (first, second) = halves.both()
        return batch.indices.map { q -> [(score: Int32, index: Int)] in
            let merged: [(score: Int32, index: Int)] = first[q] + second[q]
            let ordered = merged.sorted { a, b in a.score > b.score || (a.score == b.score && a.index < b.index) }
            return Array(ordered.prefix(batch[q].depth))
        }
    }

    func scan(batch: [(vector: [Float], filter: RecordFilter, depth: Int)], records: Range<Int>) -> [[(score: Int32, index: Int)]] {
        let stride = self.stride
        var packed = [Int8]()
        packed.reserveCapacity(batch.count * stride)
        var sums: [Int32] = []
        for item in batch {
            let q = QuantizedQuery(item.vector, scales: scales, stride: stride)
            packed += q.codes
            sums.append(q.sum)
        }
        var heaps = batch.map { TopK<Int32>(capacity: min($0.depth, count)) }
        var thresholds = [Int32](repeating: .min, count: batch.count)
        let filters = batch.map(\.filter)
        let everything = filters.map(\.isEverything)
        let n = batch.count
        let blockRows = 256
        var scores = [Int32](repeating: 0, count: blockRows)
        // Unfiltered queries of a batch are scored together on AMX tiles where the CPU has them.
        let tiled = TileScan.available && stride % 64 == 0 && stride <= 1024 ? (0..<n).filter { everything[$0] } : []
        var tileQueries = [Int8](repeating: 0, count: TileScan.packedCount(queries: tiled.count, stride: stride))
        var tileScores = [Int32](repeating: 0, count: tiled.count * blockRows)
        if !tiled.isEmpty {
            let chosen = tiled.flatMap { packed[($0 * stride)..<(($0 + 1) * stride)] }
            TileScan.pack(chosen, count: tiled.count, stride: stride, into: &tileQueries)
        }
        packed.withUnsafeBufferPointer { queries in
            let pointers = (0..<n).map { QuantizedQuery.Pointer(codes: queries.baseAddress! + $0 &* stride, sum: sums[$0]) }
            let codes = UnsafeRawPointer(vectors.baseAddress!)
            scores.withUnsafeMutableBufferPointer { scores in
                var start = records.lowerBound
                while start < records.upperBound {
                    let rows = min(blockRows, records.upperBound - start)
                    let block = codes + start &* stride
                    if !tiled.isEmpty {
                        TileScan.scores(block, rows: rows, stride: stride, packed: tileQueries, count: tiled.count, into: &tileScores)
                        for (slot, q) in tiled.enumerated() {
                            let base = slot * rows
                            for r in 0..<rows where tileScores[base + r] > thresholds[q] {
                                heaps[q].insert(tileScores[base + r], start + r)
                                if heaps[q].isFull { thresholds[q] = heaps[q].worstScore! }
                            }
                        }
                    }
                    for q in 0..<n where tiled.isEmpty || !everything[q] {
                        if everything[q] {
                            Int8Kernel.dot(rows: block, count: rows, query: pointers[q], stride: stride, into: scores.baseAddress!)
                            for r in 0..<rows where scores[r] > thresholds[q] {
                                heaps[q].insert(scores[r], start + r)
                                if heaps[q].isFull { thresholds[q] = heaps[q].worstScore! }
                            }
                        } else {
                            for r in 0..<rows where filters[q].matches(start + r) {
                                let score = Int8Kernel.dot(block + r &* stride, query: pointers[q], stride: stride)
                                if score <= thresholds[q] { continue }
                                heaps[q].insert(score, start + r)
                                if heaps[q].isFull { thresholds[q] = heaps[q].worstScore! }
                            }
                        }
                    }
                    start += rows
                }
            }
        }
        return heaps.map { $0.sorted() }
    }
}

/// Values both threads read while neither changes them (arrays of values and filters over the
/// index's memory), handed to the concurrent closure.
private struct ReadOnly<Value>: @unchecked Sendable {
    let value: Value
}

/// The results of two threads, each writing its own slot once.
private final class Halves<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?] = [nil, nil]

    func set(_ half: Int, _ value: Value) { lock.withLock { values[half] = value } }
    func both() -> (Value, Value) { lock.withLock { (values[0]!, values[1]!) } }
}
