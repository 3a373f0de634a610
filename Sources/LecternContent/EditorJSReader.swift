/// Frappe LMS lesson `content`: an Editor.js document saved as a JSON string, with the LMS's
/// own block types (`codeBox`, `quiz`, `upload`, `markdown`…) beside the standard ones.
enum EditorJSReader {
    enum Parsed: Sendable, Equatable {
        case document(blocks: [JSONValue])
        /// Empty, or not JSON at all: older lessons keep their text in the Markdown `body`.
        case notADocument
        /// JSON was intended (it starts like an object) but does not parse or has no `blocks`.
        case broken(line: Int?, reason: String)
    }

    /// Recognises the document in a lesson field; the field may hold the JSON as a string (as
    /// the LMS stores it) or, in some dumps, as the object itself.
    static func parse(_ field: JSONValue?) -> Parsed {
        switch field {
        case .object:
            return blocks(in: field!)
        case .string(let text):
            let trimmed = text.trimmingWhitespace()
            guard trimmed.hasPrefix("{") || trimmed.hasPrefix("[") else { return .notADocument }
            do {
                return blocks(in: try JSONParser.parse(trimmed))
            } catch {
                return .broken(line: error.line, reason: error.reason)
            }
        default:
            return .notADocument
        }
    }

    private static func blocks(in document: JSONValue) -> Parsed {
        guard let blocks = document["blocks"]?.array else {
            return .broken(line: nil, reason: "the Editor.js document has no 'blocks' list")
        }
        return .document(blocks: blocks)
    }

    static func read(_ blocks: [JSONValue], into builder: inout BlockBuilder) {
        for block in blocks {
            guard let type = block["type"]?.string, let data = block["data"] else { continue }
            read(type: type, data: data, into: &builder)
        }
    }

    private static func read(type: String, data: JSONValue, into builder: inout BlockBuilder) {
        switch type {
        case "paragraph":
            builder.add(.paragraph, inline(data["text"]))
        case "header", "heading":
            builder.heading(inline(data["text"]), level: data["level"]?.int ?? 2)
        case "list", "nestedList", "checklist":
            listItems(data["items"]?.array ?? [], depth: 0, into: &builder)
        case "codeBox":
            // The LMS saves the code HTML-escaped (`&lt;`, `&amp;`, `&nbsp;`).
            builder.add(.code, HTMLEntities.decode(data["code"]?.string ?? ""), language: data["language"]?.string)
        case "code":
            builder.add(.code, data["code"]?.string ?? "", language: data["language"]?.string)
        case "table":
            for row in data["content"]?.array ?? [] {
                let cells = (row.array ?? []).map { inline($0).collapsingWhitespace() }
                builder.add(.tableRow, cells.joined(separator: " | "))
            }
        case "image":
            let target = data["file"]?["url"]?.string ?? data["url"]?.string ?? ""
            builder.media(kind: "image", target: target, caption: inline(data["caption"]))
        case "embed":
            let target = data["source"]?.string ?? data["embed"]?.string ?? ""
            builder.media(kind: HTMLMedia.kind(ofLink: target) == "video" ? "video" : "embed", target: target,
                          caption: inline(data["caption"]))
        case "upload":
            let target = data["file_url"]?.string ?? data["url"]?.string ?? ""
            builder.media(kind: uploadKind(fileType: data["file_type"]?.string, target: target), target: target,
                          caption: inline(data["caption"] ?? data["file_name"]))
        case "quiz", "assignment", "program":
            let name = data[type]?.text ?? data["name"]?.text ?? ""
            builder.media(kind: type, target: name, caption: inline(data["title"]))
        case "markdown":
            MarkdownReader.read(data["text"]?.string ?? "", into: &builder)
        case "quote":
            let caption = inline(data["caption"]).collapsingWhitespace()
            builder.add(.quote, inline(data["text"]) + (caption.isEmpty ? "" : " — " + caption))
        default:
            // A plugin the LMS may add later: keep whatever text it carries, drop the rest.
            let text = ["title", "text", "message", "caption", "content"].compactMap { data[$0]?.string }
                .map { InlineHTML.plainText($0).collapsingWhitespace() }
                .filter { !$0.isEmpty }
                .joined(separator: " ")
            builder.add(.paragraph, text)
        }
    }

    /// Items are strings (list v1) or `{content, items}` (nested list); depth is 0-based.
    private static func listItems(_ items: [JSONValue], depth: Int, into builder: inout BlockBuilder) {
        for item in items {
            switch item {
            case .string(let text):
                builder.add(.listItem, InlineHTML.plainText(text), level: depth)
            case .object:
                builder.add(.listItem, inline(item["content"] ?? item["text"]), level: depth)
                listItems(item["items"]?.array ?? [], depth: depth + 1, into: &builder)
            default:
                continue
            }
        }
    }

    private static func inline(_ value: JSONValue?) -> String {
        value?.string.map(InlineHTML.plainText) ?? ""
    }

    private static func uploadKind(fileType: String?, target: String) -> String {
        let type = (fileType ?? "").lowercased()
        let fileExtension = target.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if type.contains("video") || HTMLMedia.kind(ofLink: target) == "video" { return "video" }
        if type.contains("audio") || HTMLMedia.kind(ofLink: target) == "audio" { return "audio" }
        if type.contains("image") || ["png", "jpg", "jpeg", "gif", "webp", "svg"].contains(fileExtension) { return "image" }
        return "file"
    }
}
