import Foundation
import Testing
import LecternFAQ

/// What reaches the files: no greeting or chatter as a question, no planted e-mail, phone or key,
/// ranks by count, and the same bytes on a second run.
struct FAQOutputTests {
    func run(_ folder: String) throws -> [String: Data] {
        var questions = FAQFixtures.askings().map(\.question)
        // Chatter goes through the same filter as the command's messages; none should survive.
        for text in LabelledQuestions.chatter {
            if let q = QuestionFilter.question(in: text) { questions.append(Question(course: "git-basics", lesson: "undoing-changes", user: "x", time: 1, text: q)) }
        }
        let builder = FAQBuilder(embedder: try FAQFixtures.embedder(), options: FAQOptions())
        var timing = FAQBuilder.Timing()
        let drafts = builder.drafts(builder.group(questions, timing: &timing), drafter: nil)
        var files: [String: Data] = [:]
        for path in try FAQWriter.write(drafts, to: folder) {
            files[(path as NSString).lastPathComponent] = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return files
    }

    @Test(.enabled(if: FAQFixtures.runModelTests, "the embedding model is missing; run `make deps`"))
    func filesHoldNoChatterNoPersonalDataAndRepeatExactly() throws {
        let base = NSTemporaryDirectory() + "lectern-faq-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let first = try run(base + "/a"), second = try run(base + "/b")
        #expect(first.keys.sorted() == ["git-basics.json", "git-basics.md", "intro-python.json", "intro-python.md"])
        #expect(first == second)
        for (name, data) in first {
            let text = String(decoding: data, as: UTF8.self)
            for secret in LabelledQuestions.secrets { #expect(!text.contains(secret), "\(name) holds \(secret)") }
            #expect(!text.contains("@example.com"), "\(name)")
        }
        let json = try JSONSerialization.jsonObject(with: first["git-basics.json"]!) as! [String: Any]
        let drafts = json["data"] as! [[String: Any]]
        #expect(drafts.count == 1)
        #expect(drafts[0]["doctype"] as? String == "AI FAQ Draft")
        #expect(drafts[0]["course"] as? String == "git-basics")
        #expect(drafts[0]["lesson"] as? String == "undoing-changes")
        let items = drafts[0]["items"] as! [[String: Any]]
        let chatter = Set(LabelledQuestions.chatter.map { $0.lowercased() })
        for item in items {
            let question = item["question"] as! String
            #expect(!chatter.contains(question.lowercased()))
            #expect(!question.lowercased().hasPrefix("hi"), "\(question)")
            #expect((item["count"] as! Int) >= 3)
        }
        // Most asked first: "undo my last commit" is the most asked intent (21 of the hand counts).
        let counts = items.map { $0["count"] as! Int }
        #expect(counts == counts.sorted(by: >))
        #expect(items.first?["question"] as? String == "How do I undo my last commit?")
        #expect(items.first?["idx"] as? Int == 1)
    }
}
