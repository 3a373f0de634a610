#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only private map of a whole file, unmapped when this object goes away; every view
/// the reader hands out points into it.
#if os(Linux)
private let populate = MAP_POPULATE
#else
private let populate: Int32 = 0
#endif

final class MappedIndexFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws(IndexError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .file(path, "cannot open (\(AtomicFile.lastError()))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw .file(path, "cannot read its size (\(AtomicFile.lastError()))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .file(path, "not a regular file")
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        // The checksums read every page at open anyway; populating up front saves a page fault
        // per few pages.
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | populate, fd, 0), base != MAP_FAILED else {
            throw .file(path, "cannot map into memory (\(AtomicFile.lastError()))")
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }
}
