import Testing
import LecternEmbedding

/// Expected word pieces come from the reference tokenizer (Hugging Face `tokenizers` with the
/// model's tokenizer.json), checked by hand against the rules in DESIGN.md.
@Suite(.enabled(if: Fixtures.runModelTests, "skipped: the model is missing; run `make deps`"))
struct TokenizerTests {
    let tokenizer: WordPieceTokenizer

    init() throws {
        tokenizer = try Fixtures.tokenizer()
    }

    func pieces(_ text: String) -> [String] {
        tokenizer.encode(text).map(tokenizer.token(for:))
    }

    @Test func accentsAreStrippedAndCaseFolded() {
        #expect(pieces("Crème brûlée, naïve café") == ["[CLS]", "cr", "##eme", "br", "##ule", "##e", ",", "naive", "cafe", "[SEP]"])
        #expect(pieces("ÉCOLE Ångström") == ["[CLS]", "ecole", "ang", "##strom", "[SEP]"])
        #expect(pieces("İstanbul") == ["[CLS]", "istanbul", "[SEP]"])
        // Lower-casing is per scalar: a final capital sigma becomes σ, not ς.
        #expect(pieces("Σίσυφος") == ["[CLS]", "σ", "##ι", "##σ", "##υ", "##φ", "##ος", "[SEP]"])
    }

    @Test func cjkIdeographsAreSeparateWords() {
        #expect(pieces("東京は日本") == ["[CLS]", "東", "京", "は", "日", "本", "[SEP]"])
    }

    @Test func hangulDecomposesToJamo() {
        #expect(pieces("안녕하세요") == ["[CLS]", "ᄋ", "##ᅡ", "##ᆫ", "##ᄂ", "##ᅧ", "##ᆼ", "##ᄒ", "##ᅡ", "##ᄉ", "##ᅦ", "##ᄋ", "##ᅭ", "[SEP]"])
    }

    @Test func emojiAreUnknownWordsNotPunctuation() {
        #expect(pieces("I love pizza 🍕!") == ["[CLS]", "i", "love", "pizza", "[UNK]", "!", "[SEP]"])
        #expect(pieces("thumbs 👍🏽 ❤️") == ["[CLS]", "thumbs", "[UNK]", "[UNK]", "[SEP]"])
    }

    @Test func zeroWidthAndControlCharactersVanish() {
        #expect(pieces("zero\u{200B}width\u{200D}join\u{FEFF}bom\u{00AD}soft")
                == ["[CLS]", "zero", "##wi", "##dt", "##h", "##jo", "##in", "##bo", "##ms", "##oft", "[SEP]"])
        #expect(pieces("bell\u{07}null\u{00}tab\there") == ["[CLS]", "bell", "##nu", "##ll", "##ta", "##b", "here", "[SEP]"])
    }

    @Test func unicodeSpacesSeparateWords() {
        #expect(pieces("non\u{00A0}breaking\u{3000}space") == ["[CLS]", "non", "breaking", "space", "[SEP]"])
        #expect(pieces("line\u{2028}sep") == ["[CLS]", "line", "sep", "[SEP]"])
    }

    @Test func asciiSymbolsArePunctuationButCurrencySignsAreNot() {
        #expect(pieces("a$b+c<d=e>f^g|h~i")
                == ["[CLS]", "a", "$", "b", "+", "c", "<", "d", "=", "e", ">", "f", "^", "g", "|", "h", "~", "i", "[SEP]"])
        #expect(pieces("€100 £50 ©2024") == ["[CLS]", "€", "##100", "£5", "##0", "©", "##20", "##24", "[SEP]"])
        #expect(pieces("don't") == ["[CLS]", "don", "'", "t", "[SEP]"])
    }

    @Test func wordsOverOneHundredScalarsAreUnknown() {
        #expect(pieces(String(repeating: "x", count: 101)) == ["[CLS]", "[UNK]", "[SEP]"])
        let hundred = pieces(String(repeating: "x", count: 100))
        #expect(hundred.count == 52)
        #expect(hundred[1] == "xx" && hundred[2...50].allSatisfy { $0 == "##xx" })
    }

    @Test func emptyAndWhitespaceOnlyInputGiveOnlySpecialTokens() {
        #expect(pieces("") == ["[CLS]", "[SEP]"])
        #expect(pieces("   \t\n ") == ["[CLS]", "[SEP]"])
    }

    @Test func longInputIsTruncatedTo256IdsEndingInSep() {
        let ids = tokenizer.encode(String(repeating: "word ", count: 300))
        #expect(ids.count == 256)
        #expect(ids.first == tokenizer.clsID && ids.last == tokenizer.sepID)
        #expect(ids[1..<255].allSatisfy { tokenizer.token(for: $0) == "word" })
        // Truncation never splits a text shorter than the limit.
        #expect(tokenizer.encode(String(repeating: "word ", count: 254)).count == 256)
        #expect(tokenizer.encode(String(repeating: "word ", count: 253)).count == 255)
    }
}
