/// The term dictionary (`terms`), the postings stream (`postings`) and document lengths
/// (`lengths`) of the BM25 index.
struct LexiconView {
    let termOffsets: UnsafeBufferPointer<UInt32>
    let postingOffsets: UnsafeBufferPointer<UInt32>
    let documentFrequency: UnsafeBufferPointer<UInt32>
    let termBytes: UnsafeBufferPointer<UInt8>
    let postings: UnsafeBufferPointer<UInt8>
    let lengths: UnsafeBufferPointer<UInt32>
    let averageLength: Float

    var termCount: Int { documentFrequency.count }

    init(terms: UnsafeRawBufferPointer, postings postingSection: UnsafeRawBufferPointer,
         lengths lengthSection: UnsafeRawBufferPointer, count: Int, path: String) throws(IndexError) {
        var slicer = SectionSlicer(terms, .terms, path: path)
        let termCount = Int(try slicer.u32())
        _ = try slicer.u32()
        let totalLength = try slicer.u64()
        termOffsets = try slicer.array(UInt32.self, count: termCount + 1)
        postingOffsets = try slicer.array(UInt32.self, count: termCount + 1)
        documentFrequency = try slicer.array(UInt32.self, count: termCount)
        termBytes = try slicer.bytes(count: Int(termOffsets[termCount]))
        try slicer.finish()

        var postingSlicer = SectionSlicer(postingSection, .postings, path: path)
        postings = try postingSlicer.bytes(count: postingSection.count)
        var lengthSlicer = SectionSlicer(lengthSection, .lengths, path: path)
        lengths = try lengthSlicer.array(UInt32.self, count: count)
        try lengthSlicer.finish()

        averageLength = count > 0 ? Float(Double(totalLength) / Double(count)) : 0
        guard termOffsets[0] == 0, postingOffsets[0] == 0, Int(postingOffsets[termCount]) == postings.count else {
            throw slicer.malformed("offsets do not start at 0 or do not cover the postings")
        }
        for t in 0..<termCount {
            guard termOffsets[t] < termOffsets[t + 1], postingOffsets[t] < postingOffsets[t + 1],
                  documentFrequency[t] >= 1, Int(documentFrequency[t]) <= count else {
                throw slicer.malformed("term \(t) has an empty or negative range or a bad document frequency")
            }
            if t > 0, !Self.precedes(term(t - 1), term(t)) {
                throw slicer.malformed("terms \(t - 1) and \(t) are not in byte order")
            }
        }
        guard lengths.reduce(UInt64(0), { $0 + UInt64($1) }) == totalLength else {
            throw lengthSlicer.malformed("document lengths do not add up to the total in 'terms'")
        }
    }

    func term(_ t: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: termBytes[Int(termOffsets[t])..<Int(termOffsets[t + 1])])
    }

    /// The dictionary position of `bytes`, by binary search.
    func find(_ bytes: [UInt8]) -> Int? {
        var low = 0, high = termCount
        while low < high {
            let middle = (low + high) / 2
            let stored = term(middle)
            if Self.precedes(stored, bytes) {
                low = middle + 1
            } else if Self.precedes(bytes, stored) {
                high = middle
            } else {
                return middle
            }
        }
        return nil
    }

    static func precedes<A: Sequence, B: Sequence>(_ a: A, _ b: B) -> Bool where A.Element == UInt8, B.Element == UInt8 {
        a.lexicographicallyPrecedes(b)
    }

    /// Calls `body(document, termFrequency)` for each posting of term `t`. Decoding stops at the
    /// end of the term's range and skips ids past the record count, so damage cannot read out
    /// of bounds.
    @inline(__always)
    func forEachPosting(of t: Int, count: Int, _ body: (Int, UInt32) -> Void) {
        guard let base = postings.baseAddress else { return }
        var offset = Int(postingOffsets[t])
        let end = Int(postingOffsets[t + 1])
        var document = -1
        while offset < end {
            guard let gap = VarInt.read(base, &offset, end: end),
                  let frequency = VarInt.read(base, &offset, end: end) else { return }
            document += Int(gap) + 1
            guard document < count else { return }
            body(document, frequency)
        }
    }
}
