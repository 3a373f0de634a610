import Foundation
import LecternContent
import LecternGuardrails
import Testing

/// The scan measured on pages written for it by hand: 25 with one planted injection or secret
/// each (in visible text, comments, hidden elements, zero-width text, attributes) and 20 clean
/// pages built to look suspicious; and on the real documentation in this repository.
struct GuardrailCorpusTests {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus").path

    static func scanner() throws -> GuardrailScanner {
        GuardrailScanner(patterns: try GuardrailPatterns.load(defaults: repositoryRoot + "/" + GuardrailPatterns.defaultRelativePath))
    }

    /// What the build scans of a page: its visible text, then its comments, attributes and hidden text.
    static func findings(ofPage path: String, scanner: GuardrailScanner) throws -> [GuardrailFinding] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let isMarkdown = path.hasSuffix(".md")
        let blocks = isMarkdown ? MarkdownReader.blocks(String(decoding: bytes, as: UTF8.self)) : HTMLReader.read(bytes).blocks
        let channels = isMarkdown ? HiddenTextChannels.channels(markdown: String(decoding: bytes, as: UTF8.self))
            : HiddenTextChannels.channels(html: bytes)
        return scanner.scan(blocks.map(\.text).joined(separator: "\n")) + channels.flatMap { scanner.scan($0.text) }
    }

    @Test func findsThePlantedInjectionsAndSecrets() throws {
        let scanner = try Self.scanner()
        let expected = try String(contentsOfFile: Self.corpus + "/planted/expected.tsv", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t").map(String.init) }
        #expect(expected.count == 25)
        var found: [String] = []
        var missed: [String] = []
        for row in expected {
            let findings = try Self.findings(ofPage: Self.corpus + "/planted/" + row[0], scanner: scanner)
            if findings.contains(where: { $0.type.rawValue == row[1] }) {
                found.append(row[0])
            } else {
                missed.append("\(row[0]) (\(row[1]) in \(row[2]); found \(findings.map { "\($0.type.rawValue) \($0.pattern)" }))")
            }
        }
        print("guardrail corpus: \(found.count)/25 planted findings found with the right type; missed: \(missed)")
        #expect(found.count >= 23, "missed: \(missed)")
    }

    @Test func flagsFewOfTheCleanSuspiciousPages() throws {
        let scanner = try Self.scanner()
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.corpus + "/clean").sorted()
        #expect(pages.count == 20)
        var flagged: [String] = []
        for page in pages {
            let findings = try Self.findings(ofPage: Self.corpus + "/clean/" + page, scanner: scanner)
            if !findings.isEmpty { flagged.append("\(page): \(findings.map { "\($0.pattern) «\($0.snippet)»" })") }
        }
        print("guardrail corpus: \(flagged.count)/20 clean pages flagged: \(flagged)")
        #expect(flagged.count <= 1, "flagged: \(flagged)")
    }

    /// Real documentation cut into chunk-sized pieces: at most one flagged piece in a thousand.
    /// Always the repository's own prose and sample courses; also, where the machine has them,
    /// the Markdown documentation of the Swift packages checked out for the build and the HTML
    /// manuals under /usr/share/doc (curl's, among others, full of tokens and passwords).
    @Test func rarelyFlagsRealDocumentation() throws {
        let scanner = try Self.scanner()
        var files: [String] = [Self.repositoryRoot + "/README.md"]
        for folder in ["docs", "content/courses", "content/sources", "bench", "scripts", ".build/checkouts"] {
            files += Self.files(under: Self.repositoryRoot + "/" + folder, endingIn: [".md", ".html", ".json", ".txt"])
        }
        files += Self.files(under: "/usr/share/doc", endingIn: [".html"])
        var pieces = 0
        var flagged: [String] = []
        for file in files.sorted() {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let text = file.hasSuffix(".html") ? HTMLReader.read(Array(data)).blocks.map(\.text).joined(separator: "\n\n")
                : String(decoding: data, as: UTF8.self)
            for piece in Self.pieces(of: text) {
                pieces += 1
                let findings = scanner.scan(piece)
                if !findings.isEmpty { flagged.append("\(file): \(findings.map { "\($0.pattern) «\($0.snippet)»" })") }
            }
        }
        print("guardrail real docs: \(flagged.count) flagged of \(pieces) pieces from \(files.count) files: \(flagged)")
        #expect(pieces >= 100)
        #expect(Double(flagged.count) <= max(1, Double(pieces) / 1000), "flagged: \(flagged)")
    }

    static func files(under folder: String, endingIn suffixes: [String]) -> [String] {
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            // The guardrail corpus is planted on purpose; the patterns file quotes what it looks for.
            if suffixes.contains(where: name.hasSuffix), !name.contains("Corpus/") { files.append(folder + "/" + name) }
        }
        return files
    }

    /// Paragraphs joined up to about 800 characters, the size of an index chunk.
    static func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for paragraph in text.components(separatedBy: "\n\n") {
            if current.count + paragraph.count > 800, !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : "\n\n") + paragraph
        }
        if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { pieces.append(current) }
        return pieces
    }
}
