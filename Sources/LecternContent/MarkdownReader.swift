import CCmarkGFM

/// Markdown to blocks through cmark-gfm with the GitHub extensions, so tables, task lists,
/// strikethrough and bare links parse the way authors see them on GitHub.
public enum MarkdownReader {
    private static let extensionNames = ["table", "strikethrough", "tasklist", "autolink"]

    /// Appends the blocks of `text` to `builder`, under the headings it already holds.
    static func read(_ text: String, into builder: inout BlockBuilder, macros: MacroCalls = MacroCalls()) {
        _ = cmarkExtensionsRegistered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return }
        defer { cmark_node_free(document) }
        var walker = MarkdownWalker(builder: builder, macros: macros)
        walker.block(document, listDepth: 0)
        builder = walker.builder
    }

    /// The blocks of a Markdown text, with heading paths starting from its own headings.
    public static func blocks(_ text: String) -> [Block] {
        var builder = BlockBuilder()
        read(text, into: &builder)
        return builder.blocks
    }
}

/// Registration must happen once, before any extension is looked up; a global is initialised
/// exactly once even when lessons are read on several threads.
private let cmarkExtensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

/// Plain text of an inline run, with the media it held taken out.
private struct InlineContent {
    var text = ""
    /// Text that is not the label of a media link: when it is empty, the paragraph is only media.
    var ownText = ""
    var media: [FoundMedia] = []
}

private struct MarkdownWalker {
    var builder: BlockBuilder
    let macros: MacroCalls

    mutating func block(_ node: OpaquePointer, listDepth: Int) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_HEADING:
            let (text, media) = withoutMacros(inline(node))
            builder.heading(text, level: Int(cmark_node_get_heading_level(node)))
            for item in media { builder.media(item) }
        case CMARK_NODE_PARAGRAPH:
            addText(.paragraph, inline(node))
        case CMARK_NODE_LIST:
            for item in children(node) { listItem(item, depth: listDepth) }
        case CMARK_NODE_CODE_BLOCK:
            var code = macros.restoreSource(in: string(cmark_node_get_literal(node)))
            if code.hasSuffix("\n") { code.removeLast() }
            let info = string(cmark_node_get_fence_info(node)).trimmingWhitespace()
            let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init)
            builder.add(.code, code, language: language)
        case CMARK_NODE_HTML_BLOCK:
            let html = string(cmark_node_get_literal(node))
            let text = InlineHTML.plainText(html)
            addText(.paragraph, InlineContent(text: text, ownText: text, media: InlineHTML.media(html)))
        case CMARK_NODE_BLOCK_QUOTE:
            var content = InlineContent()
            collectQuote(node, into: &content)
            addText(.quote, content)
        case CMARK_NODE_THEMATIC_BREAK:
            break
        default:
            if typeString(node) == "table" {
                for row in children(node) {
                    let cells = children(row).map { withoutMacros(inline($0)) }
                    builder.add(.tableRow, cells.map { $0.text.collapsingWhitespace() }.joined(separator: " | "))
                    for item in cells.flatMap(\.media) { builder.media(item) }
                }
            } else {
                for child in children(node) { block(child, listDepth: listDepth) }
            }
        }
    }

    /// An item's own paragraphs make one block at `depth`; a nested list's items follow as their
    /// own blocks one level deeper, and other blocks (code) keep their kind.
    private mutating func listItem(_ item: OpaquePointer, depth: Int) {
        var own = InlineContent()
        let parts = children(item)
        for part in parts where cmark_node_get_type(part) == CMARK_NODE_PARAGRAPH {
            let content = inline(part)
            own.text += (own.text.isEmpty ? "" : " ") + content.text
            own.ownText += content.ownText
            own.media += content.media
        }
        addText(.listItem, own, level: depth)
        for part in parts where cmark_node_get_type(part) != CMARK_NODE_PARAGRAPH {
            if cmark_node_get_type(part) == CMARK_NODE_LIST {
                for nested in children(part) { listItem(nested, depth: depth + 1) }
            } else {
                block(part, listDepth: depth + 1)
            }
        }
    }

    private func collectQuote(_ node: OpaquePointer, into content: inout InlineContent) {
        for child in children(node) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                let part = inline(child)
                content.text += (content.text.isEmpty ? "" : " ") + part.text
                content.ownText += part.ownText
                content.media += part.media
            case CMARK_NODE_CODE_BLOCK:
                let code = string(cmark_node_get_literal(child))
                content.text += " " + code
                content.ownText += code
            default:
                collectQuote(child, into: &content)
            }
        }
    }

    /// A text block unless its only text is the label of a media link; its media follow it.
    private mutating func addText(_ kind: Block.Kind, _ content: InlineContent, level: Int = 0) {
        let (text, media) = withoutMacros(content)
        if !macros.takeMedia(from: content.ownText).text.trimmingWhitespace().isEmpty {
            builder.add(kind, text, level: level)
        }
        for item in media { builder.media(item) }
    }

    /// The text with macro placeholders taken out, and all its media: links and images first,
    /// then the macros.
    private func withoutMacros(_ content: InlineContent) -> (text: String, media: [FoundMedia]) {
        let (text, macroMedia) = macros.takeMedia(from: content.text)
        return (text, content.media + macroMedia.map { FoundMedia(kind: $0.kind, target: $0.target, caption: "") })
    }

    private func inline(_ node: OpaquePointer) -> InlineContent {
        var content = InlineContent()
        appendInline(children(node), to: &content)
        return content
    }

    private func appendInline(_ nodes: [OpaquePointer], to content: inout InlineContent) {
        for node in nodes {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT:
                let text = string(cmark_node_get_literal(node))
                content.text += text
                content.ownText += text
            case CMARK_NODE_CODE:
                let text = macros.restoreSource(in: string(cmark_node_get_literal(node)))
                content.text += text
                content.ownText += text
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                content.text += " "
            case CMARK_NODE_HTML_INLINE:
                // One tag at a time: `<br>` separates words, `<img>` is media, the rest is markup.
                let html = string(cmark_node_get_literal(node))
                if html.lowercased().hasPrefix("<br") { content.text += " " }
                content.media += InlineHTML.media(html)
            case CMARK_NODE_IMAGE:
                let caption = inline(node).text
                content.media.append(FoundMedia(kind: "image", target: string(cmark_node_get_url(node)), caption: caption))
            case CMARK_NODE_LINK:
                let label = inline(node)
                let url = string(cmark_node_get_url(node))
                content.text += label.text
                content.media += label.media
                if let kind = HTMLMedia.kind(ofLink: url) {
                    content.media.append(FoundMedia(kind: kind, target: url, caption: label.text))
                } else {
                    content.ownText += label.ownText
                }
            case CMARK_NODE_FOOTNOTE_REFERENCE:
                break
            default:
                appendInline(children(node), to: &content)
            }
        }
    }

    private func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private func typeString(_ node: OpaquePointer) -> String {
        string(cmark_node_get_type_string(node))
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
