/// Latency figures of a group of requests, by the rule the alerts use: the p-th percentile of
/// n sorted values is the value at index round(p·(n−1)), rounding half to even (as Python's
/// `round` does, so an independent check in a notebook gives the same value).
public struct LatencySummary: Sendable {
    public var count = 0
    public var mean: Double?
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?

    /// `values` in any order.
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else { return }
        mean = values.reduce(0, +) / Double(values.count)
        var sorted = values
        RadixSort.sort(&sorted)
        p50 = sorted[Self.index(0.50, count: count)]
        p95 = sorted[Self.index(0.95, count: count)]
        p99 = sorted[Self.index(0.99, count: count)]
    }

    static func index(_ p: Double, count: Int) -> Int {
        Int((p * Double(count - 1)).rounded(.toNearestOrEven))
    }

    /// Whether the p95 of `values` is at least `bound`, without sorting: it is exactly when at
    /// least n − index(p95) of the values are. (Most alert windows only need this answer.)
    public static func p95(of values: [Double], reaches bound: Double) -> Bool {
        guard !values.isEmpty else { return false }
        var atLeast = 0
        for v in values where v >= bound { atLeast += 1 }
        return atLeast >= values.count - index(0.95, count: values.count)
    }
}

/// Least-significant-digit radix sort of doubles (no NaN), 11 bits a pass: a site sorts a
/// million latencies for each of its tables, which comparison sorts made a tenth of the run.
public enum RadixSort {
    public static func sort(_ values: inout [Double]) {
        guard values.count > 256 else { values.sort(); return }
        let n = values.count
        // Order-preserving keys: flip all bits of negatives, only the sign bit of the rest.
        var keys = values.map { v -> UInt64 in
            let bits = v.bitPattern
            return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        }
        var scratch = [UInt64](repeating: 0, count: n)
        let digitBits = 11, buckets = 1 << digitBits, passes = (64 + digitBits - 1) / digitBits
        var counts = [Int](repeating: 0, count: buckets * passes)
        for key in keys {
            for p in 0..<passes { counts[p * buckets + Int((key >> UInt64(p * digitBits)) & UInt64(buckets - 1))] += 1 }
        }
        for p in 0..<passes {
            let shift = UInt64(p * digitBits)
            // A digit every key shares moves nothing (the high digits of latencies, mostly).
            if counts[p * buckets + Int((keys[0] >> shift) & UInt64(buckets - 1))] == n { continue }
            var offsets = [Int](repeating: 0, count: buckets)
            var sum = 0
            for b in 0..<buckets { offsets[b] = sum; sum += counts[p * buckets + b] }
            keys.withUnsafeBufferPointer { from in
                scratch.withUnsafeMutableBufferPointer { to in
                    for key in from {
                        let b = Int((key >> shift) & UInt64(buckets - 1))
                        to[offsets[b]] = key
                        offsets[b] += 1
                    }
                }
            }
            swap(&keys, &scratch)
        }
        for i in 0..<n {
            let key = keys[i]
            values[i] = Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
        }
    }
}
