import Foundation

/// Writes `<course>.json` (AI FAQ Draft documents as a `{"data": [...]}` list, the shape the
/// LMS's REST list and `lectern import` read) and `<course>.md` for authors. Each file is written
/// beside its final name and renamed, so a reader never sees half a file.
public enum FAQWriter {
    public static func write(_ drafts: [FAQDraft], to folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written: [String] = []
        let courses = Dictionary(grouping: drafts, by: \.course)
        for course in courses.keys.sorted() {
            let list = courses[course]!.sorted { $0.lesson < $1.lesson }
            let name = fileName(course)
            try atomically(folder + "/" + name + ".json", json(list))
            try atomically(folder + "/" + name + ".md", Data(markdown(course: course, list).utf8))
            written += [folder + "/" + name + ".json", folder + "/" + name + ".md"]
        }
        return written
    }

    struct Envelope: Encodable { var data: [FAQDraft] }

    public static func json(_ drafts: [FAQDraft]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Envelope(data: drafts)) + Data("\n".utf8)
    }

    public static func markdown(course: String, _ drafts: [FAQDraft]) -> String {
        var out = "# FAQ drafts: \(course)\n\nDrafted by `lectern faq` from the questions learners asked the tutor. "
            + "Answers are lesson passages, not final text: check and edit before publishing.\n"
        for draft in drafts {
            out += "\n## \(draft.lessonTitle ?? draft.lesson) (`\(draft.lesson)`)\n\n\(draft.questionsAsked) questions asked; \(draft.items.count) drafted.\n"
            for item in draft.items {
                out += "\n### \(item.idx). \(item.question)\n\n"
                let when = [item.firstAsked, item.lastAsked].compactMap { $0 }
                out += "Asked \(item.count) times by \(item.learners) learners"
                    + (when.count == 2 ? ", first \(when[0]), last \(when[1])" : "") + ".\n\n"
                out += item.answer.isEmpty ? "_No lesson passage found; write the answer by hand._\n" : quoted(item.answer) + "\n"
                if item.variants.count > 1 {
                    out += "\nAlso asked as:\n"
                    for variant in item.variants where variant.text != item.question { out += "- \(variant.text) (\(variant.count))\n" }
                }
            }
        }
        return out
    }

    static func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
    }

    /// A course name as a file name: path separators and leading dots cannot escape the folder.
    static func fileName(_ course: String) -> String {
        let safe = String(course.map { $0 == "/" || $0 == "\\" || $0 == "\u{0}" ? "_" : $0 })
        return safe.hasPrefix(".") ? "_" + safe.dropFirst() : (safe.isEmpty ? "_" : safe)
    }

    static func atomically(_ path: String, _ data: Data) throws {
        let temporary = path + ".tmp-\(getpid())"
        try data.write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
