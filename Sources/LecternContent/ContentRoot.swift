import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only way readers touch the file system. Every path is resolved to its real path and must
/// stay under the root's real path, so a symbolic link or a `..` that points elsewhere on the
/// machine is refused before anything is opened.
struct ContentRoot: Sendable {
    /// What a listing found: a name and whether it is a folder, for a path known to be inside.
    struct Entry: Sendable, Equatable {
        var name: String
        /// Relative to the root, `/`-separated.
        var path: String
        var isDirectory: Bool
    }

    /// Content files are small; this keeps a stray disk image from being read into memory.
    static let fileSizeLimit = 64 << 20
    static let archiveSizeLimit = 512 << 20

    let realPath: String

    init(path: String) throws(ContentProblem) {
        guard let real = Self.realPath(of: path) else {
            throw ContentProblem(path: path, reason: "the content root cannot be opened: \(Self.lastError())")
        }
        realPath = real
    }

    /// The real path of `relative`, or a problem when it cannot be resolved or leaves the root.
    func resolve(_ relative: String) throws(ContentProblem) -> String {
        let joined = relative.isEmpty ? realPath : realPath + "/" + relative
        guard let real = Self.realPath(of: joined) else {
            throw ContentProblem(path: relative, reason: "cannot be resolved: \(Self.lastError())")
        }
        guard real == realPath || real.hasPrefix(realPath.hasSuffix("/") ? realPath : realPath + "/") else {
            throw ContentProblem(path: relative, reason: "leads outside the content root (to \(real)); refused")
        }
        return real
    }

    func exists(_ relative: String) -> Bool {
        var info = stat()
        return lstat(realPath + "/" + relative, &info) == 0
    }

    /// What a folder holds: its visible entries sorted by name, and those refused (leaving the
    /// root, unresolvable), each with its problem. Refused entries are never opened, but an
    /// ordered layout still counts them so that later lessons keep their positions.
    struct Listing: Sendable {
        var entries: [Entry] = []
        var refused: [(name: String, problem: ContentProblem)] = []
        var problems: [ContentProblem] { refused.map(\.problem) }
    }

    func list(_ relative: String) throws(ContentProblem) -> Listing {
        let real = try resolve(relative)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: real)
        } catch {
            throw ContentProblem(path: relative, reason: "the folder cannot be listed")
        }
        var listing = Listing()
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = relative.isEmpty ? name : relative + "/" + name
            do throws(ContentProblem) {
                let target = try resolve(path)
                var info = stat()
                guard stat(target, &info) == 0 else {
                    throw ContentProblem(path: path, reason: "cannot be read: \(Self.lastError())")
                }
                let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                guard isDirectory || (info.st_mode & S_IFMT) == S_IFREG else { continue }
                listing.entries.append(Entry(name: name, path: path, isDirectory: isDirectory))
            } catch {
                listing.refused.append((name, error))
            }
        }
        return listing
    }

    /// The bytes of a file inside the root.
    func bytes(of relative: String, limit: Int = fileSizeLimit) throws(ContentProblem) -> [UInt8] {
        let real = try resolve(relative)
        let descriptor = open(real, O_RDONLY)
        guard descriptor >= 0 else {
            throw ContentProblem(path: relative, reason: "cannot be opened: \(Self.lastError())")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw ContentProblem(path: relative, reason: "cannot be read: \(Self.lastError())")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw ContentProblem(path: relative, reason: "is not a regular file")
        }
        guard Int(info.st_size) <= limit else {
            throw ContentProblem(path: relative, reason: "is \(info.st_size) bytes, over the \(limit)-byte limit")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw ContentProblem(path: relative, reason: "cannot be read: \(Self.lastError())")
            }
            guard count > 0 else {
                throw ContentProblem(path: relative, reason: "changed while being read")
            }
            filled += count
        }
        return bytes
    }

    private static func realPath(of path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
