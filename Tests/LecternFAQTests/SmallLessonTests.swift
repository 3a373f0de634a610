import Testing
import LecternFAQ

/// A lesson of few phrasings cannot be centred on its own mean (two phrasings centred fully point
/// opposite ways), so the grouping there must behave as on plain cosines: a close paraphrase
/// joins, a different question on the same subject does not.
struct SmallLessonTests {
    @Test(.enabled(if: FAQFixtures.runModelTests, "the embedding model is missing; run `make deps`"))
    func twoParaphrasesJoin() throws {
        let rows = LabelledQuestions.parse("""
            undo | 3 | How do I undo my last commit?
            undo | 1 | How can I undo the most recent commit?
            """)
        #expect(try LabelledQuestions.labelsPerGroup(rows) == [["undo"]])
    }

    @Test(.enabled(if: FAQFixtures.runModelTests, "the embedding model is missing; run `make deps`"))
    func differentQuestionsOnOneSubjectStayApart() throws {
        let rows = LabelledQuestions.parse("""
            undo | 3 | How do I undo my last commit?
            message | 2 | How do I change the last commit message?
            branch | 1 | What is a branch?
            """)
        let groups = try LabelledQuestions.labelsPerGroup(rows)
        #expect(groups.count == 3, "\(groups)")
    }
}
