/// One row of the section table.
struct SectionEntry: Sendable {
    let kind: SectionKind
    let offset: Int
    let length: Int
    let checksum: UInt64
}

/// The parsed and checked header: magic, version, sizes, and a section table whose sections
/// lie in order inside the file.
struct IndexHeader: Sendable {
    let headerLength: Int
    let fileLength: Int
    let dimension: Int
    let count: Int
    let stride: Int
    let buildTime: Int64
    let modelID: String
    let sections: [SectionEntry]

    static func parse(_ file: UnsafeRawBufferPointer, path: String) throws(IndexError) -> IndexHeader {
        let magic = IndexFormat.magic
        guard file.count > 0 else {
            throw .file(path, "empty file (0 bytes), not a Lectern index")
        }
        guard file.prefix(magic.count).elementsEqual(magic.prefix(min(magic.count, file.count))) else {
            throw .file(path, "not a Lectern index (wrong magic bytes)")
        }
        guard file.count >= IndexFormat.fixedHeaderSize else {
            throw .file(path, "truncated: \(file.count) bytes, the header alone takes \(IndexFormat.fixedHeaderSize)")
        }
        func u32(_ offset: Int) -> Int { Int(UInt32(littleEndian: file.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
        func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: file.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }

        let version = u32(8)
        guard version == Int(IndexFormat.version) else {
            throw .file(path, "index format version \(version); this build reads version \(IndexFormat.version) (rebuild the index)")
        }
        let headerLength = u32(12)
        let sectionCount = u32(48)
        let modelIDLength = u32(52)
        guard sectionCount == SectionKind.allCases.count, modelIDLength <= IndexFormat.maxModelIDBytes,
              headerLength == IndexFormat.aligned(IndexFormat.fixedHeaderSize
                  + sectionCount * IndexFormat.sectionEntrySize + modelIDLength) else {
            throw .file(path, "header is corrupt (inconsistent lengths)")
        }
        guard file.count >= headerLength else {
            throw .file(path, "truncated: \(file.count) bytes, the header alone takes \(headerLength)")
        }
        var header = Array(file[0..<headerLength])
        for i in 0..<8 { header[IndexFormat.headerChecksumOffset + i] = 0 }
        guard Checksum.fnv1a64x4(header) == u64(IndexFormat.headerChecksumOffset) else {
            throw .file(path, "header is corrupt (checksum mismatch)")
        }
        let fileLength = Int(truncatingIfNeeded: u64(16))
        guard fileLength == file.count else {
            throw .file(path, fileLength > file.count
                ? "truncated: \(file.count) bytes, the header says \(fileLength)"
                : "\(file.count) bytes, the header says \(fileLength) (extra bytes at the end)")
        }
        guard u32(32) == Int(IndexFormat.quantizationInt8Refined) else {
            throw .file(path, "unknown vector quantization kind \(u32(32))")
        }
        let dimension = u32(24)
        let stride = u32(36)
        guard dimension <= IndexFormat.maxDimension, stride == IndexFormat.vectorStride(dimension: dimension) else {
            throw .file(path, "header is corrupt (\(dimension) dimensions stored in \(stride) bytes)")
        }

        var sections: [SectionEntry] = []
        var expectedStart = headerLength
        for (i, kind) in SectionKind.allCases.enumerated() {
            let row = IndexFormat.fixedHeaderSize + i * IndexFormat.sectionEntrySize
            let offset = u64(row + 8), length = u64(row + 16)
            guard u32(row) == Int(kind.rawValue), offset == UInt64(IndexFormat.aligned(expectedStart)),
                  length <= UInt64(fileLength) - offset else {
                throw .file(path, "header is corrupt (section table entry \(i + 1))")
            }
            sections.append(SectionEntry(kind: kind, offset: Int(offset), length: Int(length), checksum: u64(row + 24)))
            expectedStart = Int(offset + length)
        }
        guard expectedStart == fileLength else {
            throw .file(path, "header is corrupt (sections end at byte \(expectedStart) of \(fileLength))")
        }
        let modelBytes = file[(IndexFormat.fixedHeaderSize + sectionCount * IndexFormat.sectionEntrySize)...].prefix(modelIDLength)
        return IndexHeader(headerLength: headerLength, fileLength: fileLength, dimension: dimension,
                           count: u32(28), stride: stride,
                           buildTime: Int64(bitPattern: u64(40)),
                           modelID: String(decoding: modelBytes, as: UTF8.self), sections: sections)
    }

    /// Checks every section's checksum and that the padding between sections is zero, so every
    /// byte of the file is verified.
    func verify(_ file: UnsafeRawBufferPointer, path: String) throws(IndexError) {
        var end = headerLength
        for section in sections {
            guard file[end..<section.offset].allSatisfy({ $0 == 0 }) else {
                throw .file(path, "corrupt: the padding before section '\(section.kind.name)' is not zero")
            }
            let bytes = UnsafeRawBufferPointer(rebasing: file[section.offset..<(section.offset + section.length)])
            guard Checksum.fnv1a64x4(bytes) == section.checksum else {
                throw .file(path, "section '\(section.kind.name)' is corrupt (checksum mismatch)")
            }
            end = section.offset + section.length
        }
    }

    func section(_ kind: SectionKind, in file: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let entry = sections[Int(kind.rawValue) - 1]
        return UnsafeRawBufferPointer(rebasing: file[entry.offset..<(entry.offset + entry.length)])
    }
}
