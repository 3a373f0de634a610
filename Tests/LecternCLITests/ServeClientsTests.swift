import Foundation
import Testing

/// The official Python clients, `qdrant-client` and `openai`, unchanged, against
/// `lectern-query serve`: installed from PyPI into a throwaway folder outside the repository,
/// then driven by clients/official_clients.py, whose checks are asserted here one by one.
@Suite(.serialized)
struct ServeClientsTests {
    /// `python3` from PATH, if there is one: CI has it, so there this test always runs.
    static let python: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    static let script = CLI.repositoryRoot + "/Tests/LecternCLITests/clients/official_clients.py"

    /// What the script must report as passed against a server without a token. One of the two
    /// `search` names: clients since 1.16 have no `search()`, older ones must still work with it.
    static let openChecks = [
        "openai.float", "openai.base64", "openai.default_format", "openai.formats_agree", "openai.single_string",
        "openai.unknown_model", "qdrant.get_collections", "qdrant.get_collection", "qdrant.collection_exists",
        "qdrant.query_points.unfiltered", "qdrant.query_points.course_and_lesson", "qdrant.query_points.course_only",
        "qdrant.query_points.other_course", "qdrant.query_points.unknown_lesson", "qdrant.upsert_refused",
        "qdrant.delete_collection_refused", "qdrant.collection_still_there",
    ]
    static let tokenChecks = ["token.openai.with_key", "token.openai.wrong_key", "token.qdrant.with_key", "token.qdrant.without_key", "token.qdrant.wrong_key"]

    @Test(.enabled(if: python != nil, "python3 is not on PATH, so the official Python clients were not tried"))
    func officialPythonClientsWorkUnchanged() throws {
        let environment = try PythonEnvironment.install(python: Self.python!, packages: ["qdrant-client", "openai", "numpy"])
        defer { try? FileManager.default.removeItem(atPath: environment.folder) }

        let open = try ServeFixture()
        let report = try environment.run(Self.script, ["open", String(open.port)])
        #expect(report.status == 0, "official_clients.py open: exit \(report.status)\n\(report.failures)\n\(report.stderr.suffix(3000))")
        for name in Self.openChecks { #expect(report.checks[name] == true, "\(name): \(report.details[name] ?? "not run")") }
        #expect(report.checks["qdrant.search.course_and_lesson"] == true || report.checks["qdrant.search.absent"] == true,
                "the older search(): \(report.details["qdrant.search.course_and_lesson"] ?? "not run")")

        let guarded = try ServeFixture(environment: ["LECTERN_TOKEN": "s3cret-token"])
        let tokenReport = try environment.run(Self.script, ["token", String(guarded.port), "s3cret-token"])
        #expect(tokenReport.status == 0, "official_clients.py token: exit \(tokenReport.status)\n\(tokenReport.failures)\n\(tokenReport.stderr.suffix(3000))")
        for name in Self.tokenChecks { #expect(tokenReport.checks[name] == true, "\(name): \(tokenReport.details[name] ?? "not run")") }

        // In the test log, so a run says which client versions it vouches for.
        print("official clients tried: \(report.versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }
}

/// A Python with the given packages, in a temporary folder: a venv if the interpreter can make
/// one, else (a Debian python3 without python3-venv) `pip install --target` and PYTHONPATH.
struct PythonEnvironment {
    let folder: String
    let interpreter: String
    let variables: [String: String]

    static func install(python: String, packages: [String]) throws -> PythonEnvironment {
        let folder = try CLI.temporaryDirectory()
        // Nothing lands in the repository: no bytecode beside the script, no pip prompts.
        let quiet = ["PYTHONDONTWRITEBYTECODE": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1", "NO_PROXY": "127.0.0.1,localhost"]
        let venv = folder + "/venv"
        let made = try CLI.execute(python, ["-m", "venv", venv], environment: quiet)
        if made.status == 0, FileManager.default.isExecutableFile(atPath: venv + "/bin/python") {
            let pip = try CLI.execute(venv + "/bin/python", ["-m", "pip", "install", "--quiet"] + packages, environment: quiet)
            guard pip.status == 0 else { throw CLIError("pip install into a venv failed: \(pip.stderr.suffix(2000))") }
            return PythonEnvironment(folder: folder, interpreter: venv + "/bin/python", variables: quiet)
        }
        let site = folder + "/site"
        let pip = try CLI.execute(python, ["-m", "pip", "install", "--quiet", "--target", site] + packages, environment: quiet)
        guard pip.status == 0 else {
            throw CLIError("no venv (\(made.stderr.suffix(300))) and pip install --target failed: \(pip.stderr.suffix(2000))")
        }
        return PythonEnvironment(folder: folder, interpreter: python, variables: quiet.merging(["PYTHONPATH": site]) { $1 })
    }

    struct Report {
        var status: Int32
        var checks: [String: Bool] = [:]
        var details: [String: String] = [:]
        var versions: [String: String] = [:]
        var stderr: String
        var failures: String { details.filter { checks[$0.key] == false }.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "\n") }
    }

    /// Runs the script and reads its JSON lines: `{"check", "ok", "detail"}` and `{"versions"}`.
    func run(_ script: String, _ arguments: [String]) throws -> Report {
        let result = try CLI.execute(interpreter, [script] + arguments, environment: variables)
        var report = Report(status: result.status, stderr: result.stderr)
        for line in result.stdout.split(separator: "\n") {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { continue }
            if let name = object["check"] as? String {
                report.checks[name] = object["ok"] as? Bool ?? false
                report.details[name] = object["detail"] as? String ?? ""
            }
            if let versions = object["versions"] as? [String: String] { report.versions = versions }
        }
        return report
    }
}
