import LecternFAQ

/// Purity, inverse purity and top-k agreement of a grouping against hand labels, counted over
/// askings (a phrasing asked five times weighs five). Standard definitions, written out here so
/// the test states exactly what it measures.
struct ClusterMetrics {
    /// `cluster[i]` and `label[i]` of asking i.
    let clusters: [Int]
    let labels: [String]

    /// Σ over clusters of its largest label share, over all askings.
    var purity: Double {
        var byCluster: [Int: [String: Int]] = [:]
        for (c, l) in zip(clusters, labels) { byCluster[c, default: [:]][l, default: 0] += 1 }
        return Double(byCluster.values.reduce(0) { $0 + $1.values.max()! }) / Double(labels.count)
    }

    /// Σ over labels of its largest share in one cluster, over all askings.
    var inversePurity: Double {
        var byLabel: [String: [Int: Int]] = [:]
        for (c, l) in zip(clusters, labels) { byLabel[l, default: [:]][c, default: 0] += 1 }
        return Double(byLabel.values.reduce(0) { $0 + $1.values.max()! }) / Double(labels.count)
    }

    /// How many of the k most asked labels are the majority label of one of the k largest clusters.
    func topAgreement(_ k: Int) -> Int {
        var labelCounts: [String: Int] = [:], clusterCounts: [Int: Int] = [:]
        var byCluster: [Int: [String: Int]] = [:]
        for (c, l) in zip(clusters, labels) {
            labelCounts[l, default: 0] += 1
            clusterCounts[c, default: 0] += 1
            byCluster[c, default: [:]][l, default: 0] += 1
        }
        let topLabels = Set(labelCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(k).map(\.key))
        let topClusters = clusterCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(k).map(\.key)
        let majority = Set(topClusters.map { c in byCluster[c]!.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key })
        return topLabels.intersection(majority).count
    }
}

extension ClusterMetrics {
    /// The metrics of one lesson's grouping over its labelled askings: an asking's cluster is
    /// the group its phrasing (by its exact-repeat key) fell into.
    init(_ grouping: LessonGrouping, askings: [(text: String, label: String)]) {
        var groupOf: [String: Int] = [:]
        for (g, group) in grouping.groups.enumerated() {
            for m in group.members { groupOf[TextNormalizer.key(grouping.phrasings[m].text)] = g }
        }
        self.init(clusters: askings.map { groupOf[TextNormalizer.key($0.text)]! }, labels: askings.map(\.label))
    }

    /// Prints the three figures under `name`, then every group's phrasings (to read a failure).
    func report(_ name: String, _ grouping: LessonGrouping) {
        print("FAQ \(name): \(grouping.groups.count) groups, purity \(purity), inverse purity \(inversePurity), top-10 \(topAgreement(10))/10")
        for group in grouping.groups {
            print("  [\(group.count)] " + group.members.map { grouping.phrasings[$0].text }.joined(separator: " | "))
        }
    }
}
