/// Groups distinct phrasings that mean the same. In a lesson of up to `matrixLimit` phrasings
/// (nearly all: a lesson's questions rarely reach 2,000 distinct phrasings), every pair is scored
/// by its cosine less the lexical penalty and the pairs are clustered by average linkage cut at
/// `threshold`. A larger lesson would need an n × n matrix, so it takes one greedy pass instead:
/// phrasings most asked first (ties by text), each joins the closest group whose centroid is at or
/// above `threshold` and one of whose first eight phrasings passes the lexical check, linear in
/// the number of groups.
///
/// Both compare the phrasings centred on the lesson: every question in a lesson shares its
/// subject ("list", "join"), which lifts every cosine alike and hides what tells two questions
/// apart. The lesson's mean phrasing vector is taken away before comparing, shrunk toward none in
/// a lesson of few phrasings (their mean is mostly their own differences; two phrasings centred
/// fully point opposite ways), and the threshold moves with it, from `uncenteredThreshold` for
/// cosines left as they were to `threshold` for fully centred ones.
public struct Grouper: Sendable {
    /// The cut on centred similarity.
    public var threshold: Float
    /// The cut where nothing is centred (a lesson of one or two phrasings, nearly).
    public var uncenteredThreshold: Float = 0.50
    /// A lesson of n phrasings takes away n / (n + centeringPrior) of its mean.
    public var centeringPrior: Float = 5
    public var lexical: LexicalCheck
    public var penalty: LexicalPenalty
    /// 2,500 phrasings: a 25 MB matrix and about a second of work.
    public var matrixLimit = 2_500

    public init(threshold: Float, lexical: LexicalCheck, penalty: LexicalPenalty = LexicalPenalty()) {
        self.threshold = threshold
        self.lexical = lexical
        self.penalty = penalty
    }

    public struct Input: Sendable {
        public var texts: [String]
        /// How often each phrasing was asked.
        public var counts: [Int]
        /// `texts.count × dimension` unit vectors, row-major.
        public var vectors: [Float]
        public var dimension: Int
        public var contentWords: [[String]]

        public init(texts: [String], counts: [Int], vectors: [Float], dimension: Int, contentWords: [[String]]) {
            self.texts = texts
            self.counts = counts
            self.vectors = vectors
            self.dimension = dimension
            self.contentWords = contentWords
        }
    }

    public struct Group: Sendable, Equatable {
        /// Indices into the input, most asked first.
        public var members: [Int]
        /// The member with the highest count-weighted mean cosine to the others.
        public var canonical: Int
        public var count: Int
    }

    public func group(_ input: Input) -> [Group] {
        let n = input.texts.count
        let share = Float(n) / (Float(n) + centeringPrior)
        var input = input
        input.vectors = Self.centered(input.vectors, dimension: input.dimension, share: share)
        var grouper = self
        grouper.threshold = share * threshold + (1 - share) * uncenteredThreshold
        return grouper.groupCentered(input)
    }

    /// Unit vectors less `share` of their mean, made unit length again.
    static func centered(_ vectors: [Float], dimension d: Int, share: Float) -> [Float] {
        let n = vectors.count / max(1, d)
        guard n > 1, share > 0 else { return vectors }
        var mean = [Float](repeating: 0, count: d)
        for i in 0..<n { for k in 0..<d { mean[k] += vectors[i * d + k] } }
        for k in 0..<d { mean[k] *= share / Float(n) }
        var out = vectors
        for i in 0..<n {
            var norm: Float = 0
            for k in 0..<d {
                out[i * d + k] -= mean[k]
                norm += out[i * d + k] * out[i * d + k]
            }
            // A phrasing that is the mean itself (all phrasings alike) has no direction left.
            let scale: Float = norm > 1e-12 ? 1 / norm.squareRoot() : 0
            for k in 0..<d { out[i * d + k] *= scale }
        }
        return out
    }

    func groupCentered(_ input: Input) -> [Group] {
        let n = input.texts.count
        let order = (0..<n).sorted {
            input.counts[$0] != input.counts[$1] ? input.counts[$0] > input.counts[$1] : input.texts[$0] < input.texts[$1]
        }
        let members = n <= matrixLimit ? linked(input, order: order) : greedy(input, order: order)
        var groups = members.map { list in
            Group(members: list, canonical: canonical(list, input), count: list.reduce(0) { $0 + input.counts[$1] })
        }
        groups.sort { a, b in
            a.count != b.count ? a.count > b.count : input.texts[a.canonical] < input.texts[b.canonical]
        }
        return groups
    }

    /// Average linkage over cosine less lexical penalty; members most asked first.
    func linked(_ input: Input, order: [Int]) -> [[Int]] {
        let d = input.dimension, n = order.count
        var similarity = [Float](repeating: 0, count: n * n)
        input.vectors.withUnsafeBufferPointer { all in
            let words = LexicalPenalty.Lesson(contentWords: input.contentWords, vectors: all, dimension: d,
                                              wordVectors: lexical.wordVectors, weights: penalty)
            for a in 0..<n {
                let i = order[a]
                let v = UnsafeBufferPointer(rebasing: all[(i * d)..<((i + 1) * d)])
                for b in (a + 1)..<max(a + 1, n) {
                    let j = order[b]
                    var s = VectorDot.dot(v, UnsafeBufferPointer(rebasing: all[(j * d)..<((j + 1) * d)]))
                    // Below the threshold a pair is no link anyway; the penalty only decides close pairs.
                    if s >= threshold { s -= penalty.penalty(i, j, in: words) }
                    similarity[a * n + b] = s
                    similarity[b * n + a] = s
                }
            }
        }
        let clusters = AverageLinkage.cluster(similarity: &similarity, weights: order.map { Float(input.counts[$0]) }, threshold: threshold)
        return clusters.map { $0.map { order[$0] } }
    }

    /// The pass for lessons too large for a matrix.
    func greedy(_ input: Input, order: [Int]) -> [[Int]] {
        let d = input.dimension
        var members: [[Int]] = []
        var sums: [[Float]] = []
        var centroids: [Float] = []   // groups × d, unit length
        input.vectors.withUnsafeBufferPointer { all in
            for i in order {
                let v = UnsafeBufferPointer(rebasing: all[(i * d)..<((i + 1) * d)])
                var candidates: [(score: Float, group: Int)] = []
                centroids.withUnsafeBufferPointer { c in
                    for g in 0..<members.count {
                        let s = VectorDot.dot(v, UnsafeBufferPointer(rebasing: c[(g * d)..<((g + 1) * d)]))
                        if s >= threshold { candidates.append((s, g)) }
                    }
                }
                candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.group < $1.group }
                let chosen = candidates.first { c in members[c.group].prefix(8).contains { !lexical.conflicts(input.contentWords[i], input.contentWords[$0]) } }?.group
                let weight = Float(input.counts[i])
                if let g = chosen {
                    members[g].append(i)
                    for k in 0..<d { sums[g][k] += weight * v[k] }
                    let norm = sums[g].reduce(0) { $0 + $1 * $1 }.squareRoot()
                    for k in 0..<d { centroids[g * d + k] = sums[g][k] / norm }
                } else {
                    members.append([i])
                    sums.append(v.map { $0 * weight })
                    centroids.append(contentsOf: v)
                }
            }
        }
        return members
    }

    /// The most central phrasing: highest mean cosine to the group's askings (a phrasing asked
    /// often counts often), then the most asked, then the first by text.
    func canonical(_ list: [Int], _ input: Input) -> Int {
        guard list.count > 1 else { return list[0] }
        let d = input.dimension
        // Large groups: centrality against the 200 most asked members is the same ranking in practice.
        let reference = Array(list.prefix(200))
        var best = list[0]
        var bestScore = -Float.infinity
        input.vectors.withUnsafeBufferPointer { all in
            for i in list.prefix(200) {
                let v = UnsafeBufferPointer(rebasing: all[(i * d)..<((i + 1) * d)])
                var total: Float = 0, weight: Float = 0
                for j in reference where j != i {
                    let w = Float(input.counts[j])
                    total += w * VectorDot.dot(v, UnsafeBufferPointer(rebasing: all[(j * d)..<((j + 1) * d)]))
                    weight += w
                }
                // Its own repeats agree with it fully.
                let own = Float(input.counts[i] - 1)
                let score = (total + own) / max(1, weight + own)
                let better = score > bestScore + 1e-6
                    || (abs(score - bestScore) <= 1e-6 && (input.counts[i] > input.counts[best]
                        || (input.counts[i] == input.counts[best] && input.texts[i] < input.texts[best])))
                if better { best = i; bestScore = score }
            }
        }
        return best
    }
}
