/// The second stage of dense search: the cosine between the float query and a candidate's
/// de-quantized vector (int8 code plus 2-bit refinement), eight dimensions at a time. Hybrid
/// queries re-score 1,000 candidates, where a scalar loop alone cost about a millisecond.
struct Rescorer {
    /// Query, offsets and scales padded with zeros to the vector stride (a multiple of 16), so
    /// padding dimensions de-quantize to 0 and add nothing.
    private let query: [Float]
    private let offsets: [Float]
    private let scales: [Float]
    private let queryNorm: Float
    private let stride: Int

    init(query vector: [Float], offsets: [Float], scales: [Float], stride: Int) {
        var padded = vector
        padded.append(contentsOf: repeatElement(0, count: stride - vector.count))
        query = padded
        self.offsets = offsets
        self.scales = scales
        self.stride = stride
        queryNorm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// Pads the per-dimension calibration once per reader.
    static func padded(_ values: UnsafeBufferPointer<Float>, stride: Int) -> [Float] {
        Array(values) + repeatElement(0, count: stride - values.count)
    }

    /// Divided by the stored vector's own norm: rounding changes lengths as well as directions,
    /// and the originals were unit length.
    func cosine(codes: UnsafePointer<Int8>, refinements: UnsafePointer<UInt8>) -> Float {
        let shifts = SIMD8<UInt16>(0, 2, 4, 6, 8, 10, 12, 14)
        var dot = SIMD8<Float>(), norm = SIMD8<Float>()
        let codeBytes = UnsafeRawPointer(codes), fineBytes = UnsafeRawPointer(refinements)
        query.withUnsafeBytes { y in
            offsets.withUnsafeBytes { o in
                scales.withUnsafeBytes { s in
                    var d = 0
                    while d < stride {
                        let code = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded:
                            codeBytes.loadUnaligned(fromByteOffset: d, as: SIMD8<Int8>.self)))
                        let fineBits = SIMD8<UInt16>(repeating: fineBytes.loadUnaligned(fromByteOffset: d / 4, as: UInt16.self))
                        let fine = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: (fineBits &>> shifts) & 3))
                        let x = o.loadUnaligned(fromByteOffset: d * 4, as: SIMD8<Float>.self)
                            + s.loadUnaligned(fromByteOffset: d * 4, as: SIMD8<Float>.self)
                            * (code + (fine - 1.5) * 0.25)
                        dot += y.loadUnaligned(fromByteOffset: d * 4, as: SIMD8<Float>.self) * x
                        norm += x * x
                        d += 8
                    }
                }
            }
        }
        let denominator = norm.sum().squareRoot() * queryNorm
        return denominator > 0 ? dot.sum() / denominator : 0
    }
}
