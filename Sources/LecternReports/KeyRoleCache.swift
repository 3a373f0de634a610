/// The roles of one DocType's keys, looked up by the keys' bytes. A JSON export repeats the same
/// dozen keys in every record; the String work of `DocTypeSchema.role(ofKey:)` (lower-casing,
/// label rules) then runs once per distinct key instead of once per field of every row.
struct KeyRoleCache {
    let schema: DocTypeSchema
    /// Open addressing: an index into `entries`, or -1 for a free slot.
    private var slots = [Int32](repeating: -1, count: 64)
    private var entries: [(hash: UInt64, start: Int, count: Int, role: KeyRole)] = []
    private var keys: [UInt8] = []
    /// A file with ever new keys (a key per record) must not grow the cache without bound.
    private static let capacity = 4096

    init(schema: DocTypeSchema) {
        self.schema = schema
    }

    mutating func role(of key: UnsafeBufferPointer<UInt8>) -> KeyRole {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let entry = entries[Int(slots[slot])]
            if entry.hash == hash, entry.count == key.count, sameBytes(key, at: entry.start) { return entry.role }
            slot = (slot + 1) & mask
        }
        let role = schema.role(ofKey: String(decoding: key, as: UTF8.self))
        guard entries.count < Self.capacity else { return role }
        slots[slot] = Int32(entries.count)
        entries.append((hash, keys.count, key.count, role))
        keys.append(contentsOf: key)
        if entries.count * 2 > slots.count { grow() }
        return role
    }

    private func sameBytes(_ key: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        for k in 0..<key.count where keys[start + k] != key[k] { return false }
        return true
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// FNV-1a.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
