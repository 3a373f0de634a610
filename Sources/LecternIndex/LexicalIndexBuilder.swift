/// Builds the inverted index one document at a time (document ids are the order of `add`).
/// Each term's postings are encoded as they arrive, so no per-posting arrays are kept.
struct LexicalIndexBuilder {
    private var termIDs: [[UInt8]: Int] = [:]
    private var terms: [[UInt8]] = []
    private var postings: [[UInt8]] = []
    private var lastDocument: [Int] = []
    private var documentFrequency: [UInt32] = []
    private(set) var lengths: [UInt32] = []
    private(set) var totalLength: UInt64 = 0
    private var documentTerms: [Int] = []

    /// The lexical document of a record: its title, heading path and text, so a query naming a
    /// section heading finds the chunks under it.
    static func document(of record: IndexRecord) -> [String] {
        [record.title] + record.headingPath + [record.text]
    }

    mutating func add(_ fields: [String]) {
        let document = lengths.count
        documentTerms.removeAll(keepingCapacity: true)
        for field in fields {
            LexicalTokenizer.forEachTerm(in: field) { term in
                if let id = termIDs[term] {
                    documentTerms.append(id)
                } else {
                    let id = terms.count
                    termIDs[term] = id
                    terms.append(term)
                    postings.append([])
                    lastDocument.append(-1)
                    documentFrequency.append(0)
                    documentTerms.append(id)
                }
            }
        }
        lengths.append(UInt32(clamping: documentTerms.count))
        totalLength += UInt64(documentTerms.count)
        documentTerms.sort()
        var i = 0
        while i < documentTerms.count {
            let term = documentTerms[i]
            var j = i + 1
            while j < documentTerms.count, documentTerms[j] == term { j += 1 }
            // Gap minus one: consecutive documents cost a zero byte.
            VarInt.append(UInt32(document - lastDocument[term] - 1), to: &postings[term])
            VarInt.append(UInt32(j - i), to: &postings[term])
            lastDocument[term] = document
            documentFrequency[term] += 1
            i = j
        }
    }

    /// The `terms` and `postings` sections, terms in byte order so the reader can binary-search.
    func encode(path: String) throws(IndexError) -> (terms: ByteBuffer, postings: ByteBuffer) {
        let order = terms.indices.sorted { terms[$0].lexicographicallyPrecedes(terms[$1]) }
        var termBytes = 0
        var postingBytes = 0
        for id in order {
            termBytes += terms[id].count
            postingBytes += postings[id].count
        }
        guard termBytes <= Int(UInt32.max), postingBytes <= Int(UInt32.max) else {
            throw .file(path, "the lexical index would exceed 4 GiB (\(termBytes) term bytes, \(postingBytes) posting bytes)")
        }
        var dictionary = ByteBuffer()
        dictionary.reserve(16 + 12 * (terms.count + 1) + termBytes)
        dictionary.append(UInt32(terms.count))
        dictionary.append(UInt32(0))
        dictionary.append(totalLength)
        var offset: UInt32 = 0
        dictionary.append(offset)
        for id in order {
            offset += UInt32(terms[id].count)
            dictionary.append(offset)
        }
        offset = 0
        dictionary.append(offset)
        for id in order {
            offset += UInt32(postings[id].count)
            dictionary.append(offset)
        }
        for id in order { dictionary.append(documentFrequency[id]) }
        for id in order { dictionary.append(bytes: terms[id]) }

        var stream = ByteBuffer()
        stream.reserve(postingBytes)
        for id in order { stream.append(bytes: postings[id]) }
        return (dictionary, stream)
    }
}
