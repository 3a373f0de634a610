import CInt8Kernels

/// The integer dot product of the dense scan: int8 codes of a record against the query folded
/// into int8. The kernel is C (Sources/CInt8Kernels), chosen at run time: AVX-512 VNNI where the
/// CPU has it, else AVX2, else portable C; a portable Swift build cannot compile such kernels
/// itself. The result is the exact integer sum whichever kernel runs.
enum Int8Kernel {
    @inline(__always)
    static func dot(_ codes: UnsafeRawPointer, query: QuantizedQuery.Pointer, stride: Int) -> Int32 {
        lectern_dot_i8(codes.assumingMemoryBound(to: Int8.self), query.codes, query.sum, Int32(stride))
    }

    /// Scores `count` consecutive records against one query.
    @inline(__always)
    static func dot(rows codes: UnsafeRawPointer, count: Int, query: QuantizedQuery.Pointer, stride: Int, into scores: UnsafeMutablePointer<Int32>) {
        lectern_dot_i8_rows(codes.assumingMemoryBound(to: Int8.self), Int32(count), Int32(stride), query.codes, query.sum, scores)
    }

    /// Which kernel runs here, for benchmark reports.
    static var name: String {
        switch lectern_int8_kernel_level() {
        case 2: return "avx512-vnni"
        case 1: return "avx2"
        default: return "portable"
        }
    }
}

/// A float query folded into the int8 domain. With x_d ≈ offset_d + scale_d · q_d,
/// y·x = Σ y_d·offset_d + Σ (y_d·scale_d)·q_d; the first sum is the same for every record, so
/// the ranking only needs Σ w_d·q_d with w_d = y_d·scale_d, which is quantized symmetrically to
/// −127…127 (padded with zeros to the stride).
struct QuantizedQuery {
    let codes: [Int8]
    let sum: Int32

    init(_ vector: [Float], scales: UnsafeBufferPointer<Float>, stride: Int) {
        var folded = [Float](repeating: 0, count: stride)
        var largest: Float = 0
        for d in 0..<vector.count {
            folded[d] = vector[d] * scales[d]
            largest = max(largest, abs(folded[d]))
        }
        let factor = largest > 0 ? 127 / largest : 0
        codes = folded.map { Int8(max(-127, min(127, ($0 * factor).rounded()))) }
        sum = codes.reduce(0) { $0 + Int32($1) }
    }

    /// The query's codes where the kernel can read them, with their sum.
    struct Pointer {
        let codes: UnsafePointer<Int8>
        let sum: Int32
    }
}
