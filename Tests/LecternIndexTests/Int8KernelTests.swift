import CInt8Kernels
import Testing

/// Every kernel the CPU has gives the exact integer dot product, extremes and tails included.
@Suite struct Int8KernelTests {
    @Test func everyKernelIsExact() {
        var random = SeededRandom(state: 99)
        for n in [16, 48, 64, 96, 384, 400, 1024] {
            for trial in 0..<50 {
                var codes = (0..<n).map { _ in Int8(truncatingIfNeeded: Int(random.next() % 256) - 128) }
                var query = (0..<n).map { _ in Int8(Int(random.next() % 255) - 127) }
                if trial == 0 { codes = Array(repeating: -128, count: n); query = Array(repeating: -127, count: n) }
                if trial == 1 { codes = Array(repeating: 127, count: n); query = Array(repeating: 127, count: n) }
                if trial == 2 { codes = Array(repeating: -128, count: n); query = Array(repeating: 127, count: n) }
                let expected = zip(codes, query).reduce(Int32(0)) { $0 + Int32($1.0) * Int32($1.1) }
                let sum = query.reduce(Int32(0)) { $0 + Int32($1) }
                for level in 0...2 {
                    let got = lectern_dot_i8_at_level(Int32(level), codes, query, sum, Int32(n))
                    #expect(got == expected, "level \(level), n \(n), trial \(trial)")
                }
            }
        }
        #expect((0...2).contains(lectern_int8_kernel_level()))
    }
}

extension Int8KernelTests {
    /// The block kernel scores every record of a block as the one-record kernel does.
    @Test func blocksOfRecordsScoreAsOneByOne() {
        var random = SeededRandom(state: 7)
        for (rows, stride) in [(1, 64), (3, 64), (4, 384), (37, 384), (256, 384), (5, 48)] {
            let codes = (0..<(rows * stride)).map { _ in Int8(truncatingIfNeeded: Int(random.next() % 256) - 128) }
            let query = (0..<stride).map { _ in Int8(Int(random.next() % 255) - 127) }
            let sum = query.reduce(Int32(0)) { $0 + Int32($1) }
            var scores = [Int32](repeating: 0, count: rows)
            lectern_dot_i8_rows(codes, Int32(rows), Int32(stride), query, sum, &scores)
            for r in 0..<rows {
                let expected = (0..<stride).reduce(Int32(0)) { $0 + Int32(codes[r * stride + $1]) * Int32(query[$1]) }
                #expect(scores[r] == expected, "rows \(rows), stride \(stride), record \(r)")
            }
        }
    }
}

import CMatrixKernels

extension Int8KernelTests {
    /// The AMX-INT8 tile kernel (where the CPU has it) gives the exact sums for every record and
    /// query: partial blocks of records, partial groups of queries, extremes.
    @Test(.enabled(if: lectern_amx_int8_available() == 1, "this CPU has no AMX-INT8"))
    func tileScoresAreExact() {
        var random = SeededRandom(state: 11)
        for (rows, count, stride) in [(1, 1, 64), (15, 3, 384), (16, 16, 384), (37, 17, 384), (256, 33, 384), (20, 5, 1024)] {
            var codes = (0..<(rows * stride)).map { _ in Int8(truncatingIfNeeded: Int(random.next() % 256) - 128) }
            var queries = (0..<(count * stride)).map { _ in Int8(Int(random.next() % 255) - 127) }
            if rows == 16 { codes = Array(repeating: -128, count: codes.count); queries = Array(repeating: -127, count: queries.count) }
            var packed = [Int8](repeating: 0, count: lectern_amx_i8_packed_count(Int32(count), Int32(stride)))
            lectern_amx_i8_pack_queries(queries, Int32(count), Int32(stride), &packed)
            var scores = [Int32](repeating: 0, count: rows * count)
            lectern_amx_i8_scores(codes, Int32(rows), Int32(stride), packed, Int32(count), &scores)
            for q in 0..<count {
                for r in 0..<rows {
                    let expected = (0..<stride).reduce(Int32(0)) { $0 + Int32(codes[r * stride + $1]) * Int32(queries[q * stride + $1]) }
                    #expect(scores[q * rows + r] == expected, "rows \(rows), queries \(count), stride \(stride): record \(r), query \(q)")
                }
            }
        }
    }
}
