/// Proxy calls summed up per group (model, course, lesson, day, status code): requests, errors,
/// latency figures, and tokens and cost where the proxy recorded them.
struct ProxyGroup {
    var requests = 0
    var errors = 0
    /// In the order the calls were visited; the summary selects its percentiles.
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
    var latency: LatencySummary { LatencySummary(latencies) }

    /// Adds the calls of `other`, which came after ours.
    mutating func merge(_ other: ProxyGroup) {
        requests += other.requests
        errors += other.errors
        if other.lastErrorTime > lastErrorTime || (other.lastErrorTime == lastErrorTime && lastErrorMessage == Interner.missing) {
            lastErrorTime = other.lastErrorTime
            lastErrorMessage = other.lastErrorMessage
        }
        latencies += other.latencies
        func sum(_ a: Double?, _ b: Double?) -> Double? { a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0) }
        promptTokens = sum(promptTokens, other.promptTokens)
        completionTokens = sum(completionTokens, other.completionTokens)
        cost = sum(cost, other.cost)
        first = min(first, other.first)
        last = max(last, other.last)
    }

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

