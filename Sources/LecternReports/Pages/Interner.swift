/// Gives each distinct byte string (a course, model or user of a million proxy rows) a small
/// number, making a String only the first time a value is seen. Open addressing over FNV-1a.
struct Interner {
    private(set) var values: [String] = []
    private var bytes: [[UInt8]] = []
    private var slots = [Int32](repeating: -1, count: 1024)
    /// Id of the empty string and of NULL alike: both are "not recorded".
    static let missing: Int32 = -1

    mutating func id(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard !text.isEmpty else { return Self.missing }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if bytes[Int(id)].elementsEqual(text) { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
        let id = Int32(values.count)
        values.append(String(decoding: text, as: UTF8.self))
        bytes.append(Array(text))
        slots[slot] = id
        if values.count * 2 > slots.count { grow() }
        return id
    }

    func value(_ id: Int32) -> String? { id < 0 ? nil : values[Int(id)] }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (id, text) in bytes.enumerated() {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(id)
        }
    }
}
