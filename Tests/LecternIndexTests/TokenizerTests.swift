import LecternIndex
import Testing

@Suite struct TokenizerTests {
    @Test func lowerCasedAlphanumericRuns() {
        #expect(LexicalTokenizer.terms(in: "Hello, World! git-commit v2.0 C++") == ["hello", "world", "git", "commit", "v2", "0", "c"])
        #expect(LexicalTokenizer.terms(in: "") == [])
        #expect(LexicalTokenizer.terms(in: " \t\n—…!") == [])
    }

    @Test func unicodeLettersDigitsAndMarks() {
        #expect(LexicalTokenizer.terms(in: "Crème BRÛLÉE naïve") == ["crème", "brûlée", "naïve"])
        // A decomposed accent stays in its word (not normalized: e + U+0301).
        #expect(LexicalTokenizer.terms(in: "Cafe\u{301} au lait") == ["cafe\u{301}", "au", "lait"])
        // Per-scalar lower-casing, no final-sigma rule; full mappings (İ → i + U+0307).
        #expect(LexicalTokenizer.terms(in: "ΣΊΣΥΦΟΣ İstanbul") == ["σίσυφοσ", "i\u{307}stanbul"])
        #expect(LexicalTokenizer.terms(in: "٣ apples, Ⅻ, ½") == ["٣", "apples", "ⅻ", "½"])
        #expect(LexicalTokenizer.terms(in: "emoji 🍮 and €5") == ["emoji", "and", "5"])
    }

    @Test func ideographsAreTermsOfTheirOwn() {
        #expect(LexicalTokenizer.terms(in: "学习Swift编程") == ["学", "习", "swift", "编", "程"])
        #expect(LexicalTokenizer.terms(in: "ひらがな カタカナ") == ["ひらがな", "カタカナ"])
    }
}
