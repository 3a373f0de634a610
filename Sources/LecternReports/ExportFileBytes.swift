import Foundation

/// A whole export file in memory: the readers hand out byte ranges of it instead of copies.
enum ExportFileBytes {
    static func read(_ path: String) throws(MalformedFile) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw MalformedFile(line: nil, reason: "cannot read the file") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw MalformedFile(line: nil, reason: "cannot read the file") }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = Foundation.read(fd, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { failed = got < 0; break }
                count += got
            }
        }
        guard !failed else { throw MalformedFile(line: nil, reason: "cannot read the file") }
        return bytes
    }
}
