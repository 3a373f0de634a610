import Testing
import LecternContent

/// Edge cases of the small parts the readers share (JSON errors and escapes, front-matter
/// quoting and line endings, entities, charset labels), checked through the public readers.
struct PartsTests {
    @Test func jsonErrorsNameTheirLineAndEscapesDecode() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        let broken = [("trailing-comma", "{\n\"name\": \"a\",\n}", 3), ("missing-comma", "[{\"name\": \"b\"}\n{}\n]", 2),
                      ("open-string", "{\"name\": \"c\n\"}", 1), ("empty", "", 1)]
        for (name, text, _) in broken { try tree.write("courses/j/lessons/\(name).json", text) }
        try tree.write("courses/j/lessons/good.json", #"{"name": "good", "chapter": "c", "title": "Caf\u00e9 \ud83d\ude00", "body": "Tab\there"}"#)
        let result = tree.read()
        #expect(result.lessons.map(\.title) == ["Café 😀"])
        #expect(result.lessons.first?.blocks == [paragraph("Tab here")])
        for (name, _, line) in broken {
            let problem = result.problems.first { $0.path == "courses/j/lessons/\(name).json" }
            #expect(problem?.line == line, "\(name): \(problem?.description ?? "no problem reported")")
        }
    }

    @Test func frontMatterQuotingDuplicatesAndWindowsLineEndings() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        try tree.write("courses/c/course.md", "---\r\ntitle: \"Say \\\"hi\\\"\"\r\n---\r\n")
        try tree.write("courses/c/01-a/chapter.md", "---\ntitle: 'It''s: a chapter'\n---\n")
        try tree.write("courses/c/01-a/01-x.md", "---\r\ntitle: First\r\ntitle: Second\r\nno colon here\r\n---\r\n# Body\r\n")
        let result = tree.read()
        let lesson = try #require(result.lessons.first)
        #expect(lesson.course.title == #"Say "hi""#)
        #expect(lesson.chapter.title == "It's: a chapter")
        #expect(lesson.title == "Second")
        #expect(lesson.blocks == [heading("Body", 1, ["Body"])])
        #expect(result.problems.map(\.line) == [3, 4], "\(describe(result.problems))")
    }

    @Test func entitiesDecodeAndUnknownOnesStay() {
        let blocks = MarkdownReader.blocks("<p>&eacute;&Eacute;&yuml;&copy;&alpha;&Omega;&hellip;&nbsp;&#x41;&#66;&#150;&bogus; &amp</p>\n")
        #expect(blocks == [paragraph("éÉÿ©αΩ… AB–&bogus; &amp")])
    }

    @Test func charsetLabelsAndByteOrderMarks() {
        #expect(HTMLReader.read([0xFF, 0xFE] + Array("<p>Aé</p>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).blocks
                == [paragraph("Aé")])
        #expect(HTMLReader.read(Array("<meta charset=latin9><p>".utf8) + [0xA4]).blocks == [paragraph("€")])
        let upper = Array("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Windows-1252'><p>".utf8) + [0x93, 0x41, 0x94]
        #expect(HTMLReader.read(upper).blocks == [paragraph("“A”")])
    }
}
