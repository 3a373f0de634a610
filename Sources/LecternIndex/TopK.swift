/// The best `capacity` (score, index) pairs seen so far, in a binary heap whose root is the
/// worst kept. Higher scores are better; among equal scores the lower index is better, so
/// results do not depend on the order records are visited.
struct TopK<Score: Comparable> {
    let capacity: Int
    private var heap: [(score: Score, index: Int)] = []

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        heap.reserveCapacity(self.capacity)
    }

    var isFull: Bool { heap.count >= capacity }

    /// The score to beat once full.
    var worstScore: Score? { heap.first?.score }

    @inline(__always)
    private static func worse(_ a: (score: Score, index: Int), _ b: (score: Score, index: Int)) -> Bool {
        a.score < b.score || (a.score == b.score && a.index > b.index)
    }

    mutating func insert(_ score: Score, _ index: Int) {
        let item = (score: score, index: index)
        if heap.count < capacity {
            heap.append(item)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.worse(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        } else if capacity > 0, Self.worse(heap[0], item) {
            heap[0] = item
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, Self.worse(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, Self.worse(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }

    /// Best first.
    func sorted() -> [(score: Score, index: Int)] {
        heap.sorted { Self.worse($1, $0) }
    }
}
