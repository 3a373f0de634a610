/// Every grouping of the proxy calls the site shows, made in one pass over the calls (a million
/// of them in a real deployment): the total, by model, course, day, status code and lesson, and
/// the alert windows of the site's rule.
struct ProxyRollup {
    var total = ProxyGroup()
    var byModel: [Int32: ProxyGroup] = [:]
    var byCourse: [Int32: ProxyGroup] = [:]
    var byDay: [Int: ProxyGroup] = [:]
    var byCode: [Int32: ProxyGroup] = [:]
    /// Course id in the high 32 bits, lesson id in the low ones.
    var byLesson: [Int64: ProxyGroup] = [:]
    var alertWindows: [ProxyAlerts.Key: ProxyGroup] = [:]

    init(_ calls: ArraySlice<LogSnapshot.ProxyCall>, clock: ReportClock, window: Double) {
        // Interned names are small numbers from −1 (not recorded) up, so arrays stand in for dictionaries.
        var models = DenseGroups(), courses = DenseGroups()
        var days = SlotGroups<Int>(), codes = SlotGroups<Int32>(), lessons = SlotGroups<Int64>()
        var windows = SlotGroups<ProxyAlerts.Key>()
        for call in calls {
            total.add(call)
            models.add(call.model, call)
            courses.add(call.course, call)
            codes.add(call.statusCode, call)
            lessons.add(Int64(call.course) << 32 | Int64(UInt32(bitPattern: call.lesson)), call)
            if !call.time.isNaN {
                days.add(clock.day(call.time), call)
                windows.add(ProxyAlerts.Key(course: call.course, window: Int((call.time / window).rounded(.down))), call)
            }
        }
        byModel = models.dictionary
        byCourse = courses.dictionary
        byDay = days.dictionary
        byCode = codes.dictionary
        byLesson = lessons.dictionary
        alertWindows = windows.dictionary
    }

    /// The rollup of `calls` in parts on two threads, merged in order; `alongside` runs as one
    /// more job, the first (the chat usage, which needs no proxy call and takes longest).
    static func parallel<Other>(_ calls: [LogSnapshot.ProxyCall], clock: ReportClock, window: Double,
                                alongside other: () -> Other) -> (ProxyRollup, Other) {
        let parts = 4
        let size = (calls.count + parts - 1) / parts
        let outputs = TwoThreads.map(parts + 1) { n -> Any in
            if n == 0 { return other() }
            let low = min(calls.count, (n - 1) * size)
            return ProxyRollup(calls[low..<min(calls.count, low + size)], clock: clock, window: window)
        }
        // Job 0 is the other work; the parts follow in order.
        var rollup = outputs[1] as! ProxyRollup
        for part in outputs.dropFirst(2) { rollup.merge(part as! ProxyRollup) }
        return (rollup, outputs[0] as! Other)
    }

    /// Adds a rollup of later calls.
    mutating func merge(_ other: ProxyRollup) {
        func merge<Key>(_ ours: inout [Key: ProxyGroup], _ theirs: [Key: ProxyGroup]) {
            for (key, group) in theirs { ours[key, default: ProxyGroup()].merge(group) }
        }
        total.merge(other.total)
        merge(&byModel, other.byModel)
        merge(&byCourse, other.byCourse)
        merge(&byDay, other.byDay)
        merge(&byCode, other.byCode)
        merge(&byLesson, other.byLesson)
        merge(&alertWindows, other.alertWindows)
    }
}

/// Groups keyed by an interned id (−1 and up).
private struct DenseGroups {
    var groups: [ProxyGroup?] = []

    mutating func add(_ id: Int32, _ call: LogSnapshot.ProxyCall) {
        let slot = Int(id) + 1
        if slot >= groups.count { groups += Array(repeating: nil, count: slot + 1 - groups.count) }
        if groups[slot] == nil { groups[slot] = ProxyGroup() }
        groups[slot]!.add(call)
    }

    var dictionary: [Int32: ProxyGroup] {
        var result: [Int32: ProxyGroup] = [:]
        for (slot, group) in groups.enumerated() { if let group { result[Int32(slot - 1)] = group } }
        return result
    }
}

/// Groups keyed by anything hashable, kept in an array so a call updates its group in place.
private struct SlotGroups<Key: Hashable> {
    var slots: [Key: Int] = [:]
    var groups: [ProxyGroup] = []
    var keys: [Key] = []

    mutating func add(_ key: Key, _ call: LogSnapshot.ProxyCall) {
        let slot: Int
        if let known = slots[key] { slot = known } else {
            slot = groups.count
            slots[key] = slot
            groups.append(ProxyGroup())
            keys.append(key)
        }
        groups[slot].add(call)
    }

    var dictionary: [Key: ProxyGroup] {
        var result: [Key: ProxyGroup] = Dictionary(minimumCapacity: keys.count)
        for (key, group) in zip(keys, groups) { result[key] = group }
        return result
    }
}
