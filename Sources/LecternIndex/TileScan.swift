import CMatrixKernels

/// The dense scan's integer scores for several queries at once on AMX-INT8 tiles (16 records ×
/// 16 queries per instruction), where the CPU has them: the same exact sums as `Int8Kernel`.
enum TileScan {
    /// `LECTERN_AMX=0` turns it off.
    static let available = lectern_amx_int8_available() == 1

    static func packedCount(queries: Int, stride: Int) -> Int {
        queries == 0 ? 0 : lectern_amx_i8_packed_count(Int32(queries), Int32(stride))
    }

    /// `queries`: `count` queries of `stride` codes each, one after another.
    static func pack(_ queries: [Int8], count: Int, stride: Int, into packed: inout [Int8]) {
        queries.withUnsafeBufferPointer { q in
            packed.withUnsafeMutableBufferPointer { lectern_amx_i8_pack_queries(q.baseAddress!, Int32(count), Int32(stride), $0.baseAddress!) }
        }
    }

    /// scores[q · rows + r] for the `rows` records at `codes`.
    static func scores(_ codes: UnsafeRawPointer, rows: Int, stride: Int, packed: [Int8], count: Int, into scores: inout [Int32]) {
        packed.withUnsafeBufferPointer { p in
            scores.withUnsafeMutableBufferPointer {
                lectern_amx_i8_scores(codes.assumingMemoryBound(to: Int8.self), Int32(rows), Int32(stride), p.baseAddress!,
                                      Int32(count), $0.baseAddress!)
            }
        }
    }
}
