import Testing
import LecternFAQ

struct QuestionFilterTests {
    @Test func chatterIsNoQuestion() {
        for text in LabelledQuestions.chatter + ["", "   ", "ok!", "Thank you so much :)", "hi tutor", "got it, thanks", "no", "see you later",
                                               "Why?", "what??", "Really?", "huh?", "How so?", "sorry, what?"] {
            #expect(QuestionFilter.question(in: text) == nil, "\(text)")
        }
    }

    @Test func questionsAreKeptWithoutTheirGreeting() {
        #expect(QuestionFilter.question(in: "Hi! How do I undo my last commit?") == "How do I undo my last commit?")
        #expect(QuestionFilter.question(in: "hello, what does elif mean?") == "what does elif mean?")
        #expect(QuestionFilter.question(in: "Thanks. Why does my loop never stop?") == "Why does my loop never stop?")
        #expect(QuestionFilter.question(in: "append vs extend?") == "append vs extend?")
        #expect(QuestionFilter.question(in: "explain list comprehensions please") == "explain list comprehensions please")
        #expect(QuestionFilter.question(in: "How do I push a new branch") == "How do I push a new branch")
        #expect(QuestionFilter.question(in: "How do I unstage a file? call me on [phone]") == "How do I unstage a file?")
    }
}
