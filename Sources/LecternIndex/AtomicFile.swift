#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so readers see either the old or the new content, never a mix: the bytes go
/// to `path.tmp-<pid>`, are flushed to disk, and the temporary file is renamed over `path`.
/// A reader that already mapped the old file keeps its copy (the old inode lives until unmapped).
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws(IndexError) {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .file(temporary, "cannot create (\(lastError()))")
        }
        var failure: IndexError?
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let n = writeSome(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .file(temporary, "cannot write (\(lastError()))")
                    return
                }
                written += n
            }
        }
        if failure == nil, fsync(fd) != 0 {
            failure = .file(temporary, "cannot flush to disk (\(lastError()))")
        }
        if close(fd) != 0, failure == nil {
            failure = .file(temporary, "cannot close (\(lastError()))")
        }
        if failure == nil, rename(temporary, path) != 0 {
            failure = .file(path, "cannot replace with \(temporary) (\(lastError()))")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        syncDirectory(of: path)
    }

    /// Makes the rename itself durable; a failure here loses nothing already visible, so it is
    /// not reported.
    private static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// At file scope `write` is the system call, not `AtomicFile.write`.
private func writeSome(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
