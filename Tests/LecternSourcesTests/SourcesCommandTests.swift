import Foundation
import Testing

/// `lectern sources` and `lectern build --offline` as a user runs them, against the local server.
@Suite(.serialized)
final class SourcesCommandTests {
    let server: SourceTestServer
    let root: String

    static let binary: String = {
        let candidates = [Bundle.main.bundleURL.deletingLastPathComponent().path, Bundle.main.bundlePath,
                          BuildTestPaths.repositoryRoot + "/.build/release", BuildTestPaths.repositoryRoot + "/.build/debug"]
        return candidates.map { $0 + "/lectern" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? BuildTestPaths.repositoryRoot + "/.build/release/lectern"
    }()

    init() throws {
        server = try SourceTestServer()
        root = NSTemporaryDirectory() + "lectern-sources-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/content/courses", withIntermediateDirectories: true)
        server.set("/page.html", .init(contentType: "text/html", body: Array("<html><body><p>Generators yield values one at a time.</p></body></html>".utf8),
                                       etag: "\"a\""))
        try """
            [{"course": "python", "url": "\(server.base)/page.html", "allowed": true},
             {"course": "python", "url": "\(server.base)/gone", "allowed": true},
             {"course": "python", "url": "\(server.base)/secret", "allowed": false}]
            """.write(toFile: root + "/content/sources.json", atomically: true, encoding: .utf8)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    func lectern(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func sourcesFetchesRecordsAndRevalidates() throws {
        let arguments = ["sources", "--content", root + "/content", "--output", root + "/output", "--fetch-timeout", "2"]
        let first = try lectern(arguments)
        #expect(first.status == 1)
        #expect(first.stdout.contains("Fetched\tpython\t\(server.base)/page.html (text/html)"))
        #expect(first.stdout.contains("Error\tpython\t\(server.base)/gone: HTTP 404 Not Found from \(server.base)/gone"))
        #expect(first.stdout.contains("New\tpython\t\(server.base)/secret: not allowed (allowed: false); skipped and kept out of the index"))
        #expect(first.stderr.contains("warning: sources.json (record 2): \(server.base)/gone: HTTP 404"))
        let second = try lectern(arguments)
        #expect(second.stdout.contains("3 sources, 1 not downloaded (unchanged or cached), 1 problems"))
        #expect(server.servedCount("/page.html") == 1 && server.notModifiedCount("/page.html") == 1)

        let offline = try lectern(arguments + ["--offline"])
        #expect(offline.stdout.contains("Fetched\tpython\t\(server.base)/page.html (text/html): offline: the copy fetched"))
        #expect(offline.stdout.contains("New\tpython\t\(server.base)/gone: not fetched yet: --offline and nothing cached"))
        #expect(offline.status == 0)
        #expect(server.servedCount("/page.html") == 1 && server.notModifiedCount("/page.html") == 1)
    }
}
