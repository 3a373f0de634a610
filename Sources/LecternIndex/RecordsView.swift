/// Each record's string slots (chunkID, title, url, source, text, headings) from `records`.
struct RecordsView {
    let firstSlots: UnsafeBufferPointer<UInt32>
    let slots: StringSlots

    init(_ section: UnsafeRawBufferPointer, count: Int, strings: UnsafeBufferPointer<UInt8>,
         path: String) throws(IndexError) {
        var slicer = SectionSlicer(section, .records, path: path)
        let slotCount = Int(try slicer.u32())
        _ = try slicer.u32()
        firstSlots = try slicer.array(UInt32.self, count: count + 1)
        slots = StringSlots(slots: try slicer.array(UInt32.self, count: 2 * slotCount), strings: strings)
        try slicer.finish()
        guard firstSlots[0] == 0, Int(firstSlots[count]) == slotCount else {
            throw slicer.malformed("slot table does not cover \(slotCount) slots")
        }
        for i in 0..<count where Int(firstSlots[i + 1]) - Int(firstSlots[i]) < IndexFormat.fixedStringSlots {
            throw slicer.malformed("record \(i) has fewer than \(IndexFormat.fixedStringSlots) strings")
        }
        if let bad = slots.firstInvalid() {
            throw slicer.malformed("string slot \(bad) points outside the strings section")
        }
    }

    func strings(of record: Int) -> [String] {
        (Int(firstSlots[record])..<Int(firstSlots[record + 1])).map(slots.string)
    }
}
