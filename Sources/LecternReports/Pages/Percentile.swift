/// Latency figures of a group of requests, by the rule the alerts use: the p-th percentile of
/// n sorted values is the value at index round(p·(n−1)), rounding half to even (as Python's
/// `round` does, so an independent check in a notebook gives the same value).
struct LatencySummary {
    var count = 0
    var mean: Double?
    var p50: Double?
    var p95: Double?
    var p99: Double?

    /// `sorted` must be in ascending order.
    init(sorted: [Double]) {
        count = sorted.count
        guard !sorted.isEmpty else { return }
        mean = sorted.reduce(0, +) / Double(sorted.count)
        p50 = Self.percentile(sorted, 0.50)
        p95 = Self.percentile(sorted, 0.95)
        p99 = Self.percentile(sorted, 0.99)
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted[index(p, count: sorted.count)]
    }

    static func index(_ p: Double, count: Int) -> Int {
        Int((p * Double(count - 1)).rounded(.toNearestOrEven))
    }
}
