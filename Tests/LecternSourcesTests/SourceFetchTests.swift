import Foundation
import LecternSources
import LecternStore
import Testing

/// Every way a source can behave, fetched from the local test server: each ends in the right
/// status with an error that says what happened, and one failure never stops the others.
@Suite(.serialized)
final class SourceFetchTests {
    let server: SourceTestServer
    let root: String
    let state: StateStore
    let limits = FetchLimits(connectTimeout: 2, totalTimeout: 1.5, maxBytes: 20 << 20, maxRedirects: 5)

    static let goodPage = """
        <!doctype html><html><head><title>Slicing lists</title></head><body><main>
        <h1>Slicing lists</h1><p>A slice such as items[1:3] copies part of a list into a new list.</p>
        </main></body></html>
        """

    init() throws {
        server = try SourceTestServer()
        root = NSTemporaryDirectory() + "lectern-sources-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/content/notes", withIntermediateDirectories: true)
        try "Local notes about tuples: a tuple cannot be changed after it is made.\n".write(toFile: root + "/content/notes/tuples.txt", atomically: true, encoding: .utf8)
        try "secret outside the root\n".write(toFile: root + "/outside.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/content/notes/escape.txt", withDestinationPath: root + "/outside.txt")
        state = try StateStore(path: root + "/state.sqlite")

        server.set("/good.html", .init(contentType: "text/html; charset=utf-8", body: Array(Self.goodPage.utf8), etag: "\"v1\"",
                                       lastModified: "Tue, 01 Dec 2026 10:00:00 GMT"))
        server.set("/notes.md", .init(contentType: "text/markdown; charset=utf-8", body: Array("# Dictionaries\n\nA dict maps keys to values.\n".utf8)))
        server.set("/moved", .init(status: .found, headers: [("Location", "/good.html")]))
        server.set("/loop-a", .init(status: .found, headers: [("Location", "/loop-b")]))
        server.set("/loop-b", .init(status: .movedPermanently, headers: [("Location", "/loop-a")]))
        for hop in 0..<7 { server.set("/hop\(hop)", .init(status: .temporaryRedirect, headers: [("Location", "/hop\(hop + 1)")])) }
        server.set("/hop7", .init(contentType: "text/plain", body: Array("the end of a long chain".utf8)))
        server.set("/to-ftp", .init(status: .found, headers: [("Location", "ftp://127.0.0.1/file.txt")]))
        server.set("/broken", .init(status: .internalServerError, contentType: "text/plain", body: Array("boom".utf8)))
        server.set("/slow", .init(contentType: "text/plain", body: Array("late".utf8), delay: 4))
        server.set("/huge", .init(contentType: "text/plain", body: [UInt8](repeating: 0x61, count: 50 << 20)))
        server.set("/huge-chunked", .init(contentType: "text/plain", body: [UInt8](repeating: 0x62, count: 50 << 20), chunked: 1 << 20))
        server.set("/image.png", .init(contentType: "image/png", body: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
        server.set("/lying.html", .init(contentType: "text/html", body: TestPDF.make(pages: ["not html"])))
        server.set("/not-a.pdf", .init(contentType: "application/pdf", body: Array("<html><body>an error page</body></html>".utf8)))
        server.set("/zipped.html", .init(contentType: "text/html", body: Array("<html><body><p>Compressed page about sets: a set holds each value once.</p></body></html>".utf8), gzip: true))
        server.set("/guide.pdf", .init(contentType: "application/pdf", body: TestPDF.make(pages: [
            "Page one explains list comprehensions.", "Page two explains generator expressions."])))
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    func fetch(_ url: String, allowed: Bool = true, offline: Bool = false) -> FetchedSource {
        let fetcher = SourceFetcher(contentRoot: root + "/content", state: state, limits: limits, offline: offline)
        return fetcher.fetch(SourceEntry(course: "python", url: url, allowed: allowed, listedIn: "sources.json", record: 1))
    }

    func text(_ source: FetchedSource) -> String {
        source.document?.blocks.map(\.text).joined(separator: "\n") ?? ""
    }

    @Test func goodPagesAreFetchedWithTheirType() {
        let html = fetch(server.base + "/good.html")
        #expect(html.status == .fetched && html.mimeType == "text/html" && html.message == nil)
        #expect(html.document?.title == "Slicing lists")
        #expect(text(html).contains("copies part of a list"))
        let markdown = fetch(server.base + "/notes.md")
        #expect(markdown.status == .fetched && markdown.mimeType == "text/markdown" && markdown.document?.kind == .markdown)
        #expect(text(markdown).contains("A dict maps keys to values."))
    }

    @Test func redirectsAreFollowedAndLoopsNamed() {
        let moved = fetch(server.base + "/moved")
        #expect(moved.status == .fetched && moved.location == server.base + "/good.html")
        let loop = fetch(server.base + "/loop-a")
        #expect(loop.status == .error)
        #expect(loop.message == "redirect loop: \(server.base)/loop-a → \(server.base)/loop-b → \(server.base)/loop-a")
        let chain = fetch(server.base + "/hop0")
        #expect(chain.status == .error && chain.message?.hasPrefix("more than 5 redirects") == true)
        let ftp = fetch(server.base + "/to-ftp")
        #expect(ftp.message == "redirected to ftp://127.0.0.1/file.txt: only http and https are followed")
    }

    @Test func serverErrorsAreErrorsWithTheStatus() {
        #expect(fetch(server.base + "/missing").message == "HTTP 404 Not Found from \(server.base)/missing")
        #expect(fetch(server.base + "/broken").message == "HTTP 500 Internal Server Error from \(server.base)/broken")
        // Nothing listens on port 1.
        let refused = fetch("http://127.0.0.1:1/page.html")
        #expect(refused.status == .error && refused.message?.hasPrefix("cannot connect") == true)
    }

    @Test func aSlowServerTimesOut() {
        let started = Date()
        let slow = fetch(server.base + "/slow")
        #expect(slow.status == .error)
        #expect(slow.message?.hasPrefix("timed out after 1.5 s (total timeout)") == true, "\(slow.message ?? "")")
        #expect(Date().timeIntervalSince(started) < 3.5)
    }

    @Test func aBodyOverTheCapIsRefusedWithOrWithoutALength() throws {
        let declared = fetch(server.base + "/huge")
        #expect(declared.status == .error && declared.message?.hasPrefix("larger than the size cap of 20971520 bytes") == true, "\(declared.message ?? "")")
        let chunked = fetch(server.base + "/huge-chunked")
        #expect(chunked.status == .error && chunked.message?.hasPrefix("larger than the size cap of 20971520 bytes (stopped after") == true, "\(chunked.message ?? "")")
        // Nothing of either was cached.
        #expect(try state.cachedSource(url: server.base + "/huge") == nil)
    }

    @Test func wrongContentTypesAreNamed() {
        #expect(fetch(server.base + "/image.png").message == "content type image/png is not supported (HTML, Markdown, plain text or PDF)")
        #expect(fetch(server.base + "/lying.html").message == "declared text/html but the body is binary (a PDF)")
        #expect(fetch(server.base + "/not-a.pdf").message == "declared application/pdf but the body is not a PDF (no %PDF- header)")
    }

    @Test func gzipIsAskedForAndDecoded() {
        let zipped = fetch(server.base + "/zipped.html")
        #expect(server.clientAcceptedGzip("/zipped.html"))
        #expect(zipped.status == .fetched && text(zipped).contains("a set holds each value once"))
    }

    @Test func aPDFKeepsItsPages() {
        let pdf = fetch(server.base + "/guide.pdf")
        #expect(pdf.status == .fetched && pdf.mimeType == "application/pdf" && pdf.document?.kind == .pdf)
        let blocks = pdf.document?.blocks ?? []
        let page2 = blocks.first { $0.text.contains("generator expressions") }
        #expect(page2?.headingPath == ["Page 2"])
        #expect(blocks.first { $0.text.contains("list comprehensions") }?.headingPath == ["Page 1"])
        #expect(SourceDocument.pdfAnchor(headingPath: ["Page 2"]) == "#page=2")
    }

    @Test func anUnchangedPageIsRevalidatedNotDownloaded() throws {
        #expect(fetch(server.base + "/good.html").fromCache == false)
        let second = fetch(server.base + "/good.html")
        #expect(second.status == .fetched && second.fromCache && text(second).contains("copies part of a list"))
        #expect(server.servedCount("/good.html") == 1 && server.notModifiedCount("/good.html") == 1)
        #expect(try state.cachedSource(url: server.base + "/good.html")?.etag == "\"v1\"")
    }

    @Test func offlineUsesOnlyTheCache() {
        _ = fetch(server.base + "/good.html")
        let served = server.totalServed
        let cached = fetch(server.base + "/good.html", offline: true)
        #expect(cached.status == .fetched && cached.fromCache)
        let uncached = fetch(server.base + "/notes.md", offline: true)
        #expect(uncached.status == .new && uncached.message == "not fetched yet: --offline and nothing cached")
        #expect(server.totalServed == served && server.notModifiedCount("/good.html") == 0)
    }

    @Test func aSourceNotAllowedIsNotFetched() {
        let skipped = fetch(server.base + "/good.html", allowed: false)
        #expect(skipped.status == .new && skipped.document == nil)
        #expect(server.servedCount("/good.html") == 0)
    }

    @Test func filesAreReadOnlyInsideTheContentRoot() {
        let local = fetch("notes/tuples.txt")
        #expect(local.status == .fetched && text(local).contains("a tuple cannot be changed"))
        #expect(fetch("file:notes/tuples.txt").status == .fetched)
        #expect(fetch("file://\(root)/content/notes/tuples.txt").status == .fetched)
        let climbing = fetch("../outside.txt")
        #expect(climbing.status == .error && climbing.message?.contains("leads outside the content root") == true)
        let absolute = fetch("file:///etc/passwd")
        #expect(absolute.status == .error && absolute.message?.contains("is outside the content root") == true)
        let link = fetch("notes/escape.txt")
        #expect(link.status == .error && link.message?.contains("leads outside the content root") == true)
        #expect(fetch("ftp://example.com/x.txt").message == "unsupported URL scheme (http, https, file: or a path inside the content root)")
    }
}
