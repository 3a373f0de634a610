import Testing
import LecternContent

/// Markdown through cmark-gfm: block kinds, heading paths, and the GitHub extensions.
struct MarkdownReaderTests {
    @Test func blocksCarryTheirHeadingPaths() {
        let text = """
            # Variables

            Intro with **bold**, `code` and a [link](https://example.com).

            ## Naming

            - first item
              - nested *one*
                - deeper
            - second item

            ```python {linenos}
            x = 1
            print(x)
            ```

            > A quote
            > over two lines.

            ---

            ![A diagram](img/diagram.png)

            [Watch the intro](https://www.youtube.com/watch?v=abc123)

            <div class="note">Raw <b>HTML</b> note</div>

            ### Rules

            Text under rules.

            ## Types

            1. Plain.
            """
        let v = ["Variables"], naming = ["Variables", "Naming"], rules = ["Variables", "Naming", "Rules"]
        let expected = [
            heading("Variables", 1, v),
            paragraph("Intro with bold, code and a link.", v),
            heading("Naming", 2, naming),
            item("first item", depth: 0, naming),
            item("nested one", depth: 1, naming),
            item("deeper", depth: 2, naming),
            item("second item", depth: 0, naming),
            code("x = 1\nprint(x)", "python", naming),
            Block(kind: .quote, text: "A quote over two lines.", headingPath: naming),
            media("image", "img/diagram.png", caption: "A diagram", naming),
            media("video", "https://www.youtube.com/watch?v=abc123", caption: "Watch the intro", naming),
            paragraph("Raw HTML note", naming),
            heading("Rules", 3, rules),
            paragraph("Text under rules.", rules),
            heading("Types", 2, ["Variables", "Types"]),
            item("Plain.", depth: 0, ["Variables", "Types"]),
        ]
        #expect(MarkdownReader.blocks(text) == expected)
    }

    @Test func gitHubExtensionsParse() {
        let text = """
            | Name | Type |
            |------|------|
            | x | `int` |
            | y | ~~str~~ float |

            - [ ] write tests
            - [x] read docs

            Watch https://youtu.be/xyz now.
            """
        let expected = [
            row("Name | Type"),
            row("x | int"),
            row("y | str float"),
            item("write tests"),
            item("read docs"),
            paragraph("Watch https://youtu.be/xyz now."),
            // Only a parsed autolink can be recognised as a video.
            media("video", "https://youtu.be/xyz", caption: "https://youtu.be/xyz"),
        ]
        #expect(MarkdownReader.blocks(text) == expected)
    }

    @Test func codeIsKeptVerbatimAndHeadingsResetDeeperLevels() {
        let text = """
            ## A
            ### A1
            #### A1x
            ## B
                indented   code
                  kept
            """
        let blocks = MarkdownReader.blocks(text)
        #expect(blocks.map(\.headingPath) == [["A"], ["A", "A1"], ["A", "A1", "A1x"], ["B"], ["B"]])
        #expect(blocks.last == code("indented   code\n  kept", nil, ["B"]))
    }

    @Test func inlineHTMLIsMarkupAndImagesAreMedia() {
        let text = "Line one<br>line <img src=\"x.png\" alt=\"pic\"> <span class=\"k\">two</span> &amp; &eacute;.\n\n<!-- a comment -->\n"
        #expect(MarkdownReader.blocks(text) == [paragraph("Line one line two & é."), media("image", "x.png", caption: "pic")])
    }
}
