import Foundation

/// Runs the `lectern` binary built beside the tests.
enum CLI {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static var modelAvailable: Bool {
        let directory = ProcessInfo.processInfo.environment["LECTERN_MODEL_DIR"] ?? repositoryRoot + "/models/all-MiniLM-L6-v2"
        return FileManager.default.fileExists(atPath: directory + "/model.safetensors")
    }

    /// The products folder holds the test bundle and the executables alike.
    static let binary: String = {
        for candidate in [Bundle.main.bundleURL.deletingLastPathComponent().path, Bundle.main.bundlePath,
                          repositoryRoot + "/.build/release", repositoryRoot + "/.build/debug"] {
            let path = candidate + "/lectern"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return repositoryRoot + "/.build/release/lectern"
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try execute(binary, arguments, stdin: stdin, environment: environment)
    }

    /// Runs any program from the repository root and collects what it printed.
    static func execute(_ program: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let errData = Atomic(Data())
        let reader = Thread { errData.value = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.finished { usleep(1_000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.value, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "lectern-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A value handed from the reader thread back to the test.
private final class Atomic<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    private var done = false
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue; done = true } }
    }
    var finished: Bool { lock.withLock { done } }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
