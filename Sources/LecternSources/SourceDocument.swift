import Foundation
import LecternContent

/// A fetched or read source turned into blocks, by the kind its bytes are.
public struct SourceDocument: Sendable {
    public enum Kind: String, Sendable {
        case html, markdown, text, pdf
    }

    public var kind: Kind
    public var title: String?
    public var blocks: [Block]
    /// The MIME type recorded for the source: the declared one, or what the bytes were taken for.
    public var mimeType: String

    /// `declared` is the server's `Content-Type` (nil for files and servers that send none);
    /// `name` is the URL or path, whose extension helps only when nothing was declared.
    public static func read(_ bytes: [UInt8], declared: String?, name: String) throws(FetchError) -> SourceDocument {
        let kind = try kind(of: bytes, declared: declared, name: name)
        let mime = declared.flatMap { $0.isEmpty || $0 == "application/octet-stream" ? nil : $0 } ?? kind.defaultMIME
        switch kind {
        case .html:
            let page = HTMLReader.read(bytes)
            return SourceDocument(kind: kind, title: page.title, blocks: page.blocks, mimeType: mime)
        case .markdown:
            let blocks = MarkdownReader.blocks(String(decoding: bytes, as: UTF8.self))
            let title = blocks.first { $0.kind == .heading && $0.level == 1 }?.text
            return SourceDocument(kind: kind, title: title, blocks: blocks, mimeType: mime)
        case .text:
            return SourceDocument(kind: kind, title: nil, blocks: paragraphs(String(decoding: bytes, as: UTF8.self)), mimeType: mime)
        case .pdf:
            return SourceDocument(kind: kind, title: nil, blocks: try PDFText.blocks(bytes), mimeType: mime)
        }
    }

    /// `#page=N` for a chunk of a PDF under its "Page N" heading.
    public static func pdfAnchor(headingPath: [String]) -> String? {
        PDFText.anchor(headingPath: headingPath)
    }

    static func kind(of bytes: [UInt8], declared: String?, name: String) throws(FetchError) -> Kind {
        let looksPDF = bytes.starts(with: Array("%PDF-".utf8))
        let binary = binaryKind(bytes)
        func text(_ kind: Kind) throws(FetchError) -> Kind {
            guard let binary else { return kind }
            throw FetchError("declared \(declared ?? "") but the body is binary (\(binary))")
        }
        switch declared {
        case "text/html", "application/xhtml+xml":
            return try text(.html)
        case "text/markdown", "text/x-markdown":
            return try text(.markdown)
        case "text/plain":
            return try text(sniffedText(bytes, name: name))
        case "application/pdf", "application/x-pdf":
            guard looksPDF else { throw FetchError("declared \(declared!) but the body is not a PDF (no %PDF- header)") }
            return .pdf
        case nil, "", "application/octet-stream", "binary/octet-stream":
            if looksPDF { return .pdf }
            if let binary { throw FetchError("\(binary) is of no supported type (HTML, Markdown, plain text or PDF)") }
            return sniffedText(bytes, name: name)
        case let other?:
            throw FetchError("content type \(other) is not supported (HTML, Markdown, plain text or PDF)")
        }
    }

    /// Text without a usable type: the extension decides, else a leading tag means HTML.
    private static func sniffedText(_ bytes: [UInt8], name: String) -> Kind {
        let path = name.split(separator: "?").first.map(String.init)?.lowercased() ?? ""
        if path.hasSuffix(".md") || path.hasSuffix(".markdown") { return .markdown }
        if path.hasSuffix(".html") || path.hasSuffix(".htm") { return .html }
        if path.hasSuffix(".txt") { return .text }
        let start = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html") ? .html : .text
    }

    /// What a body is when it is not text: a known file signature, or NUL bytes in the first
    /// 8 KiB (no text format here has them); nil for text.
    static func binaryKind(_ bytes: [UInt8]) -> String? {
        let signatures: [([UInt8], String)] = [
            (Array("%PDF-".utf8), "a PDF"), ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0xFF, 0xD8, 0xFF], "a JPEG image"),
            (Array("GIF8".utf8), "a GIF image"), ([0x50, 0x4B, 0x03, 0x04], "a zip archive"), ([0x1F, 0x8B], "gzip data"),
        ]
        if let match = signatures.first(where: { bytes.starts(with: $0.0) }) { return match.1 }
        return bytes.prefix(8192).contains(0) ? "binary data" : nil
    }

    /// Plain text: paragraphs at blank lines, the lines of each joined.
    static func paragraphs(_ text: String) -> [Block] {
        var blocks: [Block] = []
        var lines: [Substring] = []
        func flush() {
            let paragraph = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            if !paragraph.isEmpty { blocks.append(Block(kind: .paragraph, text: paragraph)) }
            lines = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) { flush() } else { lines.append(line) }
        }
        flush()
        return blocks
    }
}

extension SourceDocument.Kind {
    var defaultMIME: String {
        switch self {
        case .html: "text/html"
        case .markdown: "text/markdown"
        case .text: "text/plain"
        case .pdf: "application/pdf"
        }
    }
}
