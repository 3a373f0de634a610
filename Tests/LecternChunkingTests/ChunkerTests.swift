import Foundation
import Testing
import LecternChunking
import LecternContent
import LecternEmbedding

private let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

private let vocabulary = (ProcessInfo.processInfo.environment["LECTERN_MODEL_DIR"] ?? repositoryRoot + "/models/all-MiniLM-L6-v2") + "/vocab.txt"
private let canRun = FileManager.default.fileExists(atPath: vocabulary) || ProcessInfo.processInfo.environment["CI"] == "true"

@Suite(.enabled(if: canRun, "skipped: the model's vocab.txt is missing; run `make deps`"))
struct ChunkerTests {
    let tokenizer: WordPieceTokenizer

    init() throws {
        tokenizer = try WordPieceTokenizer(vocabularyPath: vocabulary)
    }

    func lesson(_ blocks: [Block], id: String = "variables") -> Lesson {
        Lesson(course: CourseRef(id: "python", title: "Python"), chapter: ChapterRef(id: "basics", title: "Basics", index: 1),
               id: id, title: "Variables", index: 2, url: "/lms/courses/python/learn/1-2", source: .lesson,
               blocks: blocks, origin: "courses/python/01-basics/02-variables.md")
    }

    func sentence(_ n: Int) -> String {
        "Sentence number \(n) explains how a variable name refers to a value in memory."
    }

    @Test func headingsStartChunksAndGiveTheirPath() {
        let chunks = Chunker(tokenizer: tokenizer).chunks(of: lesson([
            Block(kind: .heading, text: "Naming", level: 2, headingPath: ["Naming"]),
            Block(kind: .paragraph, text: "Names start with a letter.", headingPath: ["Naming"]),
            Block(kind: .heading, text: "Assignment rules", level: 2, headingPath: ["Assignment rules"]),
            Block(kind: .heading, text: "Multiple targets", level: 3, headingPath: ["Assignment rules", "Multiple targets"]),
            Block(kind: .paragraph, text: "a = b = 0 binds both names.", headingPath: ["Assignment rules", "Multiple targets"]),
        ]))
        #expect(chunks.count == 2)
        #expect(chunks[0].text == "Naming\nNames start with a letter.")
        #expect(chunks[0].headingPath == ["Naming"] && chunks[0].anchor == "#h-naming")
        #expect(chunks[1].text == "Assignment rules\nMultiple targets\na = b = 0 binds both names.")
        #expect(chunks[1].headingPath == ["Assignment rules", "Multiple targets"])
        #expect(chunks[1].anchor == "#h-multiple-targets")
        #expect(chunks.map(\.ordinal) == [0, 1])
        #expect(chunks.allSatisfy { $0.url == "/lms/courses/python/learn/1-2" && $0.source == .lesson })
    }

    @Test func noChunkIsOverTheBudgetAndCodeListsAndRowsStayWhole() {
        var blocks: [Block] = [Block(kind: .heading, text: "Everything", level: 2, headingPath: ["Everything"])]
        let code = (1...4).map { "total = total + values[\($0)]  # add item \($0)" }.joined(separator: "\n")
        for n in 0..<30 {
            blocks.append(Block(kind: .paragraph, text: sentence(n) + " " + sentence(n + 100), headingPath: ["Everything"]))
            if n % 7 == 0 { blocks.append(Block(kind: .code, text: code, language: "python", headingPath: ["Everything"])) }
            if n % 5 == 0 { blocks.append(Block(kind: .listItem, text: "List item \(n) about immutable strings and tuples", headingPath: ["Everything"])) }
            if n % 6 == 0 { blocks.append(Block(kind: .tableRow, text: "int | 42 | a whole number \(n)", headingPath: ["Everything"])) }
        }
        let options = ChunkingOptions(maxTokens: 120, overlapTokens: 20)
        let chunks = Chunker(tokenizer: tokenizer, options: options).chunks(of: lesson(blocks))
        #expect(chunks.count > 5)
        for chunk in chunks {
            // The budget counts what is embedded, context line included; check it independently.
            let counted = tokenizer.wordPieceIDs(chunk.embeddingText).count
            #expect(counted <= 120, "chunk \(chunk.ordinal) has \(counted) tokens")
            #expect(chunk.tokenCount == counted)
        }
        let whole = blocks.filter { $0.kind != .paragraph && $0.kind != .heading }.map(\.text)
        for text in Set(whole) {
            let holding = chunks.filter { $0.text.contains(text) }
            #expect(!holding.isEmpty, "a code block, list item or row was split: \(text.prefix(30))")
        }
    }

    @Test func anOverlongParagraphSplitsAtSentencesWithOverlap() {
        let paragraph = (0..<40).map(sentence).joined(separator: " ")
        let chunks = Chunker(tokenizer: tokenizer, options: ChunkingOptions(maxTokens: 100, overlapTokens: 32))
            .chunks(of: lesson([Block(kind: .paragraph, text: paragraph)]))
        #expect(chunks.count >= 5)
        for chunk in chunks {
            #expect(chunk.text.hasSuffix("memory."), "chunk \(chunk.ordinal) does not end at a sentence")
        }
        // Each chunk after the first opens with the previous chunk's closing sentences, at most
        // the overlap budget of them.
        var overlapping = 0
        let flat = chunks.map { $0.text.replacingOccurrences(of: "\n", with: " ") }
        for (previous, next) in zip(flat, flat.dropFirst()) {
            let sentences = next.components(separatedBy: " Sentence number ")
            var carried = ""
            for count in 1...sentences.count {
                let head = sentences.prefix(count).joined(separator: " Sentence number ")
                if previous.hasSuffix(head) { carried = head }
            }
            if !carried.isEmpty {
                overlapping += 1
                #expect(tokenizer.wordPieceIDs(carried).count <= 32)
            }
        }
        #expect(overlapping == chunks.count - 1, "\(overlapping) of \(chunks.count - 1) chunks overlap")
        // Together the chunks hold every sentence.
        for n in 0..<40 { #expect(chunks.contains { $0.text.contains("number \(n) explains") }) }
    }

    @Test func aSingleBlockOverTheBudgetIsSplitAndCodeAtLines() {
        let code = (1...80).map { "print('line \($0) of a long program')" }.joined(separator: "\n")
        let chunks = Chunker(tokenizer: tokenizer, options: ChunkingOptions(maxTokens: 100, overlapTokens: 0))
            .chunks(of: lesson([Block(kind: .code, text: code, language: "python")]))
        #expect(chunks.count > 1)
        #expect(chunks.allSatisfy { tokenizer.wordPieceIDs($0.embeddingText).count <= 100 })
        #expect(chunks.map(\.text).joined(separator: "\n") == code)
    }

    @Test func offsetsPointIntoThePlainText() {
        let l = lesson([
            Block(kind: .heading, text: "Intro", level: 1, headingPath: ["Intro"]),
            Block(kind: .paragraph, text: "Crème brûlée — déjà vu.", headingPath: ["Intro"]),
            Block(kind: .heading, text: "Next", level: 1, headingPath: ["Next"]),
            Block(kind: .paragraph, text: "Second part.", headingPath: ["Next"]),
        ])
        let plain = Array(l.plainText.unicodeScalars)
        for chunk in Chunker(tokenizer: tokenizer).chunks(of: l) {
            let slice = String(String.UnicodeScalarView(plain[chunk.start..<chunk.end]))
            let firstLine = chunk.text.split(separator: "\n").first.map(String.init) ?? ""
            let lastLine = chunk.text.split(separator: "\n").last.map(String.init) ?? ""
            #expect(slice.hasPrefix(firstLine) && slice.hasSuffix(lastLine), "\(slice) vs \(chunk.text)")
        }
    }

    @Test func idsAreStableAndFollowTheText() {
        let blocks = [Block(kind: .paragraph, text: "A variable names a value.")]
        let a = Chunker(tokenizer: tokenizer).chunks(of: lesson(blocks))
        let b = Chunker(tokenizer: tokenizer).chunks(of: lesson(blocks))
        let c = Chunker(tokenizer: tokenizer).chunks(of: lesson([Block(kind: .paragraph, text: "A variable names values.")]))
        let d = Chunker(tokenizer: tokenizer).chunks(of: lesson(blocks, id: "other"))
        #expect(a[0].id == b[0].id)
        #expect(a[0].id != c[0].id && a[0].id != d[0].id)
        #expect(a[0].id.count == 32)
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
