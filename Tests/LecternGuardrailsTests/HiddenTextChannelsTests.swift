import LecternContent
import Testing

/// What of a page the readers leave out reaches the scan, labelled with where it was.
struct HiddenTextChannelsTests {
    @Test func commentsAttributesHiddenAndChromeAreChannels() {
        let page = """
            <html><head><title>Loops</title><meta name="description" content="About loops"></head><body>
            <nav>Home · Courses</nav>
            <!-- a note for reviewers -->
            <p title="a tooltip" class="lead" data-hint="press run">A loop repeats.</p>
            <div style="display: none"><span>tucked away</span> <!-- nested note --></div>
            <img src="x.png" alt="a flow chart" onclick="go()">
            <script>var hidden = "not scanned";</script>
            </body></html>
            """
        let channels = HiddenTextChannels.channels(html: Array(page.utf8)).map { "\($0.kind): \($0.text)" }
        #expect(channels == [
            "unindexed <head>: Loops",
            "attribute content: About loops",
            "unindexed <nav>: Home · Courses",
            "comment: a note for reviewers",
            "attribute title: a tooltip",
            "attribute data-hint: press run",
            "hidden element <div>: tucked away",
            "comment: nested note",
            "attribute alt: a flow chart",
        ])
    }

    @Test func markdownCommentsAndInlineHTMLToo() {
        let channels = HiddenTextChannels.channels(markdown: "# Title\n\nText <!-- between us -->\n\n<span hidden>shh</span>\n")
        #expect(channels.map(\.kind) == ["comment", "hidden element <span>"])
        #expect(channels.map(\.text) == ["between us", "shh"])
    }
}
