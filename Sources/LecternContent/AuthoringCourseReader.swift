import Foundation

/// A course written by hand:
///
/// ```
/// courses/intro-python/
///   course.md                      front matter: title, description, lms_path (default "lms")
///   01-getting-started/
///     chapter.md                   optional; front matter title (else "Getting started")
///     01-welcome.md
///     02-variables.html
///     02-variables.instructor.md   instructor notes for 02-variables
///   02-data/…
/// ```
///
/// Chapters are the folders holding lessons (or a `chapter.md`), lessons the `.md`/`.html` files
/// in them, both ordered by numeric prefix, then unprefixed names after them. A lesson's id is
/// `<chapter slug>/<lesson slug>` without prefixes, so renumbering keeps ids; its URL numbers are
/// 1-based positions, and a lesson that fails to read keeps its position.
struct AuthoringCourseReader {
    static let courseKeys = ["title", "description", "lms_path"]
    static let chapterKeys = ["title", "description"]
    static let lessonKeys = ["title", "description"]
    private static let lessonSuffixes = [".md", ".markdown", ".html", ".htm"]
    private static let instructorMark = ".instructor"

    let root: ContentRoot
    let slug: String
    let folder: String
    let defaultLMSPath: String

    func read() -> ContentReadResult {
        var result = ContentReadResult()
        let coursePath = folder + "/course.md"
        var matter = FrontMatter(body: "")
        do {
            let (parsed, problems) = FrontMatter.parse(TextDecoding.decode(try root.bytes(of: coursePath)), path: coursePath,
                                                      allowedKeys: Self.courseKeys)
            matter = parsed
            result.problems += problems
        } catch {
            result.problems.append(error)
        }
        let course = CourseRef(id: slug, title: nonEmpty(matter["title"]) ?? OrderedName(slug).title)
        let lmsPath = lmsPath(matter["lms_path"], problems: &result.problems, path: coursePath)

        let listing: ContentRoot.Listing
        do {
            listing = try root.list(folder)
        } catch {
            result.problems.append(error)
            return result
        }
        result.problems += listing.problems
        for entry in listing.entries where !entry.isDirectory && isLessonFile(entry.name) && entry.name != "course.md" {
            result.problems.append(ContentProblem(path: entry.path, reason: "lesson files belong in a chapter folder; ignored"))
        }
        var chapterIndex = 0
        for entry in listing.entries.filter(\.isDirectory).sorted(by: { OrderedName($0.name) < OrderedName($1.name) }) {
            let (isChapter, chapter) = readChapter(entry, index: chapterIndex + 1, course: course, lmsPath: lmsPath)
            if isChapter { chapterIndex += 1 }
            result.append(chapter)
        }
        return result
    }

    /// Not a chapter when the folder holds no lessons and no `chapter.md` (images, drafts…);
    /// such a folder takes no chapter number.
    private func readChapter(_ entry: ContentRoot.Entry, index: Int, course: CourseRef,
                             lmsPath: String) -> (isChapter: Bool, result: ContentReadResult) {
        var result = ContentReadResult()
        let listing: ContentRoot.Listing
        do {
            listing = try root.list(entry.path)
        } catch {
            return (false, ContentReadResult(problems: [error]))
        }
        result.problems += listing.problems
        let files = listing.entries.filter { !$0.isDirectory }
        let chapterFile = files.first { $0.name == "chapter.md" }
        let instructorFiles = files.filter { isLessonFile($0.name) && isInstructorFile($0.name) }
        // A refused file (a link out of the root) still holds its place in the order.
        let slots = (files.map { ($0.name, Optional($0)) } + listing.refused.map { ($0.name, nil) })
            .filter { isLessonFile($0.0) && !isInstructorFile($0.0) && $0.0 != "chapter.md" }
            .sorted { OrderedName($0.0, stripping: Self.lessonSuffixes) < OrderedName($1.0, stripping: Self.lessonSuffixes) }
        guard chapterFile != nil || !slots.isEmpty else { return (false, result) }

        var title: String?
        if let chapterFile {
            do {
                let (matter, problems) = FrontMatter.parse(TextDecoding.decode(try root.bytes(of: chapterFile.path)),
                                                          path: chapterFile.path, allowedKeys: Self.chapterKeys)
                title = nonEmpty(matter["title"])
                result.problems += problems
            } catch {
                result.problems.append(error)
            }
        }
        let folderName = OrderedName(entry.name)
        let chapter = ChapterRef(id: folderName.slug, title: title ?? folderName.title, index: index)

        var usedInstructorFiles: Set<String> = []
        for (offset, slot) in slots.enumerated() {
            guard let file = slot.1 else { continue }
            let name = OrderedName(file.name, stripping: Self.lessonSuffixes)
            let url = Lesson.url(lmsPath: lmsPath, course: course.id, chapterIndex: chapter.index, lessonIndex: offset + 1)
            let stem = String(file.name[..<(file.name.lastIndex(of: ".") ?? file.name.endIndex)])
            let notesFiles = instructorFiles.filter { $0.name.hasPrefix(stem + Self.instructorMark + ".") }
            usedInstructorFiles.formUnion(notesFiles.map(\.name))
            var lesson = Lesson(course: course, chapter: chapter, id: chapter.id + "/" + name.slug, title: name.title,
                                index: offset + 1, url: url, source: .lesson, blocks: [], origin: file.path)
            do {
                let page = try readPage(file)
                result.problems += page.problems
                lesson.title = page.title ?? name.title
                lesson.blocks = page.blocks
                result.lessons.append(lesson)
            } catch {
                result.problems.append(error)
                continue
            }
            for notes in notesFiles {
                do {
                    let page = try readPage(notes)
                    result.problems += page.problems
                    var instructor = lesson
                    instructor.source = .instructor
                    instructor.blocks = page.blocks
                    instructor.origin = notes.path
                    result.lessons.append(instructor)
                } catch {
                    result.problems.append(error)
                }
            }
        }
        for notes in instructorFiles where !usedInstructorFiles.contains(notes.name) {
            result.problems.append(ContentProblem(path: notes.path, reason: "instructor notes for a lesson that does not exist here; ignored"))
        }
        return (true, result)
    }

    private struct Page {
        var title: String?
        var blocks: [Block]
        var problems: [ContentProblem]
    }

    /// Markdown: front-matter title, else first level-1 heading. HTML: `<title>`, else first `<h1>`.
    private func readPage(_ file: ContentRoot.Entry) throws(ContentProblem) -> Page {
        let bytes = try root.bytes(of: file.path)
        let lowered = file.name.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") {
            let page = HTMLReader.read(bytes)
            return Page(title: nonEmpty(page.title), blocks: page.blocks, problems: [])
        }
        let (matter, problems) = FrontMatter.parse(TextDecoding.decode(bytes), path: file.path, allowedKeys: Self.lessonKeys)
        var builder = BlockBuilder()
        MarkdownReader.read(matter.body, into: &builder)
        return Page(title: nonEmpty(matter["title"]) ?? builder.firstTopHeading, blocks: builder.blocks, problems: problems)
    }

    private func isLessonFile(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return Self.lessonSuffixes.contains { lowered.hasSuffix($0) }
    }

    private func isInstructorFile(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return Self.lessonSuffixes.contains { lowered.hasSuffix(Self.instructorMark + $0) }
    }

    /// `lms_path` is a URL segment: slashes around it are dropped; an empty or odd one falls back.
    private func lmsPath(_ value: String?, problems: inout [ContentProblem], path: String) -> String {
        guard let value else { return defaultLMSPath }
        let trimmed = value.trimmingWhitespace().trimmingCharacters(in: ["/"])
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }) else {
            problems.append(ContentProblem(path: path, reason: "lms_path '\(value)' is not a URL path; '\(defaultLMSPath)' is used"))
            return defaultLMSPath
        }
        return trimmed
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }
}
