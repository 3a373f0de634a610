/// Average-linkage clustering cut at a threshold: two groups merge while the askings-weighted mean
/// similarity between their members is at or above it. Unlike joining the closest centroid in one
/// pass, the result does not depend on which phrasing came first, and a group is held together by
/// all its members rather than drifting with its centroid.
///
/// The nearest-neighbour chain finds the same merges as always joining the closest pair, in
/// O(n²) time on the n × n similarity matrix: average linkage never makes a merged group closer to
/// a third than the closer of its parts was.
enum AverageLinkage {
    /// `similarity` is n × n, row-major, symmetric (overwritten); clusters as lists of indices,
    /// each ascending, ordered by their first index. Ties go to the lower index, so the same
    /// input gives the same clusters.
    static func cluster(similarity s: inout [Float], weights: [Float], threshold: Float) -> [[Int]] {
        let n = weights.count
        var weight = weights
        var members = (0..<n).map { [$0] }
        // Open: may still merge. A group whose nearest is below the threshold never will (its
        // similarity to any later merge is a mean of ones below it) and is closed.
        var open = [Bool](repeating: true, count: n)
        var chain: [Int] = []
        var start = 0
        while true {
            // Every group below `start` is closed, and a merge keeps the lower index open, so
            // the first open group is at or after it.
            while start < n && !open[start] { start += 1 }
            guard start < n else { break }
            chain = [start]
            while let a = chain.last {
                let previous = chain.count >= 2 ? chain[chain.count - 2] : -1
                var best = -1
                var bestScore = -Float.infinity
                for b in 0..<n where b != a && open[b] {
                    let score = s[a * n + b]
                    // The previous link wins a tie, or the chain could cycle.
                    if score > bestScore || (score == bestScore && b == previous) { best = b; bestScore = score }
                }
                if best < 0 || bestScore < threshold {
                    open[a] = false
                    chain.removeLast()
                    continue
                }
                if best == previous {
                    chain.removeLast(2)
                    let (keep, gone) = a < best ? (a, best) : (best, a)
                    let wk = weight[keep], wg = weight[gone]
                    for k in 0..<n where open[k] && k != keep && k != gone {
                        let merged = (wk * s[keep * n + k] + wg * s[gone * n + k]) / (wk + wg)
                        s[keep * n + k] = merged
                        s[k * n + keep] = merged
                    }
                    weight[keep] = wk + wg
                    members[keep] += members[gone]
                    members[gone] = []
                    open[gone] = false
                } else {
                    chain.append(best)
                }
            }
        }
        return members.filter { !$0.isEmpty }.map { $0.sorted() }
    }
}
