import Foundation
import LecternContent

/// The text of a PDF through poppler's `pdftotext`, one "Page N" heading per page so that every
/// chunk's heading path (and its `#page=N` anchor) says where in the PDF it came from.
enum PDFText {
    static let pageHeading = "Page "

    static func blocks(_ bytes: [UInt8]) throws(FetchError) -> [Block] {
        guard let tool = executable("pdftotext") else {
            throw FetchError("pdftotext is not installed (Debian package poppler-utils; run `make deps`)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-pdf-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("source.pdf")
        let text: String
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: input)
            text = try run(tool, ["-enc", "UTF-8", "-q", input.path, "-"])
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError("pdftotext could not be run: \(error)")
        }
        // pdftotext ends every page with a form feed.
        var pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        if pages.last?.allSatisfy(\.isWhitespace) == true { pages.removeLast() }
        var blocks: [Block] = []
        for (index, page) in pages.enumerated() {
            let paragraphs = SourceDocument.paragraphs(page)
            guard !paragraphs.isEmpty else { continue }
            let heading = pageHeading + String(index + 1)
            blocks.append(Block(kind: .heading, text: heading, level: 2, headingPath: [heading]))
            blocks += paragraphs.map { block in
                var block = block
                block.headingPath = [heading]
                return block
            }
        }
        return blocks
    }

    /// The PDF anchor of a chunk under "Page N" (`#page=N` opens that page in browsers' viewers).
    static func anchor(headingPath: [String]) -> String? {
        guard let last = headingPath.last, last.hasPrefix(pageHeading), let page = Int(last.dropFirst(pageHeading.count)) else { return nil }
        return "#page=\(page)"
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw FetchError("the PDF cannot be read by pdftotext (exit \(process.terminationStatus)\(message.isEmpty ? "" : ": " + message))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map { "\($0)/\(name)" } + ["/usr/bin/\(name)"])
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
