import Foundation

/// Loads a page in headless Chromium (installed by `make deps`) and returns the DOM after its
/// scripts ran. Every report page marks `<html data-ready="1">` at the end of its script and
/// `data-script-error` on any script error, so the DOM tells whether the page ran cleanly.
enum HeadlessChromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func dom(of file: String) throws -> String {
        guard let path else { throw CLIError("Chromium is not installed: run `make deps` (it installs Debian's chromium)") }
        let profile = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let result = try CLI.execute(path, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--user-data-dir=\(profile)", "--virtual-time-budget=2000",
            "--dump-dom", URL(fileURLWithPath: file).absoluteString,
        ])
        guard result.status == 0 else { throw CLIError("chromium exited \(result.status) on \(file): \(result.stderr.suffix(500))") }
        return result.stdout
    }

    /// What is wrong with a rendered page, or nil when it rendered and ran cleanly.
    static func problem(in dom: String) -> String? {
        guard let html = dom.range(of: "<html") else { return "no document" }
        let tag = dom[html.lowerBound...].prefix { $0 != ">" }
        if let error = tag.range(of: "data-script-error=") { return "script error: \(tag[error.lowerBound...].prefix(200))" }
        if tag.contains("data-pwned") { return "a script from the data ran: \(tag)" }
        if !tag.contains("data-ready=\"1\"") { return "the page's script did not finish" }
        guard let main = dom.range(of: "<main>"), let end = dom.range(of: "</main>"), main.upperBound < end.lowerBound else { return "no main content" }
        if !dom[main.upperBound..<end.lowerBound].contains("<section") { return "blank page: no section in main" }
        return nil
    }
}
