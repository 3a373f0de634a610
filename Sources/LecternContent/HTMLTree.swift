import CLibXML2

/// Small helpers over libxml2's node structs, so the walker reads as HTML rather than as C.
enum HTMLTree {
    /// Never lesson text: code, page chrome, navigation and forms.
    static let skippedElements: Set<String> = [
        "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form", "head",
        "button", "select", "svg", "math",
    ]

    /// ARIA landmark roles of page chrome, never lesson text.
    static let chromeRoles: Set<String> = ["navigation", "banner", "contentinfo", "search", "complementary"]

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            result.append(current)
            child = current.pointee.next
        }
        return result
    }

    static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    static func content(of node: xmlNodePtr) -> String {
        node.pointee.content.map { String(cString: $0) } ?? ""
    }

    static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { lectern_xml_free(value) }
        return String(cString: value)
    }

    /// Skipped by name, or hidden from every reader by the page itself.
    static func isSkipped(_ node: xmlNodePtr, name: String) -> Bool {
        if skippedElements.contains(name) { return true }
        if xmlHasProp(node, "hidden") != nil { return true }
        if attribute("aria-hidden", of: node)?.lowercased() == "true" { return true }
        // Generated documentation marks its chrome by role rather than element
        // (Sphinx: `<div class="sphinxsidebar" role="navigation">`).
        if let role = attribute("role", of: node)?.lowercased(), chromeRoles.contains(role) { return true }
        if let style = attribute("style", of: node)?.lowercased().filter({ !$0.isWhitespace }),
           style.contains("display:none") || style.contains("visibility:hidden") {
            return true
        }
        return false
    }

    /// The first element called `name` in document order; with `skipping`, not inside skipped
    /// elements (a `<main>` inside a hidden template is not the main text).
    static func first(named name: String, under node: xmlNodePtr, skipping: Bool) -> xmlNodePtr? {
        for child in children(of: node) where child.pointee.type == XML_ELEMENT_NODE {
            let childName = self.name(of: child)
            if skipping, isSkipped(child, name: childName) { continue }
            if childName == name { return child }
            if let found = first(named: name, under: child, skipping: skipping) { return found }
        }
        return nil
    }

    /// All text under `node`, skipped elements excluded, markup ignored.
    static func text(of node: xmlNodePtr) -> String {
        var text = ""
        var media: [FoundMedia] = []
        appendInlineText(of: node, to: &text, media: &media)
        return text
    }

    static func inlineText(of node: xmlNodePtr) -> (text: String, media: [FoundMedia]) {
        var text = ""
        var media: [FoundMedia] = []
        for child in children(of: node) { appendInlineText(of: child, to: &text, media: &media) }
        return (text, media)
    }

    /// Text of `node` and below as one run; elements that break lines add a space so words stay
    /// apart, and media elements are collected instead of read.
    static func appendInlineText(of node: xmlNodePtr, to text: inout String,
                                 media: inout [FoundMedia]) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            text += content(of: node)
        case XML_ELEMENT_NODE:
            let name = self.name(of: node)
            if isSkipped(node, name: name) { return }
            if let found = self.media(node) {
                media.append(found)
                return
            }
            if name == "a", let href = attribute("href", of: node), let kind = HTMLMedia.kind(ofLink: href) {
                // The caption is the link's own text: its children, not the link again.
                media.append(FoundMedia(kind: kind, target: href, caption: inlineText(of: node).text.collapsingWhitespace()))
            }
            let breaks = breakingElements.contains(name)
            if breaks { text += " " }
            for child in children(of: node) { appendInlineText(of: child, to: &text, media: &media) }
            if breaks { text += " " }
        default:
            return
        }
    }

    /// Text of a `<pre>` exactly as shown: white space kept, `<br>` as a line break.
    static func verbatimText(of node: xmlNodePtr) -> String {
        var text = ""
        for child in children(of: node) {
            switch child.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                text += content(of: child)
            case XML_ELEMENT_NODE:
                let name = self.name(of: child)
                if isSkipped(child, name: name) { continue }
                text += name == "br" ? "\n" : verbatimText(of: child)
            default:
                continue
            }
        }
        // The parser drops the line break right after `<pre>`; the one before `</pre>` is layout.
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// `language-x` or `lang-x` on the `<pre>` or the `<code>` inside it.
    static func codeLanguage(of pre: xmlNodePtr) -> String? {
        var candidates = [pre]
        candidates += children(of: pre).filter { $0.pointee.type == XML_ELEMENT_NODE && name(of: $0) == "code" }
        for node in candidates {
            let classes = (attribute("class", of: node) ?? "").split(separator: " ")
            for item in classes {
                for prefix in ["language-", "lang-"] where item.hasPrefix(prefix) && item.count > prefix.count {
                    return String(item.dropFirst(prefix.count))
                }
            }
        }
        return nil
    }

    /// The rows of a table in order, through `thead`/`tbody`/`tfoot`, not those of tables nested
    /// in its cells.
    static func rows(of table: xmlNodePtr) -> [xmlNodePtr] {
        var rows: [xmlNodePtr] = []
        for child in children(of: table) where child.pointee.type == XML_ELEMENT_NODE {
            switch name(of: child) {
            case "tr": rows.append(child)
            case "thead", "tbody", "tfoot": rows += self.rows(of: child)
            default: continue
            }
        }
        return rows
    }

    /// A media element as a reference: `src`, or a `<source src>` inside `<video>`/`<audio>`;
    /// `object` uses `data`. The caption is `alt` or `title`.
    static func media(_ node: xmlNodePtr) -> FoundMedia? {
        let name = self.name(of: node)
        guard let kind = HTMLMedia.kind(ofElement: name) else { return nil }
        var target = attribute(name == "object" ? "data" : "src", of: node)
        if target?.isEmpty ?? true {
            target = children(of: node).first { $0.pointee.type == XML_ELEMENT_NODE && self.name(of: $0) == "source" }
                .flatMap { attribute("src", of: $0) }
        }
        guard let target, !target.isEmpty else { return nil }
        let caption = attribute("alt", of: node) ?? attribute("title", of: node) ?? ""
        return FoundMedia(kind: kind, target: target, caption: caption)
    }

    /// Elements that start a new line; any other element (custom ones included) sits inside a
    /// line of text, so `<b>He</b>llo` stays one word.
    private static let breakingElements: Set<String> = [
        "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "main", "figure", "figcaption", "dl", "dt", "dd",
        "details", "summary", "address", "caption", "thead", "tbody", "tfoot",
    ]
}
