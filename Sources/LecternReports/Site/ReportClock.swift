import Foundation

/// Turns UTC seconds into the reports' days and display times in one time zone (UTC unless the
/// admin asks for the site's zone), and into ISO 8601 UTC text for the JSON files.
/// A class, not Sendable: it caches the zone's offset per 15 minutes, as LogDateTime does.
public final class ReportClock {
    public let timeZone: TimeZone
    private let fixedOffset: Int?
    private var offsets: [Int: Int] = [:]

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        self.fixedOffset = timeZone.nextDaylightSavingTimeTransition == nil ? timeZone.secondsFromGMT() : nil
    }

    public var zoneName: String { timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier }

    func offset(at seconds: Double) -> Int {
        if let fixedOffset { return fixedOffset }
        let quarter = Int((seconds / 900).rounded(.down))
        if let cached = offsets[quarter] { return cached }
        let value = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(quarter * 900)))
        offsets[quarter] = value
        return value
    }

    /// The day number (days since 1970-01-01) of an instant in the clock's zone.
    public func day(_ seconds: Double) -> Int {
        Int(((seconds + Double(offset(at: seconds))) / 86_400).rounded(.down))
    }

    /// "YYYY-MM-DD" of a day number.
    public static func dayText(_ day: Int) -> String {
        let (y, m, d) = civil(day)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// "YYYY-MM-DD HH:MM:SS" in the clock's zone, for pages.
    public func display(_ seconds: Double) -> String {
        let local = seconds + Double(offset(at: seconds))
        let whole = Int(local.rounded(.down))
        let day = Int((Double(whole) / 86_400).rounded(.down))
        let inDay = whole - day * 86_400
        return "\(Self.dayText(day)) \(Self.pad(inDay / 3600, 2)):\(Self.pad(inDay / 60 % 60, 2)):\(Self.pad(inDay % 60, 2))"
    }

    /// ISO 8601 in UTC with microseconds when the instant has a fraction ("2026-11-17T16:42:40.999241Z").
    public static func iso(_ seconds: Double) -> String {
        let micros = Int((seconds * 1_000_000).rounded())
        let whole = Int((Double(micros) / 1_000_000).rounded(.down))
        let fraction = micros - whole * 1_000_000
        let day = Int((Double(whole) / 86_400).rounded(.down))
        let inDay = whole - day * 86_400
        let time = "\(pad(inDay / 3600, 2)):\(pad(inDay / 60 % 60, 2)):\(pad(inDay % 60, 2))"
        return "\(dayText(day))T\(time)" + (fraction == 0 ? "" : "." + pad(fraction, 6)) + "Z"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Civil date of a day number (Howard Hinnant's days-to-civil algorithm, proleptic Gregorian).
    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
