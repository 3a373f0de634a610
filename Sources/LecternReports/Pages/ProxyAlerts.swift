/// The thresholds of `lectern check-alerts` (and of the alert history in the proxy report).
public struct AlertRule: Sendable {
    /// Window length in seconds; windows are aligned to the clock (multiples of it since 1970 UTC).
    public var window: Double
    /// Alert when errors / requests × 100 is at or above this.
    public var errorRate: Double
    /// Alert when the window's p95 latency (ms) is at or above this.
    public var p95: Double

    public init(window: Double = 300, errorRate: Double = 20, p95: Double = 4000) {
        self.window = window; self.errorRate = errorRate; self.p95 = p95
    }
}

/// One course's figures in one window.
public struct AlertWindow: Sendable {
    public var course: String?
    public var start: Double
    public var end: Double
    public var requests: Int
    public var errors: Int
    public var errorRate: Double
    public var p95: Double?
    public var reasons: [String]

    public var alerting: Bool { !reasons.isEmpty }
}

/// Computes the windows. A window [start, start + length) is checked when it starts at or after
/// the start of the window holding `since` and before `now`; calls at or after `now` are not
/// counted. A course alerts when any of its checked windows does.
public enum ProxyAlerts {
    /// A course's window: `window` is the window's start divided by its length.
    struct Key: Hashable { var course: Int32; var window: Int }

    public static func windows(_ snapshot: LogSnapshot, rule: AlertRule, since: Double = -.infinity,
                               now: Double = .infinity) -> [AlertWindow] {
        let first = since.isFinite ? (since / rule.window).rounded(.down) : -Double.infinity
        var groups: [Key: ProxyGroup] = [:]
        for call in snapshot.proxy where !call.time.isNaN && call.time < now {
            let w = (call.time / rule.window).rounded(.down)
            guard w >= first else { continue }
            groups[Key(course: call.course, window: Int(w)), default: ProxyGroup()].add(call)
        }
        return evaluate(groups, courses: snapshot.courses, rule: rule, onlyAlerting: false)
    }

    /// The windows of `groups` by course name, then start; with `onlyAlerting`, just those that alert
    /// (the site's history has tens of thousands of windows, a handful alerting).
    static func evaluate(_ groups: [Key: ProxyGroup], courses: Interner, rule: AlertRule, onlyAlerting: Bool) -> [AlertWindow] {
        var result: [AlertWindow] = []
        for (key, group) in groups {
            let rate = group.errorRate ?? 0
            if onlyAlerting && rate < rule.errorRate && !LatencySummary.p95(of: group.latencies, reaches: rule.p95) { continue }
            let p95 = group.latency.p95
            let slow = p95.map { $0 >= rule.p95 } ?? false
            var reasons: [String] = []
            if rate >= rule.errorRate { reasons.append("error rate \(ReportValue.format(rate, .percent)) ≥ \(ReportValue.format(rule.errorRate, .percent))") }
            if let p95, slow { reasons.append("p95 \(ReportValue.format(p95, .milliseconds)) ≥ \(ReportValue.format(rule.p95, .milliseconds))") }
            let start = Double(key.window) * rule.window
            result.append(AlertWindow(course: courses.value(key.course), start: start, end: start + rule.window,
                                      requests: group.requests, errors: group.errors, errorRate: rate, p95: p95, reasons: reasons))
        }
        return result.sorted { ($0.course ?? "", $0.start) < ($1.course ?? "", $1.start) }
    }
}
