#if _endian(big)
#error("The Lectern index is little-endian and its arrays are read in place from the mapping.")
#endif

/// Fixed numbers of the file format; docs/index-format.md describes every byte.
enum IndexFormat {
    static let magic: [UInt8] = Array("LECTIDX\0".utf8)
    static let version: UInt32 = 1
    static let fixedHeaderSize = 64
    static let sectionEntrySize = 32
    /// Sections start on 64-byte boundaries so every array in them is aligned for direct use.
    static let alignment = 64
    /// Header offsets of the fields the reader needs by position.
    static let headerChecksumOffset = 56
    /// int8 per dimension with an affine calibration, plus a 2-bit refinement of each
    /// dimension's rounding error: x ≈ offset + scale · (q + (f − 1.5) / 4).
    static let quantizationInt8Refined: UInt32 = 1
    /// The scan reads 16 bytes at a time, so each stored vector is padded to a multiple of 16.
    static let vectorBlock = 16
    static let maxModelIDBytes = 4096
    /// Keeps the kernel's Int32 sums far from overflow (4096 · 127 · 127 < 2^26).
    static let maxDimension = 4096
    /// chunkID, title, url, source, text; the heading path follows.
    static let fixedStringSlots = 5

    static func aligned(_ value: Int, to alignment: Int = IndexFormat.alignment) -> Int {
        (value + alignment - 1) / alignment * alignment
    }

    static func vectorStride(dimension: Int) -> Int {
        aligned(dimension, to: vectorBlock)
    }

    /// Four 2-bit refinement codes per byte.
    static func refinementStride(dimension: Int) -> Int {
        vectorStride(dimension: dimension) / 4
    }
}

/// The sections of a version-1 file, in the order they appear.
enum SectionKind: UInt32, CaseIterable, Sendable {
    case calibration = 1, vectors, refinements, facets, records, strings, terms, postings, lengths

    var name: String { "\(self)" }
}
