/// Floats in memory aligned to a cache line. OpenBLAS's AVX-512 kernels load 64 bytes at a time;
/// with the 16-byte alignment malloc gives, every load splits two lines and a single query took
/// twice as long (measured here: 9.1 ms against 4.5 ms for the six layers' products).
final class AlignedFloats: @unchecked Sendable {
    static let alignment = 64

    let pointer: UnsafeMutablePointer<Float>
    let count: Int
    /// Set for floats that live in someone else's memory (a mapped file), which this keeps alive.
    private let owner: AnyObject?

    init(count: Int) {
        self.count = count
        owner = nil
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * MemoryLayout<Float>.stride,
                                                   alignment: Self.alignment)
            .bindMemory(to: Float.self, capacity: max(1, count))
    }

    convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { pointer.initialize(from: $0.baseAddress!, count: values.count) }
    }

    /// Floats read in place, not copied: for tables read a row at a time (the word embeddings),
    /// where alignment does not matter and a copy cost start-up time.
    init(borrowing pointer: UnsafePointer<Float>, count: Int, owner: AnyObject) {
        self.pointer = UnsafeMutablePointer(mutating: pointer)
        self.count = count
        self.owner = owner
    }

    deinit {
        if owner == nil { UnsafeMutableRawPointer(pointer).deallocate() }
    }
}
