import Foundation
import LecternStore

/// `lectern reports`: reads the state, computes every page, renders them with the templates and
/// writes the site. The new site is written beside the old one and moved into place at the end,
/// so a failed run leaves the previous site as it was.
public struct SiteRenderer {
    public struct Options {
        public var output: String
        public var timeZone: TimeZone
        public var rule: AlertRule

        public init(output: String, timeZone: TimeZone = TimeZone(identifier: "UTC")!, rule: AlertRule = AlertRule()) {
            self.output = output; self.timeZone = timeZone; self.rule = rule
        }
    }

    public struct Result: Sendable {
        public var pages: Int
        public var seconds: Double
        public var rowsRead: Int
        public var rowsRejected: Int
    }

    let templates: SiteTemplates
    let options: Options

    public init(templates: SiteTemplates, options: Options) {
        self.templates = templates
        self.options = options
    }

    static func jsonPath(of page: ReportPage) -> String {
        "data/" + page.path.dropLast(".html".count) + ".json"
    }

    public func render(store: StateStore) throws -> Result {
        let started = Date()
        let snapshot = try LogSnapshot.load(from: store)
        let clock = ReportClock(timeZone: options.timeZone)
        let pages = SiteBuilder(snapshot: snapshot, clock: clock, rule: options.rule).pages()
        let window = snapshot.window
        let header = PageView.Header(windowFirst: window?.first, windowLast: window?.last, rowsRead: snapshot.rowsRead,
                                     rowsRejected: snapshot.rowsRejected, files: snapshot.imports.count,
                                     generatedAt: started.timeIntervalSince1970, seconds: Date().timeIntervalSince(started))
        let staging = options.output + ".tmp-\(getpid())"
        let manager = FileManager.default
        try? manager.removeItem(atPath: staging)
        do {
            let views = PageView(pages: pages, header: header, clock: clock)
            // Rendered and written on two threads, each with a writer of its own.
            try FileWriter(root: staging).makeFolders(for: pages.flatMap { [$0.path, Self.jsonPath(of: $0)] })
            _ = try TwoThreads.run(jobs: pages.count, context: { FileWriter(root: staging) }) { files, n in
                let page = pages[n]
                var generator = SystemRandomNumberGenerator()
                let nonce = String(generator.next() as UInt64, radix: 36) + String(generator.next() as UInt64, radix: 36)
                try files.write(templates.render(views.make(page, nonce: nonce), page: page), to: page.path)
                try files.write(PageJSON.make(page, header: header, clock: clock), to: Self.jsonPath(of: page))
            }
            try replace(options.output, with: staging)
        } catch {
            try? manager.removeItem(atPath: staging)
            throw ReportError("\(options.output): cannot write the site: \(error)")
        }
        return Result(pages: pages.count, seconds: Date().timeIntervalSince(started), rowsRead: snapshot.rowsRead,
                      rowsRejected: snapshot.rowsRejected)
    }

    /// Moves the old site aside, the new one in, then deletes the old: between the two renames
    /// (microseconds) there is no site, never half of one.
    func replace(_ target: String, with staging: String) throws {
        let manager = FileManager.default
        let old = target + ".old-\(getpid())"
        try? manager.removeItem(atPath: old)
        if manager.fileExists(atPath: target) { try manager.moveItem(atPath: target, toPath: old) }
        try manager.moveItem(atPath: staging, toPath: target)
        try? manager.removeItem(atPath: old)
    }
}
