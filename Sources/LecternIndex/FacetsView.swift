/// Course and lesson dictionaries and the per-record ids from the `facets` section.
struct FacetsView {
    let courseNames: [String]
    let lessonNames: [String]
    let courseIDs: UnsafeBufferPointer<UInt32>
    let lessonIDs: UnsafeBufferPointer<UInt32>
    let courseLookup: [String: UInt32]
    let lessonLookup: [String: UInt32]

    init(_ section: UnsafeRawBufferPointer, count: Int, strings: UnsafeBufferPointer<UInt8>,
         path: String) throws(IndexError) {
        var slicer = SectionSlicer(section, .facets, path: path)
        let courseCount = Int(try slicer.u32())
        let lessonCount = Int(try slicer.u32())
        let names = StringSlots(slots: try slicer.array(UInt32.self, count: 2 * (courseCount + lessonCount)),
                                strings: strings)
        courseIDs = try slicer.array(UInt32.self, count: count)
        lessonIDs = try slicer.array(UInt32.self, count: count)
        try slicer.finish()
        if let bad = names.firstInvalid() {
            throw slicer.malformed("name \(bad) points outside the strings section")
        }
        courseNames = (0..<courseCount).map(names.string)
        lessonNames = (courseCount..<(courseCount + lessonCount)).map(names.string)
        guard courseIDs.allSatisfy({ Int($0) < courseCount }), lessonIDs.allSatisfy({ Int($0) < lessonCount }) else {
            throw slicer.malformed("a record's course or lesson id is outside its dictionary")
        }
        // First id wins if two stored names are canonically equal strings.
        courseLookup = Dictionary(courseNames.enumerated().map { ($1, UInt32($0)) }, uniquingKeysWith: { a, _ in a })
        lessonLookup = Dictionary(lessonNames.enumerated().map { ($1, UInt32($0)) }, uniquingKeysWith: { a, _ in a })
    }
}
