import Foundation
import LecternChunking
import LecternContent

/// One outside document a course points to, from a source list.
public struct SourceEntry: Sendable, Equatable {
    /// Stable key: the LMS document's `name` when the list is an AI External Source export,
    /// else derived from course, lesson and URL.
    public var name: String
    public var course: String
    public var lesson: String?
    public var title: String?
    public var url: String
    public var allowed: Bool
    /// The list file (relative to the content root) and the 1-based record in it.
    public var listedIn: String
    public var record: Int

    public init(name: String? = nil, course: String, lesson: String? = nil, title: String? = nil, url: String,
                allowed: Bool = true, listedIn: String, record: Int) {
        self.name = name ?? "src-" + String(SHA256.hex([course, lesson ?? "", url].joined(separator: "\u{1F}")).prefix(16))
        self.course = course
        self.lesson = lesson
        self.title = title
        self.url = url
        self.allowed = allowed
        self.listedIn = listedIn
        self.record = record
    }
}

public struct SourceListProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var record: Int?
    public var reason: String
    public var description: String { "\(file)\(record.map { " (record \($0))" } ?? ""): \(reason)" }
}

/// Source lists: `sources.json` at the content root and `courses/<c>/sources.json` per course.
///
/// A list is a JSON array of `{course, lesson?, title?, url, allowed}` objects, or the same under
/// `"sources"`, or an AI External Source export from the LMS (`{"data": […]}` or a
/// `bench export-json` array, whose other fields are ignored). In a course's own list, `course`
/// defaults to that course. A bad record is a problem naming the file and record; the others
/// are still used.
public enum SourceList {
    public static let fileName = "sources.json"
    static let knownKeys: Set<String> = ["course", "lesson", "title", "url", "allowed"]
    /// Fields of an LMS export that say nothing about what to fetch.
    static let exportKeys: Set<String> = ["name", "doctype", "creation", "modified", "owner", "modified_by", "docstatus",
                                          "idx", "status", "last_fetched_at", "mime_type", "error", "chunk_count"]

    /// Every list under `root` (top-level first, then courses by name).
    public static func read(root: String) -> (entries: [SourceEntry], problems: [SourceListProblem]) {
        var files = [(path: fileName, course: String?.none)]
        let courses = (try? FileManager.default.contentsOfDirectory(atPath: root + "/courses")) ?? []
        for course in courses.sorted() where !course.hasPrefix(".") {
            files.append(("courses/\(course)/\(fileName)", course))
        }
        var entries: [SourceEntry] = []
        var problems: [SourceListProblem] = []
        for file in files where FileManager.default.fileExists(atPath: root + "/" + file.path) {
            // Read through the content root like any content: a list that is a link out is refused.
            let data: Data
            do {
                data = Data(try ContentFiles.bytes(of: file.path, root: root))
            } catch {
                problems.append(SourceListProblem(file: file.path, record: nil, reason: error.reason))
                continue
            }
            let parsed = parse(data, file: file.path, course: file.course)
            entries += parsed.entries
            problems += parsed.problems
        }
        return (entries, problems)
    }

    public static func parse(_ data: Data, file: String, course defaultCourse: String? = nil)
        -> (entries: [SourceEntry], problems: [SourceListProblem]) {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            return ([], [SourceListProblem(file: file, record: nil, reason: "is not valid JSON (\(Self.reason(error)))")])
        }
        let records: [Any]
        if let array = json as? [Any] {
            records = array
        } else if let object = json as? [String: Any], let array = (object["sources"] ?? object["data"]) as? [Any] {
            records = array
        } else {
            return ([], [SourceListProblem(file: file, record: nil, reason: "must be an array of sources, {\"sources\": […]} or an AI External Source export {\"data\": […]}")])
        }
        var entries: [SourceEntry] = []
        var problems: [SourceListProblem] = []
        for (index, value) in records.enumerated() {
            do throws(SourceListProblem) {
                entries.append(try entry(value, file: file, record: index + 1, defaultCourse: defaultCourse))
            } catch {
                problems.append(error)
            }
        }
        var seen: [String: Int] = [:]
        for entry in entries {
            if let first = seen[entry.name] {
                problems.append(SourceListProblem(file: file, record: entry.record, reason: "repeats record \(first) (same course, lesson and url); the first is used"))
            } else {
                seen[entry.name] = entry.record
            }
        }
        return (entries.filter { seen[$0.name] == $0.record }, problems)
    }

    private static func entry(_ value: Any, file: String, record: Int, defaultCourse: String?) throws(SourceListProblem) -> SourceEntry {
        func problem(_ reason: String) -> SourceListProblem { SourceListProblem(file: file, record: record, reason: reason) }
        guard let object = value as? [String: Any] else { throw problem("is not an object") }
        let isExport = object["doctype"] != nil || object["name"] != nil
        let unknown = object.keys.filter { !knownKeys.contains($0) && !(isExport && (exportKeys.contains($0) || $0.hasPrefix("_"))) }
        if let key = unknown.sorted().first { throw problem("unknown key '\(key)' (known: course, lesson, title, url, allowed)") }
        func text(_ key: String) throws(SourceListProblem) -> String? {
            guard let raw = object[key], !(raw is NSNull) else { return nil }
            guard let string = raw as? String else { throw problem("'\(key)' must be a string") }
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        guard let url = try text("url") else { throw problem("has no 'url'") }
        guard let course = try text("course") ?? defaultCourse else { throw problem("has no 'course'") }
        if let defaultCourse, course != defaultCourse {
            throw problem("names course '\(course)' but sits in the list of course '\(defaultCourse)'")
        }
        let allowed: Bool
        switch object["allowed"] {
        case nil, is NSNull: throw problem("has no 'allowed' (true to fetch and index, false to skip)")
        case let number as NSNumber where number.doubleValue == 0 || number.doubleValue == 1:
            allowed = number.doubleValue == 1  // true/false, or 0/1 as Frappe exports Check fields.
        default: throw problem("'allowed' must be true, false, 0 or 1")
        }
        return SourceEntry(name: isExport ? try text("name") : nil, course: course, lesson: try text("lesson"),
                           title: try text("title"), url: url, allowed: allowed, listedIn: file, record: record)
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
    }
}
