/// The entry point: every course under `<root>/courses/`, read into lessons.
///
/// A course is one of:
/// - `courses/<slug>/course.md` and chapter folders: the authoring layout (`AuthoringCourseReader`);
/// - `courses/<slug>/course.json` with `chapters/*.json` and `lessons/*.json`: a Frappe LMS course
///   export unpacked; or a folder of REST dumps (`course.json`, `chapters.json`, `lessons.json`,
///   each a document, a `{"data": …}` response or a `bench export-json` array) — see
///   `FrappeCourseReader` for how such dumps are ordered;
/// - `courses/<slug>.zip`: the course export zip, read without unpacking it to disk.
///
/// Nothing outside the root is read: paths are resolved to real paths and a symbolic link that
/// leaves the root is refused, as are zip entries with absolute or `..` paths. Any file that
/// cannot be used becomes a `ContentProblem`; the other files and courses are still read.
public struct ContentLibrary: Sendable {
    /// The LMS's URL prefix (`/lms/courses/…`) where a course does not set `lms_path`.
    public var defaultLMSPath: String

    public init(defaultLMSPath: String = "lms") {
        self.defaultLMSPath = defaultLMSPath
    }

    /// Reads every course under `root` with the default LMS path.
    public static func read(root: String) -> ContentReadResult {
        ContentLibrary().read(root: root)
    }

    public func read(root: String) -> ContentReadResult {
        let contentRoot: ContentRoot
        do {
            contentRoot = try ContentRoot(path: root)
        } catch {
            return ContentReadResult(problems: [error])
        }
        let listing: ContentRoot.Listing
        do {
            listing = try contentRoot.list("courses")
        } catch {
            return ContentReadResult(problems: [ContentProblem(path: "courses", reason: "no courses folder to read (\(error.reason))")])
        }
        var result = ContentReadResult(problems: listing.problems)
        let folders = Set(listing.entries.filter(\.isDirectory).map(\.name))
        for entry in listing.entries {
            if entry.isDirectory {
                result.append(readFolder(entry, in: contentRoot))
            } else if entry.name.lowercased().hasSuffix(".zip") {
                let slug = String(entry.name.dropLast(4))
                if folders.contains(slug) {
                    result.problems.append(ContentProblem(path: entry.path, reason: "course '\(slug)' is also a folder; the folder is read and the zip ignored"))
                    continue
                }
                let reader = FrappeCourseReader(slug: slug, folder: entry.path, lmsPath: defaultLMSPath)
                result.append(reader.read(.archive(entry.path, in: contentRoot)))
            }
        }
        return result
    }

    private func readFolder(_ entry: ContentRoot.Entry, in root: ContentRoot) -> ContentReadResult {
        if root.exists(entry.path + "/course.md") {
            var result = AuthoringCourseReader(root: root, slug: entry.name, folder: entry.path, defaultLMSPath: defaultLMSPath).read()
            if root.exists(entry.path + "/course.json") {
                result.problems.append(ContentProblem(path: entry.path, reason: "holds both course.md and course.json; read as the authoring layout, course.json ignored"))
            }
            return result
        }
        let export = ExportFiles.folder(entry.path, in: root)
        guard !export.files.isEmpty || !export.problems.isEmpty else {
            return ContentReadResult(problems: [ContentProblem(path: entry.path, reason: "is not a course: no course.md, course.json or lesson dumps")])
        }
        return FrappeCourseReader(slug: entry.name, folder: entry.path, lmsPath: defaultLMSPath).read(export)
    }
}
