import Foundation
import LecternReports
import LecternStore

/// `lectern reports` throughput: the whole report site rendered from the state the combined
/// import bench left (1,000,000 proxy calls and 300,000 chat messages), timed as the command
/// spends it: open the state, load the default templates, read, aggregate, render, write and
/// move the site into place. The issue's target is 3 s.
enum RenderBench {
    static func run(state: String, work: String, outputDirectory: String) throws {
        let site = work + "/site"
        let start = now()
        let templates = try SiteTemplates(defaults: "templates")
        let store = try StateStore(path: state)
        let result = try SiteRenderer(templates: templates, options: .init(output: site)).render(store: store)
        let seconds = now() - start
        print("render: \(result.pages) pages from \(result.rowsRead) rows in \(String(format: "%.2f", seconds)) s")

        var report = BenchReport(name: "reports")
        report.add("pages", Double(result.pages), "pages")
        report.add("render_s", seconds, "s")
        report.add("state_rows", Double(result.rowsRead), "rows")
        report.notes["render"] = "every page and its JSON, from opening the state to the site moved into place; target 3 s"
        report.notes["state"] = "after the combined import: 1,000,000 AI Proxy Log rows (CSV) + 300,000 AI Chat Message rows"
        try report.write(to: outputDirectory)
    }
}
