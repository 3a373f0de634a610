import NIOConcurrencyHelpers

/// Request counts by route and status, and a latency histogram, for `GET /metrics`.
public final class Metrics: Sendable {
    /// Upper bounds (seconds) of the latency histogram's buckets.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Key: Hashable { var route: String; var status: Int }
    private struct State {
        var requests: [Key: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: Metrics.buckets.count)
        var count = 0
        var sum = 0.0
        var rejectedBusy = 0
    }
    private let state = NIOLockedValueBox(State())

    public init() {}

    public func record(route: String, status: Int, seconds: Double) {
        state.withLockedValue { s in
            s.requests[Key(route: route, status: status), default: 0] += 1
            s.count += 1
            s.sum += seconds
            for (i, bound) in Self.buckets.enumerated() where seconds <= bound { s.bucketCounts[i] += 1 }
        }
    }

    /// Prometheus text format, with the index's own gauges.
    public func text(index: IndexHolder) -> String {
        let s = state.withLockedValue { $0 }
        let reader = index.reader
        var out = "# HELP lectern_http_requests_total Requests answered, by route and status.\n# TYPE lectern_http_requests_total counter\n"
        for (key, n) in s.requests.sorted(by: { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }) {
            out += "lectern_http_requests_total{route=\"\(key.route)\",status=\"\(key.status)\"} \(n)\n"
        }
        out += "# HELP lectern_http_request_duration_seconds Time from a whole request to its response.\n"
        out += "# TYPE lectern_http_request_duration_seconds histogram\n"
        for (bound, n) in zip(Self.buckets, s.bucketCounts) {
            out += "lectern_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(n)\n"
        }
        out += "lectern_http_request_duration_seconds_bucket{le=\"+Inf\"} \(s.count)\n"
        out += "lectern_http_request_duration_seconds_sum \(s.sum)\nlectern_http_request_duration_seconds_count \(s.count)\n"
        out += "# HELP lectern_index_chunks Chunks in the index being served.\n# TYPE lectern_index_chunks gauge\nlectern_index_chunks \(reader.count)\n"
        out += "# HELP lectern_index_build_time_seconds When the served index was built (Unix time).\n"
        out += "# TYPE lectern_index_build_time_seconds gauge\nlectern_index_build_time_seconds \(reader.buildTime)\n"
        out += "# HELP lectern_index_reloads_total Times a replaced index file was loaded.\n"
        out += "# TYPE lectern_index_reloads_total counter\nlectern_index_reloads_total \(index.reloads)\n"
        return out
    }
}
