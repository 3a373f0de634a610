import Foundation
import LecternContent

/// A content root in a fresh temporary folder, written file by file by each test.
struct ContentTree {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/lectern-content-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// A JSON file from a Swift value, as an exporter would write it.
    func writeJSON(_ path: String, _ value: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])
        try write(path, bytes: Array(data))
    }

    func symlink(_ path: String, to target: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func read() -> ContentReadResult {
        ContentLibrary().read(root: root)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// An Editor.js document as the LMS stores it: JSON inside a JSON string.
func editorJS(_ blocks: [[String: Any]]) throws -> String {
    let document: [String: Any] = [
        "time": 1_718_000_000_000,
        "blocks": blocks.enumerated().map { offset, block in block.merging(["id": "b\(offset)"]) { old, _ in old } },
        "version": "2.29.0",
    ]
    return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
}

func heading(_ text: String, _ level: Int, _ path: [String]) -> Block {
    Block(kind: .heading, text: text, level: level, headingPath: path)
}

func paragraph(_ text: String, _ path: [String] = []) -> Block {
    Block(kind: .paragraph, text: text, headingPath: path)
}

func item(_ text: String, depth: Int = 0, _ path: [String] = []) -> Block {
    Block(kind: .listItem, text: text, level: depth, headingPath: path)
}

func code(_ text: String, _ language: String?, _ path: [String] = []) -> Block {
    Block(kind: .code, text: text, language: language, headingPath: path)
}

func row(_ text: String, _ path: [String] = []) -> Block {
    Block(kind: .tableRow, text: text, headingPath: path)
}

func media(_ kind: String, _ target: String, caption: String = "", _ path: [String] = []) -> Block {
    Block(kind: .media, text: caption, media: MediaReference(kind: kind, target: target), headingPath: path)
}

/// The problems as `path:line (record): reason` lines, for readable failure messages.
func describe(_ problems: [ContentProblem]) -> String {
    problems.map(\.description).joined(separator: "\n")
}
