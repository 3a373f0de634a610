import ArgumentParser
import Foundation
import LecternReports
import LecternStore

struct CheckAlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-alerts",
        abstract: "Check the imported LLM proxy log for courses whose error rate or p95 latency is too high.",
        discussion: """
            Per course, over clock-aligned windows ([k·window, (k+1)·window) in UTC): error % = errors / requests × 100 \
            (status error), p95 = the latency_ms at index round(0.95·(n−1)) of the window's sorted latencies (half to even). \
            A window alerts when error % ≥ --error-rate or p95 ≥ --p95-ms. Checked are the windows from the one holding \
            --since up to --now; calls at or after --now are not counted. \
            Exit status: 1 when any course alerts, 0 when none does, 2 on an error.
            """)

    @OptionGroup var alerts: AlertOptions

    @Option(help: "The end of the check: a datetime (2026-11-17 16:45:00, ISO 8601) in --timezone; default: now.")
    var now: String?

    @Option(help: "The start: a datetime, or a duration before --now (1h); default: one window before --now.")
    var since: String?

    @Option(help: "IANA time zone of naive datetimes given to --now and --since.")
    var timezone = "UTC"

    @Flag(help: "Print the windows as JSON.")
    var json = false

    @Option(help: "Also write the result in Prometheus text format to this file (for node_exporter's textfile collector).")
    var textfile: String?

    @Option(help: "The state database.")
    var state = "output/state.sqlite"

    func run() throws {
        let rule = try alerts.rule()
        let dates = LogDateTime(timeZone: try AlertOptions.zone(timezone))
        let end: Double
        if let now {
            guard let parsed = dates.parse(now) else { throw fail("--now \(now): not a datetime") }
            end = parsed
        } else {
            end = Date().timeIntervalSince1970
        }
        let start: Double
        if let since {
            if let parsed = dates.parse(since) { start = parsed }
            else if let span = AlertOptions.duration(since) { start = end - span }
            else { throw fail("--since \(since): not a datetime or a duration") }
        } else {
            start = end - rule.window
        }
        guard start < end else { throw fail("--since must be before --now") }
        guard FileManager.default.fileExists(atPath: state) else { throw fail("\(state): no state database; run `lectern import` first") }
        let result: AlertCheck
        do {
            // Only the calls of the checked windows are read (the time index finds them).
            let first = (start / rule.window).rounded(.down) * rule.window
            let snapshot = try LogSnapshot.loadProxyCalls(from: try StateStore(path: state), between: first, and: end)
            result = AlertCheck(windows: ProxyAlerts.windows(snapshot, rule: rule, since: start, now: end), rule: rule, since: start, now: end)
        } catch let error as StoreError {
            throw fail(error.message)
        }
        print(json ? result.json : result.text)
        if let textfile {
            do {
                try AtomicText.write(result.prometheus, to: textfile)
            } catch {
                throw fail("\(textfile): cannot write the textfile: \(error)")
            }
        }
        if result.alerting { throw ExitCode(1) }
    }

    func fail(_ message: String) -> ExitCode {
        printError("lectern: \(message)")
        return ExitCode(2)
    }
}

/// Writes text to a temporary file beside `path` and renames it into place, so a reader
/// (node_exporter) never sees half a file.
enum AtomicText {
    static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CommandError(reason)
        }
    }
}
