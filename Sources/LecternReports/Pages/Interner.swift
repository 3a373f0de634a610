import Foundation

/// Gives each distinct byte string (a course, model or user of a million proxy rows) a small
/// number, making a String only the first time a value is seen. Open addressing.
struct Interner {
    private(set) var values: [String] = []
    private var bytes: [[UInt8]] = []
    private var slots = [Int32](repeating: -1, count: 1024)
    /// Id of the empty string and of NULL alike: both are "not recorded".
    static let missing: Int32 = -1

    mutating func id(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard !text.isEmpty else { return Self.missing }
        var slot = Int(truncatingIfNeeded: Self.hash(text)) & (slots.count - 1)
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if Self.equal(bytes[Int(id)], text) { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
        let id = Int32(values.count)
        values.append(String(decoding: text, as: UTF8.self))
        bytes.append(Array(text))
        slots[slot] = id
        if values.count * 2 > slots.count { grow() }
        return id
    }

    /// Eight bytes a step, multiply and fold (byte-at-a-time FNV-1a was most of the lookups' time).
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(text)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(text.count)
        var i = 0
        func mix(_ word: UInt64) {
            let m = (h ^ word).multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
            h = m.high ^ m.low
        }
        while i + 8 <= raw.count { mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)); i += 8 }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < raw.count { tail |= UInt64(raw[i]) << shift; shift += 8; i += 1 }
        mix(tail)
        return h ^ (h >> 29)
    }

    /// memcmp: the generic `elementsEqual` was a tenth of reading a million rows.
    private static func equal(_ known: [UInt8], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        known.count == text.count && known.withUnsafeBufferPointer { memcmp($0.baseAddress!, text.baseAddress!, text.count) == 0 }
    }

    func value(_ id: Int32) -> String? { id < 0 ? nil : values[Int(id)] }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (id, text) in bytes.enumerated() {
            var slot = text.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0)) } & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(id)
        }
    }
}
