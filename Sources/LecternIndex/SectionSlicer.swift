/// Carves the typed arrays of one section, in order, out of the mapping. Every count comes from
/// the file, so every cut is bounds-checked and a section must be used up exactly.
struct SectionSlicer {
    let bytes: UnsafeRawBufferPointer
    let kind: SectionKind
    let path: String
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer, _ kind: SectionKind, path: String) {
        self.bytes = bytes
        self.kind = kind
        self.path = path
    }

    func malformed(_ problem: String) -> IndexError {
        .file(path, "section '\(kind.name)' is malformed (\(problem))")
    }

    mutating func u32() throws(IndexError) -> UInt32 {
        try array(UInt32.self, count: 1)[0]
    }

    mutating func u64() throws(IndexError) -> UInt64 {
        try array(UInt64.self, count: 1)[0]
    }

    mutating func array<T>(_ type: T.Type, count: Int) throws(IndexError) -> UnsafeBufferPointer<T> {
        let size = MemoryLayout<T>.stride
        guard count >= 0, count <= (bytes.count - offset) / size else {
            throw malformed("\(count) entries of \(size) bytes do not fit after byte \(offset) of \(bytes.count)")
        }
        guard count > 0, let base = bytes.baseAddress else {
            offset += count * size
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        guard Int(bitPattern: base + offset) % MemoryLayout<T>.alignment == 0 else {
            throw malformed("misaligned array at byte \(offset)")
        }
        let typed = (base + offset).bindMemory(to: T.self, capacity: count)
        offset += count * size
        return UnsafeBufferPointer(start: typed, count: count)
    }

    mutating func bytes(count: Int) throws(IndexError) -> UnsafeBufferPointer<UInt8> {
        try array(UInt8.self, count: count)
    }

    func finish() throws(IndexError) {
        guard offset == bytes.count else {
            throw malformed("\(bytes.count - offset) unexplained bytes at the end")
        }
    }
}
