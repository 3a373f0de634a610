import Testing
import LecternFAQ

/// A lesson of few phrasings cannot be centred on its own mean (two phrasings centred fully point
/// opposite ways), so the grouping there must behave as on plain cosines: a close paraphrase
/// joins, a different question on the same subject does not.
struct SmallLessonTests {
    static func groups(_ rows: [LabelledQuestions.Entry]) throws -> [Set<String>] {
        var askings: [Question] = []
        var t = 1_000.0
        for e in rows { for _ in 0..<e.count { t += 60; askings.append(Question(course: "c", lesson: "l", user: "u", time: t, text: e.text)) } }
        var timing = FAQBuilder.Timing()
        let grouping = FAQBuilder(embedder: try FAQFixtures.embedder(), options: FAQOptions()).group(askings, timing: &timing)[0]
        return grouping.groups.map { g in Set(g.members.map { m in rows.first { $0.text == grouping.phrasings[m].text }!.label }) }
    }

    @Test(.enabled(if: FAQFixtures.runModelTests, "the embedding model is missing; run `make deps`"))
    func twoParaphrasesJoin() throws {
        let rows = LabelledQuestions.parse("""
            undo | 3 | How do I undo my last commit?
            undo | 1 | How can I undo the most recent commit?
            """)
        #expect(try Self.groups(rows) == [["undo"]])
    }

    @Test(.enabled(if: FAQFixtures.runModelTests, "the embedding model is missing; run `make deps`"))
    func differentQuestionsOnOneSubjectStayApart() throws {
        let rows = LabelledQuestions.parse("""
            undo | 3 | How do I undo my last commit?
            message | 2 | How do I change the last commit message?
            branch | 1 | What is a branch?
            """)
        let groups = try Self.groups(rows)
        #expect(groups.count == 3, "\(groups)")
    }
}
