#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the model files are: `LECTERN_MODEL_DIR`, else `models/all-MiniLM-L6-v2` under the
/// current directory, else the same folder beside the checkout the running binary was built in.
public enum ModelLocation {
    public static let environmentVariable = "LECTERN_MODEL_DIR"
    public static let defaultRelativePath = "models/all-MiniLM-L6-v2"
    public static let requiredFiles = ["model.safetensors", "vocab.txt"]

    public static func resolve(_ explicit: String? = nil) throws(EmbeddingError) -> String {
        if let explicit { return try check(explicit) }
        if let fromEnvironment = getenv(environmentVariable).map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return try check(fromEnvironment)
        }
        var candidates = [defaultRelativePath]
        // A binary under <checkout>/.build/<config>/ finds <checkout>/models from any directory.
        if var directory = executableDirectory() {
            for _ in 0..<4 {
                directory = parent(of: directory)
                candidates.append(directory + "/" + defaultRelativePath)
            }
        }
        for candidate in candidates where exists(candidate + "/model.safetensors") {
            return try check(candidate)
        }
        return try check(defaultRelativePath)
    }

    static func check(_ directory: String) throws(EmbeddingError) -> String {
        for file in requiredFiles where !exists(directory + "/" + file) {
            throw EmbeddingError.model(directory + "/" + file, "model file not found")
        }
        return directory
    }

    static func exists(_ path: String) -> Bool {
        access(path, R_OK) == 0
    }

    static func executableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return parent(of: String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
