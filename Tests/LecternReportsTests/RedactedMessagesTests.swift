import Foundation
import Testing
import LecternReports
import LecternStore

/// Learners paste addresses, numbers and keys into the tutor. The lesson pages show questions
/// and conversations with them redacted, in the HTML and in its JSON alike.
struct RedactedMessagesTests {
    static let secrets = ["anna.berg@example.com", "+46 70 123 45 67", "sk-proj-4fQ9xZ2LmN8pR7tY1wK3"]

    @Test func noPastedSecretReachesTheSite() throws {
        let fixture = try ImportFixture()
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        try fixture.importFile(try fixture.write("AI Chat Session.jsonl", """
            {"name": "S1", "user": "u1@example.edu", "course": "git-basics", "lesson": "undoing-changes", "creation": "2026-03-01 10:00:00"}

            """))
        let questions = ["I'm anna.berg@example.com, how do I unstage a file?", "Call me on +46 70 123 45 67 about rebasing?",
                         "Why does sk-proj-4fQ9xZ2LmN8pR7tY1wK3 give 401?"]
        let lines = questions.enumerated().map { i, text in
            #"{"name": "M\#(i)", "session": "S1", "role": "user", "content": "\#(text)", "creation": "2026-03-01 10:0\#(i):00"}"#
        }
        try fixture.importFile(try fixture.write("AI Chat Message.jsonl", lines.joined(separator: "\n") + "\n"))
        let output = fixture.directory + "/site"
        let renderer = SiteRenderer(templates: try SiteTemplates(defaults: FiguresSite.repositoryRoot + "/templates"),
                                    options: .init(output: output, timeZone: TimeZone(identifier: "UTC")!, rule: FiguresSite.rule))
        _ = try renderer.render(store: fixture.store)

        var everything = ""
        let files = try #require(FileManager.default.enumerator(atPath: output))
        for case let file as String in files where file.hasSuffix(".html") || file.hasSuffix(".json") {
            everything += try String(contentsOfFile: output + "/" + file, encoding: .utf8)
        }
        #expect(everything.contains("how do I unstage a file?"))
        for secret in Self.secrets { #expect(!everything.contains(secret), "\(secret) in the site") }
        for mark in ["[email]", "[phone]", "[key]"] { #expect(everything.contains(mark), "\(mark) missing") }
    }
}
