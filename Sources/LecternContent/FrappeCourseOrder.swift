/// Where each chapter and lesson of a Frappe course sits, as in the LMS: chapters by the
/// course's `chapters` rows, lessons by each chapter's `lessons` rows, both by `idx`. File names
/// play no part. Positions are 1-based and a listed record that is missing keeps its place, so
/// its neighbours keep their URLs.
///
/// What no table lists (REST list dumps carry no child tables) is placed after the listed
/// entries by the lesson's `chapter` field, in file order, and counted in `guessed`.
struct FrappeCourseOrder {
    struct Chapter {
        var name: String
        var document: FrappeDocuments.Document?
        /// Lesson names; a name's offset + 1 is its lesson number.
        var lessons: [String]
    }

    private(set) var chapters: [Chapter] = []
    /// Entries placed without a table row to go by; their URLs may not match the LMS.
    private(set) var guessed = 0
    /// Lessons in no chapter at all.
    private(set) var unplaced: [String] = []
    private(set) var problems: [ContentProblem] = []

    /// `lessonNames` and `chapterNames` are in file order and name the records present.
    init(course: FrappeDocuments.Document?, chapters: [String: FrappeDocuments.Document], chapterNames: [String],
         lessons: [String: FrappeDocuments.Document], lessonNames: [String], folder: String) {
        let chapterOf = { (lesson: String) in lessons[lesson]?.fields["chapter"]?.text ?? "" }
        let listedChapters = Self.names(in: course?.fields["chapters"], key: "chapter")
        var chapterOrder = listedChapters
        for name in chapterNames + lessonNames.map(chapterOf) where !name.isEmpty && !chapterOrder.contains(name) {
            chapterOrder.append(name)
            guessed += 1
        }
        var placed: Set<String> = []
        for name in chapterOrder {
            let document = chapters[name]
            let listed = Self.names(in: document?.fields["lessons"], key: "lesson").filter { !placed.contains($0) }
            for lesson in listed where lessons[lesson] == nil {
                problems.append(ContentProblem(path: document?.path ?? folder, record: name,
                                               reason: "lists lesson '\(lesson)', which has no Course Lesson record"))
            }
            placed.formUnion(listed)
            var order = listed
            for lesson in lessonNames where chapterOf(lesson) == name && !placed.contains(lesson) {
                order.append(lesson)
                placed.insert(lesson)
                guessed += 1
            }
            if document == nil, listedChapters.contains(name) {
                problems.append(ContentProblem(path: folder, reason: "chapter '\(name)' is listed by the course but has no Course Chapter record; its lessons are placed by their 'chapter' field"))
            }
            self.chapters.append(Chapter(name: name, document: document, lessons: order))
        }
        unplaced = lessonNames.filter { !placed.contains($0) }
    }

    /// Names from a child table by `idx`; rows without one keep their place in the list.
    private static func names(in table: JSONValue?, key: String) -> [String] {
        let rows = (table?.array ?? []).enumerated().compactMap { offset, row -> (idx: Int, offset: Int, name: String)? in
            guard let name = row[key]?.text?.trimmingWhitespace(), !name.isEmpty else { return nil }
            return (row["idx"]?.int ?? offset + 1, offset, name)
        }
        var seen: Set<String> = []
        return rows.sorted { ($0.idx, $0.offset) < ($1.idx, $1.offset) }.map(\.name).filter { seen.insert($0).inserted }
    }
}
