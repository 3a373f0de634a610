/// A Frappe LMS course export (unpacked folder, zip, or REST dumps) as lessons in LMS order
/// (`FrappeCourseOrder`). The course's id is its LMS Course `name`, else the folder's slug.
///
/// REST list dumps (`lessons.json` as `{"data": [...]}` from `GET /api/resource/Course Lesson`)
/// carry no child tables: their lessons follow any listed ones by their `chapter` field, and one
/// problem says how many positions were guessed. Lessons of other courses in a shared dump are
/// skipped and counted in one problem.
struct FrappeCourseReader {
    let slug: String
    /// The folder or zip, relative to the content root, for problems about the whole course.
    let folder: String
    let lmsPath: String

    func read(_ export: ExportFiles) -> ContentReadResult {
        let documents = FrappeDocuments(export)
        var result = ContentReadResult(problems: documents.problems)
        let course = documents.courses.first
        if documents.courses.count > 1 {
            result.problems.append(ContentProblem(path: folder, reason: "holds \(documents.courses.count) LMS Course documents; the first (\(documents.courses[0].origin)) is used"))
        }
        let courseRef = CourseRef(id: course?.name ?? slug, title: course?.fields["title"]?.text ?? OrderedName(slug).title)
        let lessons = byName(documents.lessons, kind: "Course Lesson", course: courseRef.id, problems: &result.problems)
        let chapters = byName(documents.chapters, kind: "Course Chapter", course: courseRef.id, problems: &result.problems)

        let order = FrappeCourseOrder(course: course, chapters: chapters.records, chapterNames: chapters.names,
                                      lessons: lessons.records, lessonNames: lessons.names, folder: folder)
        result.problems += order.problems
        for (chapterOffset, chapter) in order.chapters.enumerated() {
            let chapterRef = ChapterRef(id: chapter.name, title: chapter.document?.fields["title"]?.text ?? chapter.name,
                                        index: chapterOffset + 1)
            for (lessonOffset, name) in chapter.lessons.enumerated() {
                guard let lesson = lessons.records[name] else { continue }
                result.append(makeLessons(lesson, name: name, course: courseRef, chapter: chapterRef, index: lessonOffset + 1))
            }
        }
        for name in order.unplaced {
            let lesson = lessons.records[name]!
            result.problems.append(FrappeLessonBody.hasText(lesson) ? ContentProblem(path: lesson.path, record: name,
                reason: "belongs to no chapter (no 'chapter' field and no chapter lists it); skipped") : FrappeLessonBody.missingText(lesson))
        }
        if order.guessed > 0 {
            result.problems.append(ContentProblem(path: folder, reason: "\(order.guessed) chapter(s) or lesson(s) are in no 'chapters'/'lessons' table with an idx; placed after the listed ones in file order, so their URLs may differ from the LMS"))
        }
        return result
    }

    /// Records by `name`, first one winning, with their names in file order. Records
    /// whose `course` field names another course are left out (a dump of the whole site).
    private func byName(_ documents: [FrappeDocuments.Document], kind: String, course: String,
                        problems: inout [ContentProblem]) -> (records: [String: FrappeDocuments.Document], names: [String]) {
        var records: [String: FrappeDocuments.Document] = [:]
        var names: [String] = []
        var otherCourses: [String: Int] = [:]
        for document in documents {
            guard let name = document.name else {
                problems.append(ContentProblem(path: document.path, record: document.record, reason: "a \(kind) without a 'name'; skipped"))
                continue
            }
            if let owner = document.fields["course"]?.text, !owner.isEmpty, owner != course {
                otherCourses[owner, default: 0] += 1
                continue
            }
            if let first = records[name] {
                problems.append(ContentProblem(path: document.path, record: name, reason: "\(kind) '\(name)' appears twice; the first (\(first.origin)) is used"))
                continue
            }
            records[name] = document
            names.append(name)
        }
        if !otherCourses.isEmpty {
            let count = otherCourses.values.reduce(0, +)
            problems.append(ContentProblem(path: folder, reason: "\(count) \(kind) record(s) belong to other courses (\(otherCourses.keys.sorted().joined(separator: ", "))), not '\(course)'; skipped"))
        }
        return (records, names)
    }

    /// The lesson, and its instructor notes as a second lesson with the same place and URL.
    private func makeLessons(_ document: FrappeDocuments.Document, name: String, course: CourseRef, chapter: ChapterRef,
                             index: Int) -> ContentReadResult {
        let body = FrappeLessonBody.read(document)
        var result = ContentReadResult(problems: body.problems)
        guard let blocks = body.blocks else { return result }
        let url = Lesson.url(lmsPath: lmsPath, course: course.id, chapterIndex: chapter.index, lessonIndex: index)
        let title = document.fields["title"]?.text.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 } ?? name
        let lesson = Lesson(course: course, chapter: chapter, id: name, title: title, index: index, url: url,
                            source: .lesson, blocks: blocks, origin: document.origin)
        result.lessons.append(lesson)
        if let instructorBlocks = body.instructorBlocks {
            var notes = lesson
            notes.source = .instructor
            notes.blocks = instructorBlocks
            result.lessons.append(notes)
        }
        return result
    }
}
