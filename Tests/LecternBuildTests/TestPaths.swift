import Foundation

/// Where the build tests find the repository, the model and whether they may run.
enum TestPaths {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let modelDirectory = ProcessInfo.processInfo.environment["LECTERN_MODEL_DIR"]
        ?? repositoryRoot + "/models/all-MiniLM-L6-v2"

    /// With the model present, and in CI always (where a missing model then fails loudly).
    static let canRun = FileManager.default.fileExists(atPath: modelDirectory + "/model.safetensors")
        || ProcessInfo.processInfo.environment["CI"] == "true"
}
