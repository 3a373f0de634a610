import Foundation
import Testing

/// `lectern faq` end to end on hand-written exports: import, then faq into a temporary folder.
@Suite(.enabled(if: CLI.modelAvailable || CLI.inCI, "skipped: the model is missing; run `make deps`"))
struct FAQCommandTests {
    /// Three sessions of one lesson; the learners ask two questions in several phrasings, chat,
    /// and paste an address, a phone number and a key. One message names a session that is not
    /// in the export.
    func writeLogs(_ folder: String) throws {
        let sessions = """
            {"data": [
             {"name": "s1", "user": "ann@example.edu", "course": "git-basics", "lesson": "undoing-changes", "started_at": "2026-11-01 10:00:00"},
             {"name": "s2", "user": "bob@example.edu", "course": "git-basics", "lesson": "undoing-changes", "started_at": "2026-11-02 10:00:00"},
             {"name": "s3", "user": "cy@example.edu", "course": "git-basics", "lesson": "undoing-changes", "started_at": "2026-11-03 10:00:00"}
            ]}
            """
        let messages: [(String, String, String, String)] = [
            ("m01", "s1", "user", "hi"),
            ("m02", "s1", "user", "How do I undo my last commit?"),
            ("m03", "s1", "assistant", "Use git reset --soft HEAD~1."),
            ("m04", "s1", "user", "thanks!"),
            ("m05", "s2", "user", "Hello! How can I undo the most recent commit?"),
            ("m06", "s2", "user", "How do I undo my last commit? mail me at bob.private@example.com"),
            ("m07", "s2", "user", "How do I unstage a file?"),
            ("m08", "s3", "user", "How do I unstage a file? call +46 70 123 45 67"),
            ("m09", "s3", "user", "How do I unstage a file? my key is sk-proj-4fQ9xZ2LmN8pR7tY1wK3"),
            ("m10", "s3", "user", "ok cool"),
            ("m11", "s9", "user", "How do I undo my last commit?"),
        ]
        var lines = ""
        for (i, m) in messages.enumerated() {
            let object: [String: Any] = ["name": m.0, "session": m.1, "role": m.2, "content": m.3,
                                         "creation": String(format: "2026-11-0%d 10:%02d:00", min(3, i / 4 + 1), i)]
            lines += String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        try sessions.write(toFile: folder + "/AI Chat Session.json", atomically: true, encoding: .utf8)
        try lines.write(toFile: folder + "/AI Chat Message.jsonl", atomically: true, encoding: .utf8)
    }

    @Test func draftsTheAskedQuestionsWithoutChatterOrPersonalData() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        try writeLogs(folder + "/logs")
        #expect(try CLI.run(["import", folder + "/logs", "--state", folder + "/state.sqlite"]).status == 0)

        let run = try CLI.run(["faq", "--state", folder + "/state.sqlite", "--index", folder + "/no-index",
                               "--output", folder + "/faq", "--min-count", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("AI Chat Message m11: session s9 not imported; skipped"))
        #expect(run.stderr.contains("no index; answers are left empty"))
        #expect(run.stdout.contains("6 questions"), "\(run.stdout)")

        let json = try String(contentsOfFile: folder + "/faq/git-basics.json", encoding: .utf8)
        let markdown = try String(contentsOfFile: folder + "/faq/git-basics.md", encoding: .utf8)
        for text in [json, markdown] {
            for secret in ["bob.private", "123 45 67", "sk-proj", "thanks", "ok cool", "Hello"] {
                #expect(!text.contains(secret), "\(secret)")
            }
        }
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let items = (object["data"] as! [[String: Any]])[0]["items"] as! [[String: Any]]
        // Hand count: three askings of undoing the last commit (by ann, bob, bob), three of
        // unstaging (bob, cy, cy); ties are ranked by the question's text.
        #expect(items.map { $0["question"] as! String } == ["How do I undo my last commit?", "How do I unstage a file?"])
        #expect(items.map { $0["count"] as! Int } == [3, 3])
        #expect(items.map { $0["learners"] as! Int } == [2, 2])
        #expect(items[0]["first_asked"] as? String == "2026-11-01 10:01:00")
    }
}
