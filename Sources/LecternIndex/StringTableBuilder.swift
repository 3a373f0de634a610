/// The `strings` section: UTF-8 bytes, each distinct string stored once. Titles, URLs, sources
/// and heading paths repeat for every chunk of a lesson, so sharing them keeps the file small.
/// Keys are byte arrays, not `String`, because Swift string equality is canonical equivalence
/// and would merge an NFC and an NFD spelling that must round-trip byte for byte.
struct StringTableBuilder {
    private(set) var bytes = ByteBuffer()
    private var known: [[UInt8]: (offset: UInt32, length: UInt32)] = [:]
    private let path: String

    init(path: String) {
        self.path = path
    }

    /// Where `string` is in the section (offset, length), adding it if new.
    mutating func intern(_ string: String) throws(IndexError) -> (offset: UInt32, length: UInt32) {
        let utf8 = Array(string.utf8)
        if let found = known[utf8] { return found }
        guard bytes.count + utf8.count <= Int(UInt32.max) else {
            throw .file(path, "the chunk texts and metadata exceed 4 GiB, the most one index file holds")
        }
        let ref = (offset: UInt32(bytes.count), length: UInt32(utf8.count))
        bytes.append(bytes: utf8)
        known[utf8] = ref
        return ref
    }
}
