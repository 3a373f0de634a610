import LecternJSON

/// The result of `lectern check-alerts`, as text, JSON and Prometheus text format.
public struct AlertCheck {
    public let windows: [AlertWindow]
    public let rule: AlertRule
    public let since: Double
    public let now: Double

    public init(windows: [AlertWindow], rule: AlertRule, since: Double, now: Double) {
        self.windows = windows; self.rule = rule; self.since = since; self.now = now
    }

    var courses: [(course: String?, windows: [AlertWindow])] {
        var order: [String?] = []
        var byCourse: [String?: [AlertWindow]] = [:]
        for w in windows {
            if byCourse[w.course] == nil { order.append(w.course) }
            byCourse[w.course, default: []].append(w)
        }
        return order.map { ($0, byCourse[$0]!) }
    }

    public var alerting: Bool { windows.contains(where: \.alerting) }

    func name(_ course: String?) -> String { course ?? "(no course)" }

    public var text: String {
        var lines: [String] = []
        for w in windows where w.alerting {
            lines.append("ALERT \(name(w.course)) \(ReportClock.iso(w.start)) +\(ReportValue.duration(rule.window)): "
                         + "\(w.requests) requests, \(w.errors) errors (\(ReportValue.format(w.errorRate, .percent))), "
                         + "p95 \(w.p95.map { ReportValue.format($0, .milliseconds) } ?? ReportValue.notRecorded): \(w.reasons.joined(separator: "; "))")
        }
        let courses = self.courses
        for (course, windows) in courses {
            let bad = windows.filter(\.alerting).count
            lines.append("\(name(course)): \(bad == 0 ? "ok" : "ALERT") (\(windows.count) windows with requests, \(bad) alerting)")
        }
        let alertingCourses = courses.filter { $0.windows.contains(where: \.alerting) }.count
        lines.append("checked \(ReportClock.iso(since)) to \(ReportClock.iso(now)), window \(ReportValue.duration(rule.window)), "
                     + "error rate ≥ \(ReportValue.format(rule.errorRate, .percent)), p95 ≥ \(ReportValue.format(rule.p95, .milliseconds)): "
                     + "\(alertingCourses) of \(courses.count) courses alerting")
        return lines.joined(separator: "\n")
    }

    public var json: String {
        func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        let courseObjects = courses.map { course, windows -> String in
            let items = windows.map { w -> String in
                let reasons = "[" + w.reasons.map(JSONString.quoted).joined(separator: ",") + "]"
                return "{\"start\":\(JSONString.quoted(ReportClock.iso(w.start))),\"end\":\(JSONString.quoted(ReportClock.iso(w.end))),"
                    + "\"requests\":\(w.requests),\"errors\":\(w.errors),\"error_rate\":\(number(w.errorRate)),"
                    + "\"p95_ms\":\(w.p95.map(number) ?? "null"),\"alerting\":\(w.alerting),\"reasons\":\(reasons)}"
            }
            return "{\"course\":\(course.map(JSONString.quoted) ?? "null"),\"alerting\":\(windows.contains(where: \.alerting)),"
                + "\"windows\":[\(items.joined(separator: ","))]}"
        }
        return "{\"since\":\(JSONString.quoted(ReportClock.iso(since))),\"now\":\(JSONString.quoted(ReportClock.iso(now))),"
            + "\"window_seconds\":\(number(rule.window)),\"error_rate_threshold\":\(number(rule.errorRate)),"
            + "\"p95_ms_threshold\":\(number(rule.p95)),\"alerting\":\(alerting),\"courses\":[\(courseObjects.joined(separator: ","))]}"
    }

    /// Per course: whether it alerts, and the figures of its latest window with requests.
    public var prometheus: String {
        func label(_ course: String?) -> String {
            var out = ""
            for c in name(course).unicodeScalars {
                switch c {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                default: out.unicodeScalars.append(c)
                }
            }
            return "{course=\"\(out)\"}"
        }
        func value(_ x: Double) -> String { !x.isFinite ? "NaN" : x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        let metrics: [(name: String, help: String, value: (String?, [AlertWindow]) -> Double)] = [
            ("lectern_proxy_alert", "1 when any checked window of the course reached a threshold.", { _, w in w.contains(where: \.alerting) ? 1 : 0 }),
            ("lectern_proxy_alerting_windows", "Checked windows of the course that reached a threshold.", { _, w in Double(w.filter(\.alerting).count) }),
            ("lectern_proxy_requests", "Requests in the course's latest window.", { _, w in Double(w.last!.requests) }),
            ("lectern_proxy_errors", "Errors in the course's latest window.", { _, w in Double(w.last!.errors) }),
            ("lectern_proxy_error_rate_percent", "Error % in the course's latest window.", { _, w in w.last!.errorRate }),
            ("lectern_proxy_p95_latency_ms", "p95 latency (ms) in the course's latest window.", { _, w in w.last!.p95 ?? .nan }),
        ]
        var out = ""
        for metric in metrics {
            out += "# HELP \(metric.name) \(metric.help)\n# TYPE \(metric.name) gauge\n"
            for (course, windows) in courses { out += "\(metric.name)\(label(course)) \(value(metric.value(course, windows)))\n" }
        }
        out += "# HELP lectern_check_alerts_timestamp_seconds When the check ran (its --now).\n"
        out += "# TYPE lectern_check_alerts_timestamp_seconds gauge\nlectern_check_alerts_timestamp_seconds \(value(now))\n"
        return out
    }
}
