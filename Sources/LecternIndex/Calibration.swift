/// Per-dimension calibration: x ≈ offset[d] + scale[d] · (q + (f − 1.5) / 4), with an int8
/// code q in −127…127 that the scan reads and a 2-bit refinement f in 0…3 that only re-scoring
/// reads. MiniLM dimensions span very different ranges, so one global scale would leave most
/// of them a few of the 255 levels; each dimension uses its own minimum and maximum. The
/// refinement exists because near neighbours of real chunks are often within 1e-4 of each
/// other in cosine, finer than 8 bits can rank (recall@10 0.981 with q alone, 0.995 with f).
struct Calibration {
    var offsets: [Float]
    var scales: [Float]

    var dimension: Int { offsets.count }

    static func fit(_ vectors: [[Float]], dimension: Int) -> Calibration {
        var low = [Float](repeating: .infinity, count: dimension)
        var high = [Float](repeating: -.infinity, count: dimension)
        for vector in vectors {
            for d in 0..<dimension {
                low[d] = min(low[d], vector[d])
                high[d] = max(high[d], vector[d])
            }
        }
        var offsets = [Float](repeating: 0, count: dimension)
        var scales = [Float](repeating: 0, count: dimension)
        for d in 0..<dimension where low[d] <= high[d] {
            offsets[d] = low[d] / 2 + high[d] / 2
            scales[d] = (high[d] - low[d]) / 254
        }
        return Calibration(offsets: offsets, scales: scales)
    }

    /// Writes the int8 codes of `vector` to `codes` and its refinement codes, four to a byte
    /// from the low bits up, to `refinements`. A dimension with no spread is all zeros.
    func quantize(_ vector: [Float], codes: UnsafeMutablePointer<Int8>, refinements: UnsafeMutablePointer<UInt8>) {
        for d in 0..<dimension {
            let scale = scales[d]
            guard scale > 0 else { codes[d] = 0; continue }
            let exact = (vector[d] - offsets[d]) / scale
            let q = max(-127, min(127, exact.rounded()))
            codes[d] = Int8(q)
            let fine = max(0, min(3, ((exact - q + 0.5) * 4 - 0.5).rounded()))
            refinements[d / 4] |= UInt8(fine) << (2 * UInt8(d % 4))
        }
    }

    @inline(__always)
    static func value(offset: Float, scale: Float, code: Int8, refinement: UInt8) -> Float {
        offset + scale * (Float(code) + (Float(refinement) - 1.5) / 4)
    }
}
