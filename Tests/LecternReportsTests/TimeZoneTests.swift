import Foundation
import Testing
import LecternReports
import LecternStore

struct TimeZoneTests {
    let stockholm = LogDateTime(timeZone: TimeZone(identifier: "Europe/Stockholm")!)
    let utc = LogDateTime(timeZone: TimeZone(identifier: "UTC")!)

    /// UTC seconds of a UTC wall-clock time, computed by Foundation (an independent path).
    func utcSeconds(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))!.timeIntervalSince1970
    }

    @Test func naiveTimesAreReadInTheGivenZone() {
        #expect(stockholm.parse("2026-01-15 12:00:00") == utcSeconds(2026, 1, 15, 11, 0))      // CET, +01:00
        #expect(stockholm.parse("2026-07-01 12:00:00") == utcSeconds(2026, 7, 1, 10, 0))       // CEST, +02:00
        #expect(stockholm.parse("2026-03-29 01:59:59") == utcSeconds(2026, 3, 29, 0, 59, 59))  // just before the gap
        #expect(stockholm.parse("2026-03-29 03:00:00") == utcSeconds(2026, 3, 29, 1, 0))       // just after it
        #expect(utc.parse("2026-07-01 12:00:00.5") == utcSeconds(2026, 7, 1, 12, 0) + 0.5)
        #expect(utc.parse("2026-07-01") == utcSeconds(2026, 7, 1, 0, 0))
    }

    /// 02:30 on 2026-03-29 does not exist in Stockholm (clocks jump 02:00 → 03:00). It is read
    /// with the offset before the jump (+01:00), like Python's zoneinfo with fold=0: 01:30 UTC.
    @Test func aTimeInTheSpringGapUsesTheOffsetBeforeIt() {
        #expect(stockholm.parse("2026-03-29 02:30:00") == utcSeconds(2026, 3, 29, 1, 30))
    }

    /// 02:30 on 2026-10-25 happens twice in Stockholm; the first (CEST, +02:00) is taken.
    @Test func aRepeatedAutumnTimeIsTheFirstOccurrence() {
        #expect(stockholm.parse("2026-10-25 02:30:00") == utcSeconds(2026, 10, 25, 0, 30))
        #expect(stockholm.parse("2026-10-25 03:30:00") == utcSeconds(2026, 10, 25, 2, 30))
    }

    @Test func explicitOffsetsWinOverTheZone() {
        #expect(stockholm.parse("2026-01-15T12:00:00Z") == utcSeconds(2026, 1, 15, 12, 0))
        #expect(stockholm.parse("2026-01-15T12:00:00+05:30") == utcSeconds(2026, 1, 15, 6, 30))
        #expect(stockholm.parse("2026-01-15T12:00:00.250-0200") == utcSeconds(2026, 1, 15, 14, 0) + 0.25)
    }

    @Test(arguments: ["", "2026-13-01", "2026-01-01 25:00:00", "2026-01-01 10:00:00 +1", "01/02/2026", "2026-01-01 10:00:00.",
                      "2026-01-01X10:00", "2026-01-01 10:00:00Zjunk"])
    func badDatetimesAreRefused(_ text: String) {
        #expect(utc.parse(text) == nil)
    }

    @Test func importUsesTheTimeZoneOption() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("AI Proxy Log.csv", "ID,Time,Created On\nT1,2026-01-15 12:00:00,2026-03-29 02:30:00\n")
        try fixture.importFile(path, zone: "Europe/Stockholm")
        #expect(try fixture.rows("SELECT time, creation FROM ai_proxy_log")
                == [["\(utcSeconds(2026, 1, 15, 11, 0))", "\(utcSeconds(2026, 3, 29, 1, 30))"]])
    }
}
