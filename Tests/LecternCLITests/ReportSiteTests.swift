import Foundation
import Testing

/// `lectern import` then `lectern reports` end to end, every page loaded in headless Chromium.
@Suite(.serialized)
struct ReportSiteTests {
    /// Imports `logs` into a fresh state and renders the site; returns the site folder.
    static func site(logs: String, extra: [String] = []) throws -> (folder: String, importOutput: CLI.Result) {
        let folder = try CLI.temporaryDirectory()
        let imported = try CLI.run(["import", logs, "--state", folder + "/state.sqlite"])
        let rendered = try CLI.run(["reports", "--state", folder + "/state.sqlite", "--output", folder + "/site"] + extra)
        guard rendered.status == 0 else { throw CLIError("lectern reports exited \(rendered.status): \(rendered.stderr)") }
        return (folder + "/site", imported)
    }

    static func pages(in site: String) -> [String] {
        let files = FileManager.default.enumerator(atPath: site)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".html") }.sorted().map { site + "/" + $0 }
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test func everyPageOfTheSampleSiteRendersInChromium() throws {
        let (site, imported) = try Self.site(logs: CLI.repositoryRoot + "/content/logs")
        #expect(imported.status == 0, "\(imported.stderr)")
        let pages = Self.pages(in: site)
        for name in ["index", "usage", "coverage", "sources", "guardrails", "proxy", "index-runs", "faq", "imports"] {
            #expect(pages.contains(site + "/\(name).html"), "\(name).html")
            #expect(FileManager.default.fileExists(atPath: site + "/data/\(name).json"), "data/\(name).json")
        }
        #expect(pages.contains { $0.contains("/lessons/") })
        for page in pages {
            let dom = try HeadlessChromium.dom(of: page)
            #expect(HeadlessChromium.problem(in: dom) == nil, "\(page): \(HeadlessChromium.problem(in: dom) ?? "")")
        }
        let index = try Self.read(site + "/index.html")
        for label in ["Requests", "Error rate", "p95 latency", "Active users", "Sessions", "Messages", "Guardrail events", "Chunks", "Coverage"] {
            #expect(index.contains("<span class=\"label\">\(label)</span>"), "tile \(label)")
        }
        // Self-contained: nothing is loaded from anywhere else.
        for page in pages {
            let html = try Self.read(page)
            #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<link"), "\(page)")
        }
    }

    @Test func hostileStringsNeverRunAndShowEscaped() throws {
        let logs = try CLI.temporaryDirectory()
        let expected = try HostileExports.write(to: logs)
        let (site, imported) = try Self.site(logs: logs)
        let total = expected.values.reduce(0, +)
        #expect(imported.stdout.contains("total: 7 files, \(total) read, \(total) upserted, 0 unchanged, 0 rejected"), "\(imported.stdout)\n\(imported.stderr)")
        let pages = Self.pages(in: site)
        #expect(pages.count > 9)
        var html = ""
        for page in pages {
            let text = try Self.read(page)
            html += text
            // Only the page's own two scripts, each with the page's nonce.
            #expect(text.components(separatedBy: "<script").count - 1 == 2, "\(page)")
            #expect(text.components(separatedBy: "<script nonce=\"").count - 1 == 2, "\(page)")
            #expect(text.utf8.count < 3_000_000, "\(page) is \(text.utf8.count) bytes")
            for marker in ["<img src=x", "<svg onload", "onmouseover='document", "<plaintext>", "</main><script>"] {
                #expect(!text.contains(marker), "\(page) holds \(marker) unescaped")
            }
            let dom = try HeadlessChromium.dom(of: page)
            #expect(HeadlessChromium.problem(in: dom) == nil, "\(page): \(HeadlessChromium.problem(in: dom) ?? "")")
        }
        // The payloads are shown, as text.
        #expect(html.contains("&lt;script&gt;document.documentElement.setAttribute(&#39;data-pwned&#39;,&#39;script&#39;)&lt;/script&gt;"))
        // Template syntax in the data is shown as written, never expanded.
        #expect(html.contains("{{#sections}}{{{chart}}}{{/sections}}{{&gt; layout-head}}{{=&lt;% %&gt;=}}"))
        #expect(html.contains("before\u{2400}after NUL"), "NUL shows as a control picture")
        #expect(html.contains("[U+202E]gnp.exe") && html.contains("[U+2067]isolate"), "bidi controls show as code points")
        #expect(html.contains("\u{FFFD}\u{FFFD}&lt;s&gt;\u{FFFD}"), "invalid UTF-8 shows as U+FFFD")
        #expect(html.contains("characters)"), "the 1 MB value is cut for display, and says so")
    }

    @Test func rejectedRowsAreCountedOnEveryPage() throws {
        let logs = try CLI.temporaryDirectory()
        let csv = "ID,Time,Course,Model,Status,Latency (ms),Status Code\r\n"
            + "a1,2026-03-01 10:00:00,c1,m,success,120,200\r\n"
            + "a2,2026-03-01 10:00:05,c1,m,success,-5,200\r\n"
            + "a3,yesterday,c1,m,error,300,500\r\n"
            + "a4,2026-03-01 10:00:09,c1,m,error,310,502\r\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: logs + "/AI Proxy Log.csv"))
        try Data("{\"data\": [".utf8).write(to: URL(fileURLWithPath: logs + "/AI Chat Session.json"))
        let (site, imported) = try Self.site(logs: logs)
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("AI Proxy Log.csv:3: latency_ms: negative"), "\(imported.stderr)")
        #expect(imported.stderr.contains("AI Proxy Log.csv:4: time: not a datetime"), "\(imported.stderr)")
        #expect(imported.stderr.contains("AI Chat Session.json:1"), "\(imported.stderr)")
        for page in Self.pages(in: site) {
            #expect(try Self.read(page).contains("<b>3</b> rejected"), "\(page)")
        }
        let imports = try Self.read(site + "/imports.html")
        #expect(imports.contains("latency_ms: negative"))
        let proxy = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/data/proxy.json"))) as! [String: Any]
        let figures = proxy["figures"] as! [String: Any]
        #expect(figures["requests"] as? Int == 2 && figures["errors"] as? Int == 1, "the valid rows arrived: \(figures)")
    }

    @Test func aFailedRenderLeavesThePreviousSite() throws {
        let (site, _) = try Self.site(logs: CLI.repositoryRoot + "/content/logs")
        let before = try Self.read(site + "/proxy.html")
        let broken = try CLI.temporaryDirectory()
        try Data("<p>{{#tiles}}unclosed</p>\n".utf8).write(to: URL(fileURLWithPath: broken + "/tiles.mustache"))
        let state = (site as NSString).deletingLastPathComponent + "/state.sqlite"
        let result = try CLI.run(["reports", "--state", state, "--output", site, "--templates", broken])
        #expect(result.status == 2)
        #expect(result.stderr.contains("tiles.mustache"), "\(result.stderr)")
        #expect(try Self.read(site + "/proxy.html") == before)
    }

    @Test func aTemplateOverrideReplacesOnlyItsOwnPart() throws {
        let custom = try CLI.temporaryDirectory()
        try Data("<div class=\"my-tiles\">{{#tiles}}[{{label}}={{value}}]{{/tiles}}</div>\n".utf8)
            .write(to: URL(fileURLWithPath: custom + "/tiles.mustache"))
        let (site, _) = try Self.site(logs: CLI.repositoryRoot + "/content/logs", extra: ["--templates", custom])
        let index = try Self.read(site + "/index.html")
        #expect(index.contains("<div class=\"my-tiles\">[Requests=611]"))
        #expect(index.contains("<table") == false && index.contains("<nav>"), "the rest still comes from the defaults")
    }
}
