import Foundation

/// Reads Frappe datetimes into UTC Unix seconds.
///
/// Accepted: `YYYY-MM-DD HH:MM[:SS[.ffffff]]` (or with `T`), optionally followed by `Z` or an
/// offset `±HH:MM` / `±HHMM`, and a bare `YYYY-MM-DD` (midnight). Values without an offset are
/// naive wall-clock times in `timeZone` (Frappe writes the site's time zone).
///
/// Wall-clock times that do not exist or exist twice around a DST change are resolved as
/// Python's zoneinfo does with `fold=0`, so a row is never lost to a clock change:
/// - in a gap (spring forward, e.g. 02:30 on 2026-03-29 in Europe/Stockholm) the offset in force
///   *before* the change is used: 02:30 +01:00 = 01:30 UTC (which the zone shows as 03:30);
/// - in an overlap (fall back) the first occurrence is used (the earlier UTC instant).
///
/// A class, not Sendable: it caches the zone's offset per 15 minutes of wall-clock time (zone
/// transitions fall on quarter hours), since asking Foundation for every value tripled the time
/// of a non-UTC import. One importer uses it from one thread.
public final class LogDateTime {
    public let timeZone: TimeZone
    private let isUTC: Bool
    private var offsets: [Int: Int] = [:]

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        self.isUTC = timeZone.secondsFromGMT() == 0 && timeZone.nextDaylightSavingTimeTransition == nil
    }

    /// UTC seconds, or nil when `text` is not a datetime in an accepted form.
    public func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// UTC seconds of a datetime given as UTF-8 bytes (surrounding spaces ignored), or nil.
    /// Works on the bytes where they are: the importer calls it for several fields of a row.
    public func parse(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var lower = 0, upper = text.count
        while lower < upper, text[lower] == 0x20 { lower += 1 }
        while upper > lower, text[upper - 1] == 0x20 { upper -= 1 }
        let b = UnsafeBufferPointer(rebasing: text[lower..<upper])
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= b.count else { return nil }
            var value = 0
            for k in i..<(i + digits) {
                guard (0x30...0x39).contains(b[k]) else { return nil }
                value = value * 10 + Int(b[k] - 0x30)
            }
            i += digits
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2) else { return nil }
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        if i < b.count {
            guard b[i] == 0x20 || b[i] == 0x54 else { return nil }   // ' ' or 'T'
            i += 1
            guard let h = number(2), expect(0x3A), let m = number(2) else { return nil }
            hour = h; minute = m
            if expect(0x3A) {
                guard let s = number(2) else { return nil }
                second = s
                if expect(0x2E) {
                    var scale = 0.1
                    let start = i
                    while i < b.count, (0x30...0x39).contains(b[i]) { fraction += Double(b[i] - 0x30) * scale; scale /= 10; i += 1 }
                    guard i > start else { return nil }
                }
            }
            guard hour < 24, minute < 60, second < 60 else { return nil }
        }
        var offset: Int?
        if i < b.count {
            if b[i] == 0x5A { offset = 0; i += 1 }   // 'Z'
            else if b[i] == 0x2B || b[i] == 0x2D {
                let sign = b[i] == 0x2D ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = expect(0x3A)
                guard let om = number(2), oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            }
            guard i == b.count else { return nil }
        }
        let wall = Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        let utc = offset.map { wall - $0 } ?? resolve(wall: wall)
        return Double(utc) + fraction
    }

    /// The UTC instant of a naive wall-clock time (seconds as if it were UTC) in `timeZone`.
    private func resolve(wall: Int) -> Int {
        if isUTC { return wall }
        let bucket = wall >= 0 ? wall / 900 : (wall - 899) / 900
        if let offset = offsets[bucket] { return wall - offset }
        let offset = bucket * 900 - resolveUncached(wall: bucket * 900)
        if offsets.count > 100_000 { offsets.removeAll(keepingCapacity: true) }
        offsets[bucket] = offset
        return wall - offset
    }

    private func resolveUncached(wall: Int) -> Int {
        // A day on either side of a wall time holds at most one transition.
        let before = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall - 86_400)))
        let after = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(wall + 86_400)))
        if before == after { return wall - before }
        let early = wall - before, late = wall - after
        let earlyValid = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(early))) == before
        let lateValid = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(late))) == after
        if earlyValid && lateValid { return min(early, late) }   // overlap: first occurrence
        if lateValid { return late }
        return early                                               // valid before the change, or a gap
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
