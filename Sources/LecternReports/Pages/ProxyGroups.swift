/// Proxy calls summed up per group (model, course, lesson, day, status code): requests, errors,
/// latency figures, and tokens and cost where the proxy recorded them.
struct ProxyGroup {
    var requests = 0
    var errors = 0
    /// Ascending: the calls are visited in latency order, so no group needs a sort of its own.
    var latencies: [Double] = []
    var promptTokens: Double?
    var completionTokens: Double?
    var cost: Double?
    var first = Double.infinity
    var last = -Double.infinity
    /// The message of the group's latest error (by time), for the errors table.
    var lastErrorMessage: Int32 = Interner.missing
    var lastErrorTime = -Double.infinity

    var errorRate: Double? { requests == 0 ? nil : Double(errors) / Double(requests) * 100 }
    var latency: LatencySummary { LatencySummary(sorted: latencies) }

    mutating func add(_ call: LogSnapshot.ProxyCall) {
        requests += 1
        if call.isError {
            errors += 1
            // The latest timed error's own message; of errors at the same instant, one with a message.
            if !call.time.isNaN && (call.time > lastErrorTime || (call.time == lastErrorTime && lastErrorMessage == Interner.missing)) {
                lastErrorTime = call.time
                lastErrorMessage = call.errorMessage
            }
        }
        if !call.latency.isNaN { latencies.append(call.latency) }
        if !call.promptTokens.isNaN { promptTokens = (promptTokens ?? 0) + call.promptTokens }
        if !call.completionTokens.isNaN { completionTokens = (completionTokens ?? 0) + call.completionTokens }
        if !call.cost.isNaN { cost = (cost ?? 0) + call.cost }
        if !call.time.isNaN {
            first = min(first, call.time)
            last = max(last, call.time)
        }
    }
}

/// The proxy calls in latency order (calls without a latency last), computed once per site.
struct ProxyIndex {
    let calls: [LogSnapshot.ProxyCall]
    let byLatency: [Int]

    init(_ calls: [LogSnapshot.ProxyCall]) {
        self.calls = calls
        byLatency = calls.indices.sorted { a, b in
            let x = calls[a].latency, y = calls[b].latency
            if x.isNaN { return false }
            if y.isNaN { return true }
            return x < y || (x == y && a < b)
        }
    }

    /// Groups by `key` (nil leaves a call out), visiting calls in latency order.
    func grouped<Key: Hashable>(by key: (LogSnapshot.ProxyCall) -> Key?) -> [Key: ProxyGroup] {
        var groups: [Key: ProxyGroup] = [:]
        for i in byLatency {
            let call = calls[i]
            guard let k = key(call) else { continue }
            groups[k, default: ProxyGroup()].add(call)
        }
        return groups
    }

    func total() -> ProxyGroup {
        var group = ProxyGroup()
        for i in byLatency { group.add(calls[i]) }
        return group
    }
}
