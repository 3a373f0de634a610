import Foundation
import Testing
import LecternContent

/// The course export zip, built here with Python's zipfile (stored and deflated), read the same
/// as the unpacked folder; unsafe entry names are refused.
struct ZipExportTests {
    static let python = "/usr/bin/python3"
    static var pythonMissing: Bool { !FileManager.default.isExecutableFile(atPath: python) }

    /// Runs python with `arguments` in `directory`; fails the test when it fails.
    func python(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 \(arguments.joined(separator: " ")) failed")
    }

    /// Zips the given files or folders (relative to `directory`) with deflate, each under `prefix`,
    /// plus extra entries written with exactly the given names.
    func deflatedZip(_ output: String, of items: [String], in directory: String, prefix: String = "",
                     extra: [String: String] = [:]) throws {
        let script = """
            import json, os, sys, zipfile
            out, prefix, extra = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                for item in sys.argv[4:]:
                    paths = [item] if os.path.isfile(item) else [os.path.join(d, f) for d, _, fs in sorted(os.walk(item)) for f in sorted(fs)]
                    for path in paths:
                        archive.write(path, prefix + path)
                for name, text in extra.items():
                    archive.writestr(zipfile.ZipInfo(name), text, zipfile.ZIP_DEFLATED)
            """
        let extraJSON = String(decoding: try JSONSerialization.data(withJSONObject: extra), as: UTF8.self)
        try python(["-c", script, output, prefix, extraJSON] + items, in: directory)
    }

    func writeExport(_ tree: ContentTree, at folder: String) throws {
        try tree.writeJSON("\(folder)/course.json", [
            "doctype": "LMS Course", "name": "git-basics", "title": "Git basics",
            "chapters": [["idx": 1, "chapter": "why"], ["idx": 2, "chapter": "branching"]],
        ])
        try tree.writeJSON("\(folder)/chapters/why.json", [
            "doctype": "Course Chapter", "name": "why", "title": "Why", "lessons": [["idx": 1, "lesson": "what-is-vc"]],
        ])
        try tree.writeJSON("\(folder)/chapters/branching.json", [
            "doctype": "Course Chapter", "name": "branching", "title": "Branching",
            "lessons": [["idx": 1, "lesson": "merge"], ["idx": 2, "lesson": "branch"]],
        ])
        let lessons: [(String, String, String)] = [
            ("what-is-vc", "why", try editorJS([["type": "header", "data": ["text": "Version control", "level": 2]],
                                                ["type": "paragraph", "data": ["text": "Keeps <i>history</i>."]]])),
            ("branch", "branching", try editorJS([["type": "codeBox", "data": ["code": "git branch &quot;x&quot;", "language": "bash"]]])),
            ("merge", "branching", ""),
        ]
        for (name, chapter, content) in lessons {
            try tree.writeJSON("\(folder)/lessons/\(name).json", [
                "doctype": "Course Lesson", "name": name, "title": name.capitalized, "chapter": chapter,
                "course": "git-basics", "content": content, "body": "Merge with {{ Video(\"/files/merge.mp4\") }}",
            ])
        }
    }

    func withoutOrigins(_ lessons: [Lesson]) -> [Lesson] {
        lessons.map { lesson in
            var copy = lesson
            copy.origin = ""
            return copy
        }
    }

    @Test(.disabled(if: pythonMissing, "python3 is needed to build the zip archives"))
    func zipReadsLikeTheUnpackedFolder() throws {
        let unpacked = try ContentTree()
        defer { unpacked.remove() }
        try writeExport(unpacked, at: "courses/git-basics")
        let folderResult = unpacked.read()
        #expect(folderResult.problems.isEmpty, "\(describe(folderResult.problems))")
        #expect(folderResult.lessons.map(\.url) == ["/lms/courses/git-basics/learn/1-1", "/lms/courses/git-basics/learn/2-1",
                                                    "/lms/courses/git-basics/learn/2-2"])
        #expect(folderResult.lessons[1].blocks == [paragraph("Merge with"), media("video", "/files/merge.mp4")])

        // Deflated, everything inside one top folder (dropped on reading).
        let deflated = try ContentTree()
        defer { deflated.remove() }
        try FileManager.default.createDirectory(atPath: deflated.root + "/courses", withIntermediateDirectories: true)
        try deflatedZip(deflated.root + "/courses/git-basics.zip", of: ["course.json", "chapters", "lessons"],
                        in: unpacked.root + "/courses/git-basics", prefix: "git-basics-export/")
        let deflatedResult = deflated.read()
        #expect(deflatedResult.problems.isEmpty, "\(describe(deflatedResult.problems))")
        #expect(withoutOrigins(deflatedResult.lessons) == withoutOrigins(folderResult.lessons))
        #expect(deflatedResult.lessons.first?.origin == "courses/git-basics.zip/git-basics-export/lessons/what-is-vc.json")

        // Stored, as `python3 -m zipfile -c` writes it.
        let stored = try ContentTree()
        defer { stored.remove() }
        try FileManager.default.createDirectory(atPath: stored.root + "/courses", withIntermediateDirectories: true)
        try python(["-m", "zipfile", "-c", stored.root + "/courses/git-basics.zip", "course.json", "chapters", "lessons"],
                   in: unpacked.root + "/courses/git-basics")
        let storedResult = stored.read()
        #expect(storedResult.problems.isEmpty, "\(describe(storedResult.problems))")
        #expect(withoutOrigins(storedResult.lessons) == withoutOrigins(folderResult.lessons))
    }

    @Test(.disabled(if: pythonMissing, "python3 is needed to build the zip archives"))
    func unsafeEntryNamesAreRefused() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        try writeExport(tree, at: "staging")
        let evil = #"{"doctype": "Course Lesson", "name": "evil", "chapter": "why", "course": "git-basics", "body": "Evil text"}"#
        try FileManager.default.createDirectory(atPath: tree.root + "/courses", withIntermediateDirectories: true)
        try deflatedZip(tree.root + "/courses/git-basics.zip", of: ["course.json", "chapters", "lessons"],
                        in: tree.root + "/staging",
                        extra: ["../evil.json": evil, "/abs/evil.json": evil, "lessons/../../evil2.json": evil])
        let result = tree.read()
        #expect(result.lessons.map(\.id) == ["what-is-vc", "merge", "branch"])
        #expect(!result.lessons.flatMap(\.blocks).contains { $0.text.contains("Evil") })
        let refused = result.problems.filter { $0.reason.contains("refused") }
        #expect(refused.compactMap(\.record).sorted() == ["../evil.json", "/abs/evil.json", "lessons/../../evil2.json"], "\(describe(result.problems))")
        #expect(refused.allSatisfy { $0.path == "courses/git-basics.zip" })
        #expect(result.problems.count == 3)
    }

    @Test func aDamagedZipIsOneProblemAndOtherCoursesStillRead() throws {
        let tree = try ContentTree()
        defer { tree.remove() }
        try tree.write("courses/broken.zip", "PK\u{3}\u{4} this is not really a zip file")
        try tree.write("courses/intro/course.md", "---\ntitle: Intro\n---\n")
        try tree.write("courses/intro/01-a/01-one.md", "One.\n")
        let result = tree.read()
        #expect(result.lessons.map(\.id) == ["a/one"])
        #expect(result.problems.map(\.description) == ["courses/broken.zip: is not a zip archive (no central directory)"])
    }
}
