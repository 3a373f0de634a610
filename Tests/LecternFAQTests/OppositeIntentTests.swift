import Testing
import LecternFAQ

/// Questions that differ by a negating prefix or one modifier ask opposite or narrower things
/// and must stay apart, however close they embed; their own paraphrases still join them.
struct OppositeIntentTests {
    static let rows = LabelledQuestions.parse("""
        stage | 5 | How do I stage a file?
        stage | 2 | How can I add a file to the staging area?
        unstage | 4 | How do I unstage a file?
        unstage | 2 | How can I remove a file from the staging area?
        commit | 3 | How do I commit my changes?
        uncommit | 2 | How do I uncommit my changes?
        """)

    @Test(.enabled(if: FAQFixtures.runModelTests, "the embedding model is missing; run `make deps`"))
    func negatedQuestionsStayApart() throws {
        for labels in try LabelledQuestions.labelsPerGroup(Self.rows) { #expect(labels.count == 1, "\(labels) grouped together") }
    }
}
