import Foundation

/// Plain text and media out of small HTML fragments: Editor.js inline markup (`<b>`, `<a>`,
/// `<br>`, `&nbsp;`, LMS tags like `<lms-inline-color>`) and raw HTML blocks in Markdown. Tags are
/// dropped and their text kept, whatever the tag, because unknown tags still wrap lesson text.
/// Whole documents go through libxml2 instead (`HTMLReader`).
enum InlineHTML {
    struct Tag: Sendable, Equatable {
        var name: String
        var isClosing: Bool
        var attributes: [String: String]
    }

    enum Token: Sendable, Equatable {
        case text(String)
        case tag(Tag)
    }

    /// Tags that break a line of text; their edges become spaces so words do not run together.
    private static let breaking: Set<String> = [
        "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "figure", "figcaption", "dt", "dd",
    ]
    /// Their content is not text a reader sees.
    private static let hidden: Set<String> = ["script", "style", "template", "noscript"]

    static func plainText(_ html: String) -> String {
        var result = ""
        for token in tokens(html) {
            switch token {
            case .text(let text): result += text
            case .tag(let tag): if breaking.contains(tag.name) { result += " " }
            }
        }
        return result
    }

    /// The images, videos and frames a fragment shows, in order, with a caption from `alt`/`title`.
    static func media(_ html: String) -> [FoundMedia] {
        tokens(html).compactMap { token in
            guard case .tag(let tag) = token, !tag.isClosing,
                  let kind = HTMLMedia.kind(ofElement: tag.name),
                  let target = tag.attributes["src"], !target.isEmpty else { return nil }
            return FoundMedia(kind: kind, target: target, caption: tag.attributes["alt"] ?? tag.attributes["title"] ?? "")
        }
    }

    static func tokens(_ html: String) -> [Token] {
        var tokens: [Token] = []
        var text = ""
        var index = html.startIndex
        func flush() {
            if !text.isEmpty { tokens.append(.text(HTMLEntities.decode(text))) }
            text = ""
        }
        while index < html.endIndex {
            let character = html[index]
            guard character == "<" else {
                text.append(character)
                index = html.index(after: index)
                continue
            }
            let rest = html[html.index(after: index)...]
            if rest.hasPrefix("!--") {
                flush()
                index = rest.range(of: "-->")?.upperBound ?? html.endIndex
            } else if let first = rest.first, first.isLetter || first == "/" || first == "!" || first == "?" {
                guard let (tag, end) = parseTag(html, from: index) else {
                    text.append(character)
                    index = html.index(after: index)
                    continue
                }
                flush()
                index = end
                if let tag {
                    tokens.append(.tag(tag))
                    if hidden.contains(tag.name), !tag.isClosing {
                        index = html[index...].range(of: "</\(tag.name)", options: .caseInsensitive)?.lowerBound ?? html.endIndex
                    }
                }
            } else {
                text.append(character)
                index = html.index(after: index)
            }
        }
        flush()
        return tokens
    }

    /// The tag starting at `start` (a `<`) and the index after its `>`; a nil tag for
    /// declarations and processing instructions, nil overall when the `>` never comes.
    private static func parseTag(_ html: String, from start: String.Index) -> (Tag?, String.Index)? {
        var index = html.index(after: start)
        if html[index] == "!" || html[index] == "?" {
            guard let close = html[index...].firstIndex(of: ">") else { return nil }
            return (nil, html.index(after: close))
        }
        var isClosing = false
        if html[index] == "/" {
            isClosing = true
            index = html.index(after: index)
        }
        let nameEnd = html[index...].firstIndex(where: { $0.isWhitespace || $0 == ">" || $0 == "/" }) ?? html.endIndex
        let name = html[index..<nameEnd].lowercased()
        index = nameEnd
        var attributes: [String: String] = [:]
        while index < html.endIndex {
            let character = html[index]
            if character == ">" {
                return (Tag(name: name, isClosing: isClosing, attributes: attributes), html.index(after: index))
            }
            if character.isWhitespace || character == "/" {
                index = html.index(after: index)
                continue
            }
            let keyEnd = html[index...].firstIndex(where: { $0.isWhitespace || $0 == "=" || $0 == ">" || $0 == "/" }) ?? html.endIndex
            let key = html[index..<keyEnd].lowercased()
            index = keyEnd
            while index < html.endIndex, html[index].isWhitespace { index = html.index(after: index) }
            guard index < html.endIndex, html[index] == "=" else {
                attributes[key] = ""
                continue
            }
            index = html.index(after: index)
            while index < html.endIndex, html[index].isWhitespace { index = html.index(after: index) }
            guard index < html.endIndex else { break }
            let value: Substring
            if html[index] == "\"" || html[index] == "'" {
                let quote = html[index]
                let valueStart = html.index(after: index)
                guard let valueEnd = html[valueStart...].firstIndex(of: quote) else { return nil }
                value = html[valueStart..<valueEnd]
                index = html.index(after: valueEnd)
            } else {
                let valueEnd = html[index...].firstIndex(where: { $0.isWhitespace || $0 == ">" }) ?? html.endIndex
                value = html[index..<valueEnd]
                index = valueEnd
            }
            attributes[key] = HTMLEntities.decode(String(value))
        }
        return nil
    }
}
