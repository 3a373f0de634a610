import ArgumentParser
import Foundation
import LecternReports
import LecternStore

struct ReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "Render the static HTML report site from the state database.",
        discussion: """
            Writes OUTPUT/index.html and one page per report (chat usage, lesson detail, embeddings coverage, \
            external sources, guardrail events, LLM proxy, index runs, FAQ drafts, imports), each self-contained \
            (inline CSS and SVG, no network), with its figures as JSON in OUTPUT/data/<report>.json. \
            Templates are the Mustache files of templates/; a file of the same name in --templates replaces one. \
            The new site replaces the old one only when it is complete.
            """)

    @Option(help: "The site folder.")
    var output = "output/site"

    @Option(help: "The state database (lectern build and lectern import fill it).")
    var state = "output/state.sqlite"

    @Option(help: "A folder of Mustache templates that replace the default ones of the same name.")
    var templates: String?

    @Option(help: "IANA time zone for days and times on the pages.")
    var timezone = "UTC"

    @OptionGroup var alerts: AlertOptions

    func run() throws {
        let zone = try AlertOptions.zone(timezone)
        guard FileManager.default.fileExists(atPath: state) else {
            printError("lectern: \(state): no state database; run `lectern build` or `lectern import` first")
            throw ExitCode(2)
        }
        try reportingFailures {
            guard let defaults = SiteTemplates.defaultFolder() else {
                throw ReportError("cannot find the default templates (templates/page.mustache); run from the repository or pass --templates")
            }
            let library = try SiteTemplates(defaults: defaults, overrides: templates)
            let store = try StateStore(path: state)
            let result = try SiteRenderer(templates: library, options: .init(output: output, timeZone: zone, rule: try alerts.rule()))
                .render(store: store)
            print("Lectern reports: \(result.pages) pages in \(output)/ from \(result.rowsRead) rows read, \(result.rowsRejected) rejected "
                  + "(\(String(format: "%.2f", result.seconds)) s)")
            print("  open \(output)/index.html")
        }
    }
}

/// The alert thresholds, shared by `check-alerts` and the alert history of `reports`.
struct AlertOptions: ParsableArguments {
    @Option(help: "Window length: 5m, 300s, 1h.")
    var window = "5m"

    @Option(name: .customLong("error-rate"), help: "Alert when a window's error % is at or above this.")
    var errorRate: Double = 20

    @Option(name: .customLong("p95-ms"), help: "Alert when a window's p95 latency (ms) is at or above this.")
    var p95: Double = 4000

    func rule() throws -> AlertRule {
        guard let seconds = Self.duration(window), seconds > 0 else {
            printError("lectern: --window \(window): not a duration (use 30s, 5m, 1h or 1d)")
            throw ExitCode(2)
        }
        guard errorRate.isFinite, errorRate >= 0, p95.isFinite, p95 >= 0 else {
            printError("lectern: --error-rate and --p95-ms must be non-negative numbers")
            throw ExitCode(2)
        }
        return AlertRule(window: seconds, errorRate: errorRate, p95: p95)
    }

    static func duration(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let last = text.last else { return nil }
        if let unit = units[last] { return Double(text.dropLast()).map { $0 * unit } }
        return Double(text)
    }

    static func zone(_ name: String) throws -> TimeZone {
        guard let zone = TimeZone(identifier: name) else {
            printError("lectern: unknown time zone \"\(name)\" (use an IANA name such as Europe/Stockholm)")
            throw ExitCode(2)
        }
        return zone
    }
}
