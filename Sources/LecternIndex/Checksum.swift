/// FNV-1a 64 run over little-endian 64-bit words in four interleaved lanes ("FNV-1a-64x4").
/// Byte-at-a-time FNV-1a manages about 1 GB/s, which would cost a large index a tenth of a
/// second at every start of the query binary; four independent multiply chains run at memory
/// speed. Every step is a bijection of the lane, so any change confined to one word is always
/// detected.
enum Checksum {
    static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func fnv1a64x4(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h0 = basis, h1 = basis ^ 1, h2 = basis ^ 2, h3 = basis ^ 3
        let count = bytes.count
        var offset = 0
        if let p = bytes.baseAddress {
            while offset + 32 <= count {
                h0 = (h0 ^ p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
                h1 = (h1 ^ p.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* prime
                h2 = (h2 ^ p.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)) &* prime
                h3 = (h3 ^ p.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)) &* prime
                offset += 32
            }
            while offset < count {
                h0 = (h0 ^ UInt64(p.load(fromByteOffset: offset, as: UInt8.self))) &* prime
                offset += 1
            }
        }
        var h = basis ^ UInt64(count)
        for lane in [h0, h1, h2, h3] {
            h = (h ^ lane) &* prime
            h ^= h >> 29
        }
        return h
    }

    static func fnv1a64x4(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { fnv1a64x4($0) }
    }
}
