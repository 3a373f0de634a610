import CLibXML2

/// Text of a page that readers leave out but a page can still carry to a model (or hide from a
/// person): HTML comments, attribute values, the text of hidden elements and of the page chrome
/// the readers skip, for the guardrail scan. The indexed text itself is scanned chunk by chunk,
/// so it is not repeated here. Markdown is parsed the same way, so its comments and inline HTML
/// are covered too.
public enum HiddenTextChannels {
    public struct Channel: Sendable, Equatable {
        /// "comment", "attribute alt", "hidden element <div>", "unindexed <nav>".
        public var kind: String
        public var text: String
    }

    /// Attributes that hold URLs, identifiers or styling, not prose.
    static let ignoredAttributes: Set<String> = ["href", "src", "srcset", "class", "id", "style", "rel", "type", "width",
                                                 "height", "lang", "dir", "target", "name", "for", "role", "action",
                                                 "method", "colspan", "rowspan", "align", "valign", "charset", "media",
                                                 "integrity", "crossorigin", "loading", "decoding", "tabindex", "xmlns"]

    public static func channels(html bytes: [UInt8]) -> [Channel] {
        _ = initialized
        let text = TextDecoding.decodeHTML(bytes)
        let utf8 = Array(text.utf8)
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        let parsed = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32(clamping: $0.count), nil, "UTF-8", options) }
        }
        guard let document = parsed else { return [] }
        defer { xmlFreeDoc(document) }
        var collector = Collector()
        var node = document.pointee.children
        while let current = node {
            collector.visit(current, hidden: false)
            node = current.pointee.next
        }
        return collector.channels
    }

    public static func channels(markdown text: String) -> [Channel] {
        channels(html: Array(text.utf8))
    }

    /// Skipped by the readers because they are page chrome, not because they are hidden.
    static let chrome: Set<String> = ["nav", "header", "footer", "aside", "head", "form", "button", "select", "svg", "math"]

    private struct Collector {
        var channels: [Channel] = []
        /// Inside a skipped element: its text is collected for that element's channel.
        private var collecting = false
        private var collected = ""

        mutating func visit(_ node: xmlNodePtr, hidden: Bool) {
            switch node.pointee.type {
            case XML_COMMENT_NODE:
                add("comment", HTMLTree.content(of: node))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if collecting { collected += HTMLTree.content(of: node) + " " }
            case XML_ELEMENT_NODE:
                let name = HTMLTree.name(of: node)
                if name == "script" || name == "style" { return }
                var attribute = node.pointee.properties
                while let current = attribute {
                    let attributeName = current.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
                    if !HiddenTextChannels.ignoredAttributes.contains(attributeName), !attributeName.hasPrefix("on"),
                       let value = HTMLTree.attribute(attributeName, of: node) {
                        add("attribute " + attributeName, value)
                    }
                    attribute = current.pointee.next
                }
                if !hidden && HTMLTree.isSkipped(node, name: name) {
                    // The skipped part on its own, so its finding says where it was.
                    var inner = Collector()
                    inner.collecting = true
                    var child = node.pointee.children
                    while let current = child { inner.visit(current, hidden: true); child = current.pointee.next }
                    let chrome = HiddenTextChannels.chrome.contains(name)
                        || HTMLTree.attribute("role", of: node).map { HTMLTree.chromeRoles.contains($0.lowercased()) } == true
                    add(chrome ? "unindexed <\(name)>" : "hidden element <\(name)>", inner.collected)
                    channels += inner.channels
                    return
                }
                var child = node.pointee.children
                while let current = child { visit(current, hidden: hidden); child = current.pointee.next }
            default:
                var child = node.pointee.children
                while let current = child { visit(current, hidden: hidden); child = current.pointee.next }
            }
        }

        private mutating func add(_ kind: String, _ text: String) {
            let trimmed = text.trimmingWhitespace()
            if !trimmed.isEmpty { channels.append(Channel(kind: kind, text: trimmed)) }
        }
    }
}

private let initialized: Void = xmlInitParser()
