/// Groups distinct phrasings that mean the same. Phrasings are taken most asked first (ties by
/// text, so the result depends only on the input); each joins the closest existing group whose
/// centroid is at or above `threshold` cosine and one of whose first eight phrasings passes the
/// lexical check,
/// or starts a group of its own. One pass against group centroids keeps 100,000 phrasings linear
/// in the number of groups rather than quadratic in the phrasings.
public struct Grouper: Sendable {
    public var threshold: Float
    public var lexical: LexicalCheck

    public init(threshold: Float, lexical: LexicalCheck) {
        self.threshold = threshold
        self.lexical = lexical
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
        let d = input.dimension, n = input.texts.count
        let order = (0..<n).sorted {
            input.counts[$0] != input.counts[$1] ? input.counts[$0] > input.counts[$1] : input.texts[$0] < input.texts[$1]
        }
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
        var groups = members.map { list in
            Group(members: list, canonical: canonical(list, input), count: list.reduce(0) { $0 + input.counts[$1] })
        }
        groups.sort { a, b in
            a.count != b.count ? a.count > b.count : input.texts[a.canonical] < input.texts[b.canonical]
        }
        return groups
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
