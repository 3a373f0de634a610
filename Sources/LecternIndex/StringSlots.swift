/// (offset, length) references into the `strings` section, checked once at open so reading a
/// record never needs a bounds check.
struct StringSlots {
    /// Two UInt32 per slot: offset, length.
    let slots: UnsafeBufferPointer<UInt32>
    let strings: UnsafeBufferPointer<UInt8>

    var count: Int { slots.count / 2 }

    /// The index of the first slot that points outside `strings`, if any.
    func firstInvalid() -> Int? {
        let limit = UInt64(strings.count)
        for i in 0..<count where UInt64(slots[2 * i]) + UInt64(slots[2 * i + 1]) > limit {
            return i
        }
        return nil
    }

    func string(_ slot: Int) -> String {
        let start = Int(slots[2 * slot])
        return String(decoding: UnsafeBufferPointer(rebasing: strings[start..<(start + Int(slots[2 * slot + 1]))]),
                      as: UTF8.self)
    }
}
