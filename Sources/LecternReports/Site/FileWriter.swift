import Foundation

/// Writes the site's files under one folder. Plain POSIX writes: Foundation's `Data.write`
/// syncs every file to disk, which cost more than rendering for a site of thousands of pages;
/// the site is made durable as a whole by being renamed into place.
final class FileWriter {
    let root: String
    private var folders = Set<String>()

    init(root: String) {
        self.root = root
    }

    /// Creates the folders of `relativePaths` now: writers on two threads then never race to
    /// create the same one.
    func makeFolders(for relativePaths: [String]) throws {
        for path in relativePaths { try makeFolder(of: root + "/" + path) }
    }

    private func makeFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if folders.insert(folder).inserted {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    func write(_ text: String, to relativePath: String) throws {
        let path = root + "/" + relativePath
        try makeFolder(of: path)
        guard let file = fopen(path, "wb") else { throw ReportError("\(path): cannot create (\(String(cString: strerror(errno))))") }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) == $0.count }
        let closed = fclose(file) == 0
        guard written && closed else { throw ReportError("\(path): cannot write (\(String(cString: strerror(errno))))") }
    }
}
