import Testing
import LecternReports

/// The site's percentiles come from RadixSort (large groups) and from a count (does a window's
/// p95 reach the alert bound?); both checked here against the standard library's sort.
struct RadixSortTests {
    @Test(arguments: [0, 1, 2, 257, 1_000, 70_000])
    func sortsLikeTheStandardLibrary(count: Int) {
        var random = SystemRandomNumberGenerator()
        // Ties, zeros of both signs, negatives, tiny and huge values, infinities: what a bit trick could get wrong.
        let specials: [Double] = [0, -0.0, -1, 1, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                  .greatestFiniteMagnitude, 351.2, 351.2, 30_000]
        var values = (0..<count).map { i -> Double in
            switch i % 4 {
            case 0: return specials[Int.random(in: 0..<specials.count, using: &random)]
            case 1: return Double(Int.random(in: 0...40_000, using: &random)) / 10
            case 2: return Double.random(in: -1e6...1e6, using: &random)
            default: return Double(Int.random(in: 0...3, using: &random))
            }
        }
        let expected = values.sorted()
        RadixSort.sort(&values)
        // Bit patterns, so -0.0 and 0.0 are told apart: they may come in either order, so compare as values too.
        #expect(values.map { $0 == 0 ? 0 : $0 } == expected.map { $0 == 0 ? 0 : $0 })
    }

    @Test func p95ReachesExactlyWhenTheSortedValueDoes() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let n = Int.random(in: 1...60, using: &random)
            let values = (0..<n).map { _ in Double(Int.random(in: 0...20, using: &random)) * 100 }
            let bound = Double(Int.random(in: 0...21, using: &random)) * 100 - (Bool.random(using: &random) ? 50 : 0)
            let sorted = values.sorted()
            let p95 = sorted[Int((0.95 * Double(n - 1)).rounded(.toNearestOrEven))]
            #expect(LatencySummary.p95(of: values, reaches: bound) == (p95 >= bound), "\(values) \(bound)")
            #expect(LatencySummary(values).p95 == p95)
        }
    }
}
