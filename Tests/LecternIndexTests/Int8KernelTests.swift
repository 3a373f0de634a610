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
