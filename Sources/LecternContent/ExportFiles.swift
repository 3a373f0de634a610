/// The JSON files of one Frappe course export, from an unpacked folder or from the zip, so the
/// course is assembled the same way from either.
struct ExportFiles: Sendable {
    struct File: Sendable {
        /// Inside the export, `/`-separated: `course.json`, `lessons/intro.json`.
        var name: String
        /// Relative to the content root, for problems and lesson origins.
        var path: String
        var bytes: [UInt8]
    }

    var files: [File] = []
    var problems: [ContentProblem] = []

    /// `course.json` and other top-level JSON files (REST dumps such as `lessons.json`), and the
    /// JSON files of `chapters/` and `lessons/`. Other folders (assets) are not course text.
    static func folder(_ folder: String, in root: ContentRoot) -> ExportFiles {
        var export = ExportFiles()
        export.add(folder: folder, prefix: "", in: root)
        for sub in ["chapters", "lessons"] where root.exists(folder + "/" + sub) {
            export.add(folder: folder + "/" + sub, prefix: sub + "/", in: root)
        }
        return export
    }

    private mutating func add(folder: String, prefix: String, in root: ContentRoot) {
        do {
            let listing = try root.list(folder)
            problems += listing.problems
            // A course's list of external sources sits beside its dumps but is not one.
            for entry in listing.entries where !entry.isDirectory && entry.name.lowercased().hasSuffix(".json")
                && !(prefix.isEmpty && entry.name == "sources.json") {
                do {
                    files.append(File(name: prefix + entry.name, path: entry.path, bytes: try root.bytes(of: entry.path)))
                } catch {
                    problems.append(error)
                }
            }
        } catch {
            problems.append(error)
        }
    }

    /// The JSON entries of a course zip. Entries whose names are absolute or climb with `..`
    /// are refused, never read; when everything sits in one top folder, that folder is dropped.
    static func archive(_ path: String, in root: ContentRoot) -> ExportFiles {
        var export = ExportFiles()
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: root.bytes(of: path, limit: ContentRoot.archiveSizeLimit))
        } catch let problem as ContentProblem {
            export.problems.append(problem)
            return export
        } catch let failure as ZipArchive.Failure {
            export.problems.append(ContentProblem(path: path, reason: failure.reason))
            return export
        } catch {
            export.problems.append(ContentProblem(path: path, reason: "cannot be read"))
            return export
        }
        var wanted: [ZipArchive.Entry] = []
        for entry in archive.entries where !entry.isDirectory {
            guard isSafe(entry.name) else {
                export.problems.append(ContentProblem(path: path, record: entry.name,
                                                      reason: "the entry's path is absolute or leaves the archive with '..'; refused"))
                continue
            }
            if entry.name.lowercased().hasSuffix(".json") { wanted.append(entry) }
        }
        let folders = Set(wanted.map { $0.name.split(separator: "/", maxSplits: 1).count > 1 ? String($0.name.split(separator: "/")[0]) : "" })
        let strip = folders.count == 1 && !folders.first!.isEmpty ? folders.first! + "/" : ""
        var total = 0
        for entry in wanted {
            let name = String(entry.name.dropFirst(strip.count))
            let entryPath = path + "/" + entry.name
            do {
                let bytes = try archive.contents(of: entry, limit: ContentRoot.fileSizeLimit)
                total += bytes.count
                guard total <= ContentRoot.archiveSizeLimit else {
                    export.problems.append(ContentProblem(path: path, reason: "unpacks to more than \(ContentRoot.archiveSizeLimit) bytes; the rest is refused"))
                    break
                }
                export.files.append(File(name: name, path: entryPath, bytes: bytes))
            } catch {
                export.problems.append(ContentProblem(path: entryPath, reason: "the entry \(error.reason)"))
            }
        }
        return export
    }

    static func isSafe(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.hasPrefix("\\"), !name.contains("\0") else { return false }
        let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if let first = parts.first, first.count == 2, first.hasSuffix(":") { return false }
        return !parts.contains("..")
    }
}
