/// Files of the content root for other modules (source lists, external sources, the guardrail
/// scan), through the same confinement as the readers: nothing outside the root is read.
public enum ContentFiles {
    /// `path` relative to the root, or absolute but inside it; a `..` or a symbolic link that
    /// leaves the root is refused before the file is opened.
    public static func bytes(of path: String, root: String) throws(ContentProblem) -> [UInt8] {
        let contentRoot = try ContentRoot(path: root)
        guard !path.isEmpty else { throw ContentProblem(path: path, reason: "no path given") }
        var relative = path
        if path.hasPrefix("/") {
            let prefix = contentRoot.realPath.hasSuffix("/") ? contentRoot.realPath : contentRoot.realPath + "/"
            guard path.hasPrefix(prefix) else {
                throw ContentProblem(path: path, reason: "is outside the content root (\(contentRoot.realPath)); refused")
            }
            relative = String(path.dropFirst(prefix.count))
        }
        return try contentRoot.bytes(of: relative)
    }
}
