import CLibXML2

/// An HTML lesson page to blocks through libxml2: only the main text (`<main>`, else
/// `<article>`, else `<body>`), without scripts, navigation, page chrome or hidden elements.
public enum HTMLReader {
    public struct Page: Sendable, Equatable {
        /// `<title>`, else the first `<h1>`.
        public var title: String?
        public var blocks: [Block]
    }

    private static let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        // The bytes handed over are UTF-8 already; a `<meta charset>` must not make libxml2 decode them again.
        | HTML_PARSE_IGNORE_ENC.rawValue)

    /// The main text of a page given as raw bytes (any supported charset).
    public static func read(_ bytes: [UInt8]) -> Page {
        _ = libxml2Initialized
        let text = TextDecoding.decodeHTML(bytes)
        let utf8 = Array(text.utf8)
        let parsed = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32(clamping: $0.count), nil, "UTF-8", options)
            }
        }
        guard let document = parsed else { return Page(title: nil, blocks: []) }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return Page(title: nil, blocks: []) }
        let title = HTMLTree.first(named: "title", under: root, skipping: false).map { HTMLTree.text(of: $0).collapsingWhitespace() }
        let container = HTMLTree.first(named: "main", under: root, skipping: true)
            ?? HTMLTree.first(named: "article", under: root, skipping: true)
            ?? HTMLTree.first(named: "body", under: root, skipping: false)
            ?? root
        var walker = HTMLWalker()
        walker.walk(container, listDepth: 0)
        walker.flush()
        let pageTitle = title.flatMap { $0.isEmpty ? nil : $0 } ?? walker.builder.firstTopHeading
        return Page(title: pageTitle, blocks: walker.builder.blocks)
    }
}

/// libxml2 keeps global state that must be set up once before parsing from several threads.
private let libxml2Initialized: Void = xmlInitParser()

/// Walks the DOM keeping the text of inline elements together until a block element ends it.
private struct HTMLWalker {
    var builder = BlockBuilder()
    private var pendingText = ""
    private var pendingMedia: [FoundMedia] = []

    /// Elements that end a paragraph and start fresh; everything not listed here and not handled
    /// below is treated as inline markup around text.
    private static let containers: Set<String> = [
        "html", "body", "main", "article", "section", "div", "figure", "figcaption", "dl", "dt", "dd",
        "details", "summary", "address", "center", "fieldset", "hgroup", "caption", "hr",
    ]

    mutating func walk(_ node: xmlNodePtr, listDepth: Int) {
        for child in HTMLTree.children(of: node) {
            switch child.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                pendingText += HTMLTree.content(of: child)
            case XML_ELEMENT_NODE:
                element(child, listDepth: listDepth)
            default:
                continue
            }
        }
    }

    mutating func flush() {
        builder.add(.paragraph, pendingText)
        pendingText = ""
        for item in pendingMedia { builder.media(item) }
        pendingMedia = []
    }

    private mutating func element(_ node: xmlNodePtr, listDepth: Int) {
        let name = HTMLTree.name(of: node)
        guard !HTMLTree.isSkipped(node, name: name) else { return }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            flush()
            let (text, media) = HTMLTree.inlineText(of: node)
            builder.heading(text, level: Int(name.dropFirst()) ?? 1)
            pendingMedia = media
            flush()
        case "p":
            flush()
            walk(node, listDepth: listDepth)
            flush()
        case "ul", "ol", "menu":
            flush()
            list(node, depth: listDepth)
        case "li":
            flush()
            listItem(node, depth: listDepth)
        case "pre":
            flush()
            builder.add(.code, HTMLTree.verbatimText(of: node), language: HTMLTree.codeLanguage(of: node))
        case "table":
            flush()
            table(node)
        case "blockquote":
            flush()
            let (text, media) = HTMLTree.inlineText(of: node)
            builder.add(.quote, text)
            pendingMedia = media
            flush()
        case "br":
            pendingText += " "
        case "video", "audio", "img", "iframe", "embed", "object":
            guard let media = HTMLTree.media(node) else { return }
            // Media between blocks stands where it is; inside a run of text it follows that text.
            if pendingText.trimmingWhitespace().isEmpty {
                flush()
                builder.media(media)
            } else {
                pendingMedia.append(media)
            }
        case "a":
            if let href = HTMLTree.attribute("href", of: node), let kind = HTMLMedia.kind(ofLink: href) {
                pendingMedia.append(FoundMedia(kind: kind, target: href, caption: HTMLTree.inlineText(of: node).text))
            }
            walk(node, listDepth: listDepth)
        default:
            if Self.containers.contains(name) {
                flush()
                walk(node, listDepth: listDepth)
                flush()
            } else {
                walk(node, listDepth: listDepth)
            }
        }
    }

    private mutating func list(_ node: xmlNodePtr, depth: Int) {
        for child in HTMLTree.children(of: node) where child.pointee.type == XML_ELEMENT_NODE {
            let name = HTMLTree.name(of: child)
            if HTMLTree.isSkipped(child, name: name) { continue }
            if name == "li" {
                listItem(child, depth: depth)
            } else if name == "ul" || name == "ol" {
                list(child, depth: depth + 1)
            } else {
                element(child, listDepth: depth)
                flush()
            }
        }
    }

    /// The item's own text is one block; lists inside it follow one level deeper.
    private mutating func listItem(_ node: xmlNodePtr, depth: Int) {
        var text = ""
        var media: [FoundMedia] = []
        var nestedLists: [xmlNodePtr] = []
        for child in HTMLTree.children(of: node) {
            if child.pointee.type == XML_ELEMENT_NODE, ["ul", "ol"].contains(HTMLTree.name(of: child)) {
                nestedLists.append(child)
            } else {
                HTMLTree.appendInlineText(of: child, to: &text, media: &media)
            }
        }
        builder.add(.listItem, text, level: depth)
        for item in media { builder.media(item) }
        for nested in nestedLists where !HTMLTree.isSkipped(nested, name: HTMLTree.name(of: nested)) {
            list(nested, depth: depth + 1)
        }
    }

    private mutating func table(_ node: xmlNodePtr) {
        for row in HTMLTree.rows(of: node) {
            var media: [FoundMedia] = []
            let cells = HTMLTree.children(of: row).filter {
                $0.pointee.type == XML_ELEMENT_NODE && ["td", "th"].contains(HTMLTree.name(of: $0))
            }.map { cell in
                var text = ""
                HTMLTree.appendInlineText(of: cell, to: &text, media: &media)
                return text.collapsingWhitespace()
            }
            builder.add(.tableRow, cells.joined(separator: " | "))
            for item in media { builder.media(item) }
        }
    }
}
