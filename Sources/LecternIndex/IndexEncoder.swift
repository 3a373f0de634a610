/// Lays out a whole index file in memory: header, section table, then the eight sections.
/// The format is in docs/index-format.md.
struct IndexEncoder {
    let records: [IndexRecord]
    let modelID: String
    let dimension: Int
    let buildTime: Int64
    let path: String

    func encode() throws(IndexError) -> [UInt8] {
        let stride = IndexFormat.vectorStride(dimension: dimension)
        let calibration = Calibration.fit(records.map(\.vector), dimension: dimension)
        var strings = StringTableBuilder(path: path)
        var sections: [(SectionKind, ByteBuffer)] = []
        sections.append((.calibration, encodeCalibration(calibration)))
        let (codes, refinements) = encodeVectors(calibration, stride: stride)
        sections.append((.vectors, codes))
        sections.append((.refinements, refinements))
        sections.append((.facets, try encodeFacets(&strings)))
        sections.append((.records, try encodeRecords(&strings)))
        sections.append((.strings, strings.bytes))
        var lexical = LexicalIndexBuilder()
        for record in records { lexical.add(LexicalIndexBuilder.document(of: record)) }
        let (terms, postings) = try lexical.encode(path: path)
        sections.append((.terms, terms))
        sections.append((.postings, postings))
        var lengths = ByteBuffer()
        for length in lexical.lengths { lengths.append(length) }
        sections.append((.lengths, lengths))
        return assemble(sections, stride: stride)
    }

    private func encodeCalibration(_ calibration: Calibration) -> ByteBuffer {
        var buffer = ByteBuffer()
        for offset in calibration.offsets { buffer.append(offset) }
        for scale in calibration.scales { buffer.append(scale) }
        return buffer
    }

    private func encodeVectors(_ calibration: Calibration, stride: Int) -> (codes: ByteBuffer, refinements: ByteBuffer) {
        let fineStride = stride / 4
        var codes = [Int8](repeating: 0, count: records.count * stride)
        var refinements = [UInt8](repeating: 0, count: records.count * fineStride)
        codes.withUnsafeMutableBufferPointer { codes in
            refinements.withUnsafeMutableBufferPointer { refinements in
                for (i, record) in records.enumerated() {
                    calibration.quantize(record.vector, codes: codes.baseAddress! + i * stride,
                                         refinements: refinements.baseAddress! + i * fineStride)
                }
            }
        }
        var codeBuffer = ByteBuffer()
        codeBuffer.append(bytes: codes.lazy.map { UInt8(bitPattern: $0) })
        var refinementBuffer = ByteBuffer()
        refinementBuffer.append(bytes: refinements)
        return (codeBuffer, refinementBuffer)
    }

    /// Course and lesson dictionaries (in order of first appearance) and one id of each per
    /// record, so a filter is an integer compare.
    private func encodeFacets(_ strings: inout StringTableBuilder) throws(IndexError) -> ByteBuffer {
        var courseIDs: [[UInt8]: UInt32] = [:], courseNames: [String] = []
        var lessonIDs: [[UInt8]: UInt32] = [:], lessonNames: [String] = []
        var perRecord: [(UInt32, UInt32)] = []
        perRecord.reserveCapacity(records.count)
        for record in records {
            let course = Self.id(of: record.course, in: &courseIDs, names: &courseNames)
            let lesson = Self.id(of: record.lesson, in: &lessonIDs, names: &lessonNames)
            perRecord.append((course, lesson))
        }
        var buffer = ByteBuffer()
        buffer.append(UInt32(courseNames.count))
        buffer.append(UInt32(lessonNames.count))
        for name in courseNames + lessonNames {
            let ref = try strings.intern(name)
            buffer.append(ref.offset)
            buffer.append(ref.length)
        }
        for ids in perRecord { buffer.append(ids.0) }
        for ids in perRecord { buffer.append(ids.1) }
        return buffer
    }

    /// Keyed by bytes for the reason given in `StringTableBuilder`.
    private static func id(of name: String, in ids: inout [[UInt8]: UInt32], names: inout [String]) -> UInt32 {
        let key = Array(name.utf8)
        if let id = ids[key] { return id }
        let id = UInt32(names.count)
        ids[key] = id
        names.append(name)
        return id
    }

    /// Per record the index of its first string slot; slots are (offset, length) in `strings`:
    /// chunkID, title, url, source, text, then one per heading.
    private func encodeRecords(_ strings: inout StringTableBuilder) throws(IndexError) -> ByteBuffer {
        var firstSlots: [UInt32] = [0]
        var slots: [(UInt32, UInt32)] = []
        slots.reserveCapacity(records.count * 7)
        for record in records {
            for field in [record.chunkID, record.title, record.url, record.source, record.text] + record.headingPath {
                slots.append(try strings.intern(field))
            }
            guard slots.count <= Int(UInt32.max) else {
                throw .file(path, "too many strings for one index file (more than \(UInt32.max))")
            }
            firstSlots.append(UInt32(slots.count))
        }
        var buffer = ByteBuffer()
        buffer.reserve(8 + 4 * firstSlots.count + 8 * slots.count)
        buffer.append(UInt32(slots.count))
        buffer.append(UInt32(0))
        for first in firstSlots { buffer.append(first) }
        for slot in slots {
            buffer.append(slot.0)
            buffer.append(slot.1)
        }
        return buffer
    }

    private func assemble(_ sections: [(SectionKind, ByteBuffer)], stride: Int) -> [UInt8] {
        let modelIDBytes = Array(modelID.utf8)
        let headerLength = IndexFormat.aligned(IndexFormat.fixedHeaderSize
            + sections.count * IndexFormat.sectionEntrySize + modelIDBytes.count)
        var offsets: [Int] = []
        var end = headerLength
        for (_, section) in sections {
            let start = IndexFormat.aligned(end)
            offsets.append(start)
            end = start + section.count
        }
        var file = ByteBuffer()
        file.reserve(end)
        file.append(bytes: IndexFormat.magic)
        file.append(IndexFormat.version)
        file.append(UInt32(headerLength))
        file.append(UInt64(end))
        file.append(UInt32(dimension))
        file.append(UInt32(records.count))
        file.append(IndexFormat.quantizationInt8Refined)
        file.append(UInt32(stride))
        file.append(buildTime)
        file.append(UInt32(sections.count))
        file.append(UInt32(modelIDBytes.count))
        file.append(UInt64(0))  // header checksum, filled in below
        for (i, (kind, section)) in sections.enumerated() {
            file.append(kind.rawValue)
            file.append(UInt32(0))
            file.append(UInt64(offsets[i]))
            file.append(UInt64(section.count))
            file.append(section.bytes.withUnsafeBytes { Checksum.fnv1a64x4($0) })
        }
        file.append(bytes: modelIDBytes)
        file.pad(toMultipleOf: IndexFormat.alignment)
        let headerChecksum = file.bytes.withUnsafeBytes { Checksum.fnv1a64x4(UnsafeRawBufferPointer(rebasing: $0[0..<headerLength])) }
        file.overwrite(headerChecksum, at: IndexFormat.headerChecksumOffset)
        for (_, section) in sections {
            file.pad(toMultipleOf: IndexFormat.alignment)
            file.append(bytes: section.bytes)
        }
        return file.bytes
    }
}
