/// The LMS documents found in an export's JSON files, sorted by DocType. A file may hold one
/// document (`course.json`, `lessons/x.json`), a `{"data": {…}}` single-document response, a
/// `{"data": […]}` list response (`GET /api/resource/Course Lesson`), or a `bench export-json`
/// array. A document's DocType is its `doctype` field, else where it was found: `course.json`,
/// `chapters/` or `chapters.json`, `lessons/` or `lessons.json`.
struct FrappeDocuments: Sendable {
    struct Document: Sendable {
        var fields: JSONValue
        /// Where it came from, relative to the content root.
        var path: String
        /// Set when the file held a list, to tell its records apart.
        var record: String?

        var name: String? { fields["name"]?.text.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } }

        /// The file, plus `#name` for a record of a list file.
        var origin: String { record.map { "\(path)#\($0)" } ?? path }
    }

    var courses: [Document] = []
    var chapters: [Document] = []
    var lessons: [Document] = []
    var problems: [ContentProblem] = []

    init(_ export: ExportFiles) {
        problems = export.problems
        for file in export.files.sorted(by: { $0.name < $1.name }) {
            let value: JSONValue
            do {
                value = try JSONParser.parse(file.bytes)
            } catch {
                problems.append(ContentProblem(path: file.path, line: error.line, reason: "is not valid JSON: \(error.reason)"))
                continue
            }
            let fallback = Self.doctype(forFile: file.name)
            let (documents, isList) = Self.documents(in: value)
            for (offset, fields) in documents.enumerated() {
                guard case .object = fields else {
                    problems.append(ContentProblem(path: file.path, record: isList ? "item \(offset + 1)" : nil,
                                                   reason: "holds a \(Self.describe(fields)) where a document object was expected"))
                    continue
                }
                var document = Document(fields: fields, path: file.path)
                if isList { document.record = document.name ?? "item \(offset + 1)" }
                switch fields["doctype"]?.string ?? fallback {
                case "LMS Course": courses.append(document)
                case "Course Chapter": chapters.append(document)
                case "Course Lesson": lessons.append(document)
                default: continue
                }
            }
        }
    }

    private static func documents(in value: JSONValue) -> (documents: [JSONValue], isList: Bool) {
        switch value {
        case .array(let items): return (items, true)
        case .object:
            switch value["data"] {
            case .array(let items)?: return (items, true)
            case .object?: return ([value["data"]!], false)
            default: return ([value], false)
            }
        default: return ([value], false)
        }
    }

    private static func doctype(forFile name: String) -> String? {
        let lowered = name.lowercased()
        if lowered == "course.json" { return "LMS Course" }
        if lowered.hasPrefix("chapters/") || lowered == "chapters.json" { return "Course Chapter" }
        if lowered.hasPrefix("lessons/") || lowered == "lessons.json" { return "Course Lesson" }
        return nil
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "true/false value"
        case .number: return "number"
        case .string: return "string"
        case .array: return "list"
        case .object: return "object"
        }
    }
}
