/// A course and/or lesson filter resolved to dictionary ids, so testing a record is one or two
/// integer compares. A name the index does not contain matches nothing.
struct RecordFilter {
    let course: UInt32?
    let lesson: UInt32?
    let matchesNothing: Bool
    private let courseIDs: UnsafeBufferPointer<UInt32>
    private let lessonIDs: UnsafeBufferPointer<UInt32>

    init(course: String?, lesson: String?, facets: FacetsView) {
        let courseID = course.map { facets.courseLookup[$0] }
        let lessonID = lesson.map { facets.lessonLookup[$0] }
        matchesNothing = courseID == .some(nil) || lessonID == .some(nil)
        self.course = courseID ?? nil
        self.lesson = lessonID ?? nil
        courseIDs = facets.courseIDs
        lessonIDs = facets.lessonIDs
    }

    var isEverything: Bool { course == nil && lesson == nil && !matchesNothing }

    @inline(__always)
    func matches(_ record: Int) -> Bool {
        if let course, courseIDs[record] != course { return false }
        if let lesson, lessonIDs[record] != lesson { return false }
        return !matchesNothing
    }
}
