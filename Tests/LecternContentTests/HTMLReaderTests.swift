import Testing
import LecternContent

/// HTML pages through libxml2: main text only, in blocks, decoded from the page's charset.
struct HTMLReaderTests {
    @Test func readsOnlyTheMainText() {
        let page = """
            <!DOCTYPE html>
            <html><head><title>Running scripts</title>
            <style>body { color: red }</style>
            <script>var secret = "script text";</script>
            </head>
            <body>
            <header>Site header</header>
            <nav><a href="/">Home</a> nav text</nav>
            <p>Outside main</p>
            <main>
              <h1>Scripts</h1>
              <p>Run <code>python3 hello.py</code> from a&nbsp;<b>terminal</b>.<br>Then check.</p>
              <div hidden>Hidden text</div>
              <p>Visible <span aria-hidden="true">decoration</span>words</p>
              <ul>
                <li>One
                  <ul><li>One point one</li></ul>
                </li>
                <li>Two</li>
              </ul>
              <h2>Example</h2>
              <pre><code class="language-python">def f():
                return 1
            </code></pre>
              <table>
                <thead><tr><th>Flag</th><th>Means</th></tr></thead>
                <tbody><tr><td>-v</td><td>verbose</td></tr></tbody>
              </table>
              <blockquote><p>Quoted words</p></blockquote>
              <img src="/files/shell.png" alt="A shell">
              <video controls><source src="/files/demo.mp4"></video>
              <iframe src="https://www.youtube.com/embed/xyz"></iframe>
              <script>console.log("inline script")</script>
              <form><label>Name</label><input></form>
              <aside>Side note</aside>
              Loose text at the end.
            </main>
            <footer>Footer text</footer>
            </body></html>
            """
        let result = HTMLReader.read(Array(page.utf8))
        let scripts = ["Scripts"], example = ["Scripts", "Example"]
        let expected = [
            heading("Scripts", 1, scripts),
            paragraph("Run python3 hello.py from a terminal. Then check.", scripts),
            paragraph("Visible words", scripts),
            item("One", depth: 0, scripts),
            item("One point one", depth: 1, scripts),
            item("Two", depth: 0, scripts),
            heading("Example", 2, example),
            code("def f():\n    return 1", "python", example),
            row("Flag | Means", example),
            row("-v | verbose", example),
            Block(kind: .quote, text: "Quoted words", headingPath: example),
            media("image", "/files/shell.png", caption: "A shell", example),
            media("video", "/files/demo.mp4", example),
            media("embed", "https://www.youtube.com/embed/xyz", example),
            paragraph("Loose text at the end.", example),
        ]
        #expect(result.title == "Running scripts")
        #expect(result.blocks == expected)
        let allText = result.blocks.map(\.text).joined(separator: " ")
        for absent in ["script text", "inline script", "color", "nav text", "Site header", "Footer", "Outside main",
                       "Hidden", "decoration", "Side note", "Name"] {
            #expect(!allText.contains(absent), "\(absent) leaked into the text")
        }
    }

    @Test func fallsBackToArticleThenBodyAndTakesTheFirstH1AsTitle() {
        let article = HTMLReader.read(Array("<body><p>chrome</p><article><h1>Real</h1><p>Text</p></article></body>".utf8))
        #expect(article.title == "Real")
        #expect(article.blocks == [heading("Real", 1, ["Real"]), paragraph("Text", ["Real"])])
        let body = HTMLReader.read(Array("<p>Just a body</p>".utf8))
        #expect(body.title == nil)
        #expect(body.blocks == [paragraph("Just a body")])
    }

    @Test func decodesLatin1PagesByTheirMetaCharset() {
        // "Café crème — naïve" in windows-1252, which pages labelled ISO-8859-1 really use.
        let text: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8] + Array("me ".utf8) + [0x97]
            + Array(" na".utf8) + [0xEF] + Array("ve".utf8)
        let declared = Array("<html><head><meta charset=\"iso-8859-1\"><title>T</title></head><body><p>".utf8) + text
            + Array("</p></body></html>".utf8)
        #expect(HTMLReader.read(declared).blocks == [paragraph("Café crème — naïve")])
        let httpEquiv = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>".utf8) + text
        #expect(HTMLReader.read(httpEquiv).blocks == [paragraph("Café crème — naïve")])
        // No declaration and bytes that are not UTF-8: read as windows-1252, not as mojibake.
        let undeclared = Array("<p>".utf8) + text
        #expect(HTMLReader.read(undeclared).blocks == [paragraph("Café crème — naïve")])
        // A page declaring UTF-8 keeps its multi-byte characters.
        let utf8 = Array("<meta charset=utf-8><p>Café — ok</p>".utf8)
        #expect(HTMLReader.read(utf8).blocks == [paragraph("Café — ok")])
    }

    /// Real documentation links to media files in running text (Python's `wave` docs link .wav
    /// files); the link's caption once re-read the link itself, without end.
    @Test func aLinkToAMediaFileInRunningTextBecomesMediaAndKeepsItsText() {
        let page = Array(#"<main><p>Hear <a href="sounds/bell.wav">the <b>bell</b></a> and <a href="clip.mp4">watch</a>.</p></main>"#.utf8)
        let blocks = HTMLReader.read(page).blocks
        #expect(blocks.contains { $0.kind == .paragraph && $0.text.contains("the bell") && $0.text.contains("watch") })
        #expect(blocks.contains { $0.media == MediaReference(kind: "audio", target: "sounds/bell.wav") })
        #expect(blocks.contains { $0.media == MediaReference(kind: "video", target: "clip.mp4") })
    }

    /// Sphinx and similar generators put navigation in a `div` with a landmark role.
    @Test func elementsWithChromeRolesAreSkipped() {
        let page = Array(#"<body><div role="navigation"><h3>Next topic</h3><p>csv</p></div><div class="body" role="main"><h1>tempfile</h1><p>Temporary files.</p></div><div role="search"><p>Quick search</p></div></body>"#.utf8)
        let texts = HTMLReader.read(page).blocks.map(\.text)
        #expect(texts == ["tempfile", "Temporary files."])
    }
}
