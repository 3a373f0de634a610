import LecternContent

extension ContentProblem {
    /// The course slug a problem belongs to, from its path (`courses/<slug>/…` or `courses/<slug>.zip`).
    var course: String? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[0] == "courses" else { return nil }
        let name = String(parts[1])
        return name.hasSuffix(".zip") ? String(name.dropLast(4)) : name
    }
}
