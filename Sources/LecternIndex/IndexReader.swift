/// A read-only view of an index file, mapped into memory. Opening checks the magic, version,
/// header, every section's checksum and the internal references, and refuses a damaged file
/// with one error naming it. Searches and record reads afterwards never fail. Safe to share
/// between threads: nothing changes after `init`.
public final class IndexReader: @unchecked Sendable {
    public let path: String
    public let count: Int
    public let dimension: Int
    public let modelID: String
    /// Unix seconds when the file was written.
    public let buildTime: Int64
    /// The file's size in bytes.
    public let fileSize: Int
    /// Every section as (name, offset, length), in file order: for `lectern inspect` and tests.
    public let sections: [IndexSection]

    let file: MappedIndexFile
    let stride: Int
    let offsets: UnsafeBufferPointer<Float>
    let scales: UnsafeBufferPointer<Float>
    let paddedOffsets: [Float]
    let paddedScales: [Float]
    let vectors: UnsafeBufferPointer<Int8>
    let refinements: UnsafeBufferPointer<UInt8>
    let facets: FacetsView
    let records: RecordsView
    let lexicon: LexiconView

    public var courses: [String] { facets.courseNames }
    public var lessons: [String] { facets.lessonNames }

    public init(path: String) throws(IndexError) {
        self.path = path
        file = try MappedIndexFile(path: path)
        let bytes = file.bytes
        let header = try IndexHeader.parse(bytes, path: path)
        try header.verify(bytes, path: path)
        count = header.count
        dimension = header.dimension
        modelID = header.modelID
        buildTime = header.buildTime
        fileSize = bytes.count
        stride = header.stride
        sections = header.sections.map { IndexSection(name: $0.kind.name, offset: $0.offset, length: $0.length) }

        var calibration = SectionSlicer(header.section(.calibration, in: bytes), .calibration, path: path)
        offsets = try calibration.array(Float.self, count: dimension)
        scales = try calibration.array(Float.self, count: dimension)
        try calibration.finish()
        guard offsets.allSatisfy(\.isFinite), scales.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw calibration.malformed("an offset or scale is not a finite number, or a scale is negative")
        }
        paddedOffsets = Rescorer.padded(offsets, stride: stride)
        paddedScales = Rescorer.padded(scales, stride: stride)
        var vectorSlicer = SectionSlicer(header.section(.vectors, in: bytes), .vectors, path: path)
        vectors = try vectorSlicer.array(Int8.self, count: count * stride)
        try vectorSlicer.finish()
        var refinementSlicer = SectionSlicer(header.section(.refinements, in: bytes), .refinements, path: path)
        refinements = try refinementSlicer.bytes(count: count * stride / 4)
        try refinementSlicer.finish()

        var stringSlicer = SectionSlicer(header.section(.strings, in: bytes), .strings, path: path)
        let strings = try stringSlicer.bytes(count: header.section(.strings, in: bytes).count)
        facets = try FacetsView(header.section(.facets, in: bytes), count: count, strings: strings, path: path)
        records = try RecordsView(header.section(.records, in: bytes), count: count, strings: strings, path: path)
        lexicon = try LexiconView(terms: header.section(.terms, in: bytes),
                                  postings: header.section(.postings, in: bytes),
                                  lengths: header.section(.lengths, in: bytes), count: count, path: path)
    }

    /// Record `i` (0 ≤ i < count) with its de-quantized vector.
    public func record(_ i: Int) -> IndexRecord {
        precondition(i >= 0 && i < count, "record \(i) is outside 0..<\(count) in \(path)")
        let strings = records.strings(of: i)
        return IndexRecord(chunkID: strings[0], course: facets.courseNames[Int(facets.courseIDs[i])],
                           lesson: facets.lessonNames[Int(facets.lessonIDs[i])], title: strings[1],
                           headingPath: Array(strings[IndexFormat.fixedStringSlots...]),
                           url: strings[2], source: strings[3], text: strings[4], vector: vector(i))
    }

    /// Record `i`'s vector as stored: int8 code plus refinement, de-quantized.
    func vector(_ i: Int) -> [Float] {
        let codes = vectors.baseAddress! + i * stride
        let fine = refinements.baseAddress! + i * (stride / 4)
        return (0..<dimension).map { d in
            Calibration.value(offset: offsets[d], scale: scales[d], code: codes[d],
                              refinement: (fine[d >> 2] >> (2 * UInt8(d & 3))) & 3)
        }
    }
}

/// Where one section of the file lies.
public struct IndexSection: Sendable, Equatable {
    public let name: String
    public let offset: Int
    public let length: Int
}
