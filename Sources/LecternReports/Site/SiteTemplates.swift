import Foundation
import Mustache

/// The Mustache templates of the site: the default set (the repository's `templates/`), with
/// any template of the same name in the user's folder taking its place.
public struct SiteTemplates {
    public let library: MustacheLibrary
    /// Where the templates came from, defaults first.
    public let folders: [String]

    public static let required = ["page", "layout-head", "layout-foot", "section", "table", "tiles", "style", "script"]

    /// `defaults`: the folder of the default set; `overrides`: the user's folder, if any.
    public init(defaults: String, overrides: String? = nil) throws(ReportError) {
        var library = MustacheLibrary()
        var folders: [String] = []
        for folder in [defaults] + (overrides.map { [$0] } ?? []) {
            let files: [String]
            do { files = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
                throw ReportError("\(folder): cannot read the templates folder")
            }
            for file in files.sorted() where file.hasSuffix(".mustache") {
                let path = (folder as NSString).appendingPathComponent(file)
                guard let data = FileManager.default.contents(atPath: path) else { throw ReportError("\(path): cannot read the template") }
                do {
                    try library.register(String(decoding: data, as: UTF8.self), named: String(file.dropLast(".mustache".count)))
                } catch let error as MustacheTemplate.ParserError {
                    throw ReportError("\(path):\(error.context.lineNumber): template error: \(error.error)")
                } catch {
                    throw ReportError("\(path): template error: \(error)")
                }
            }
            folders.append(folder)
        }
        for name in Self.required where library.getTemplate(named: name) == nil {
            throw ReportError("\(folders.joined(separator: ", ")): no template \(name).mustache")
        }
        self.library = library
        self.folders = folders
    }

    /// The default templates: `templates/` in the working folder, else in the folder above the
    /// executable's build folder (a build inside the repository finds the repository's set).
    public static func defaultFolder() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/templates"]
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(url.appendingPathComponent("templates").path)
            url.deleteLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/page.mustache") }
    }

    func render(_ view: [String: Any], page: ReportPage) -> String {
        let name = library.getTemplate(named: page.name) != nil ? page.name : "page"
        return library.render(view, withTemplate: name) ?? ""
    }
}

public struct ReportError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
