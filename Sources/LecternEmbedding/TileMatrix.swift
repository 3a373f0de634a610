import CMatrixKernels

/// A weight matrix packed for the AMX tile kernel (`CMatrixKernels`): each float split into two
/// bfloat16 parts, laid out tile by tile. Built once per model load where the CPU has AMX.
final class TileMatrix: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<UInt16>
    let rows: Int
    let columns: Int

    /// Whether this CPU and kernel run the tile kernel (`LECTERN_AMX=0` turns it off).
    static let available = lectern_amx_available() == 1

    /// nil when the shape is not one the kernel takes (multiples of 32 both ways).
    init?(_ matrix: AlignedFloats, rows: Int, columns: Int) {
        guard rows % 32 == 0, columns % 32 == 0, rows * columns == matrix.count else { return nil }
        self.rows = rows
        self.columns = columns
        let count = lectern_amx_packed_count(Int32(rows), Int32(columns))
        pointer = UnsafeMutableRawPointer.allocate(byteCount: count * 2, alignment: 64).bindMemory(to: UInt16.self, capacity: count)
        lectern_amx_pack(matrix.pointer, Int32(rows), Int32(columns), pointer)
    }

    deinit {
        UnsafeMutableRawPointer(pointer).deallocate()
    }

    /// out[m × columns] += input[m × rows] · self; `scratch` holds `scratchCount(m:)` elements.
    func multiply(_ input: UnsafePointer<Float>, m: Int, into out: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<UInt16>) {
        lectern_amx_multiply(input, Int32(m), Int32(rows), pointer, Int32(columns), out, Int32(columns), scratch)
    }

    static func scratchCount(m: Int, width: Int) -> Int {
        lectern_amx_scratch_count(Int32(m), Int32(width))
    }
}

/// One encoder layer's four weight matrices, packed for tiles.
struct LayerTiles: Sendable {
    let qkv: TileMatrix
    let attentionOutput: TileMatrix
    let intermediate: TileMatrix
    let output: TileMatrix

    init?(_ layer: EncoderLayerWeights, config: MiniLMConfig) {
        let h = config.hidden, inner = config.intermediate
        guard let qkv = TileMatrix(layer.qkv, rows: h, columns: 3 * h),
              let attentionOutput = TileMatrix(layer.attentionOutput, rows: h, columns: h),
              let intermediate = TileMatrix(layer.intermediate, rows: h, columns: inner),
              let output = TileMatrix(layer.output, rows: inner, columns: h) else { return nil }
        self.qkv = qkv; self.attentionOutput = attentionOutput; self.intermediate = intermediate; self.output = output
    }
}
