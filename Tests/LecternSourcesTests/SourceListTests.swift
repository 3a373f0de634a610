import Foundation
import LecternSources
import Testing

/// Source lists as authors write them and as the LMS exports them; a bad record is named and
/// the others are kept.
struct SourceListTests {
    func parse(_ json: String, course: String? = nil) -> (entries: [SourceEntry], problems: [SourceListProblem]) {
        SourceList.parse(Data(json.utf8), file: "sources.json", course: course)
    }

    @Test func anAuthorsListIsRead() {
        let list = parse("""
            [{"course": "python", "lesson": "start/lists", "title": "Slicing", "url": "https://docs.example/slices", "allowed": true},
             {"course": "python", "url": "notes/a.md", "allowed": false}]
            """)
        #expect(list.problems.isEmpty)
        #expect(list.entries.map(\.url) == ["https://docs.example/slices", "notes/a.md"])
        #expect(list.entries[0].lesson == "start/lists" && list.entries[0].title == "Slicing" && list.entries[0].allowed)
        #expect(list.entries[1].lesson == nil && !list.entries[1].allowed && list.entries[1].record == 2)
        #expect(list.entries[0].name != list.entries[1].name && list.entries[0].name.hasPrefix("src-"))
    }

    @Test func anLMSExportIsAListToo() {
        let list = parse("""
            {"data": [{"name": "ext-0007", "doctype": "AI External Source", "creation": "2026-11-02 10:00:00", "owner": "admin",
                       "course": "git-basics", "lesson": null, "title": "Pro Git", "url": "https://git.example/book",
                       "allowed": 1, "status": "New", "last_fetched_at": null, "mime_type": null, "error": null},
                      {"name": "ext-0008", "course": "git-basics", "url": "https://git.example/blocked", "allowed": 0}]}
            """)
        #expect(list.problems.isEmpty)
        #expect(list.entries.map(\.name) == ["ext-0007", "ext-0008"])
        #expect(list.entries.map(\.allowed) == [true, false])
    }

    @Test func badRecordsAreNamedAndTheRestKept() {
        let list = parse("""
            {"sources": [
              {"course": "python", "url": "a.md", "allowed": true},
              {"course": "python", "url": "b.md"},
              {"course": "python", "url": "c.md", "allowed": "yes"},
              {"course": "python", "url": "d.md", "allowed": true, "priority": 3},
              "e.md",
              {"url": "f.md", "allowed": true},
              {"course": "python", "url": "a.md", "allowed": true}
            ]}
            """)
        #expect(list.entries.map(\.url) == ["a.md"])
        #expect(list.problems.map(\.description) == [
            "sources.json (record 2): has no 'allowed' (true to fetch and index, false to skip)",
            "sources.json (record 3): 'allowed' must be true, false, 0 or 1",
            "sources.json (record 4): unknown key 'priority' (known: course, lesson, title, url, allowed)",
            "sources.json (record 5): is not an object",
            "sources.json (record 6): has no 'course'",
            "sources.json (record 7): repeats record 1 (same course, lesson and url); the first is used",
        ])
    }

    @Test func aCoursesListDefaultsItsCourse() {
        let list = parse("""
            [{"url": "a.md", "allowed": true}, {"course": "other", "url": "b.md", "allowed": true}]
            """, course: "python")
        #expect(list.entries.map(\.course) == ["python"])
        #expect(list.problems.map(\.reason) == ["names course 'other' but sits in the list of course 'python'"])
    }

    @Test func notJSONIsOneProblem() {
        let list = parse("[{\"course\": ")
        #expect(list.entries.isEmpty && list.problems.count == 1 && list.problems[0].reason.hasPrefix("is not valid JSON"))
        #expect(parse("{\"items\": []}").problems.map(\.reason)
                == ["must be an array of sources, {\"sources\": […]} or an AI External Source export {\"data\": […]}"])
    }

    @Test func listsAreFoundAtTheRootAndPerCourse() throws {
        let root = NSTemporaryDirectory() + "lectern-lists-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/courses/git", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/courses/python", withIntermediateDirectories: true)
        try #"[{"course": "python", "url": "a.md", "allowed": true}]"#.write(toFile: root + "/sources.json", atomically: true, encoding: .utf8)
        try #"[{"url": "b.md", "allowed": true}]"#.write(toFile: root + "/courses/git/sources.json", atomically: true, encoding: .utf8)
        try "outside".write(toFile: root + "/../lectern-outside-list.json", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/courses/python/sources.json", withDestinationPath: root + "/../lectern-outside-list.json")
        let lists = SourceList.read(root: root)
        #expect(lists.entries.map { "\($0.course) \($0.url) \($0.listedIn)" } == ["python a.md sources.json", "git b.md courses/git/sources.json"])
        #expect(lists.problems.count == 1 && lists.problems[0].file == "courses/python/sources.json"
                && lists.problems[0].reason.contains("leads outside the content root"))
    }
}
