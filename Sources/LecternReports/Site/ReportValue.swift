/// One figure or cell of a report. The same value gives the page's text (formatted, or "not
/// recorded") and the JSON beside the page (the raw number, or null), so the two never disagree.
public enum ReportValue {
    case text(String?)
    case count(Int?)
    /// A measured number with its unit; nil when nothing was recorded.
    case number(Double?, Unit)
    /// UTC seconds.
    case time(Double?)
    /// A text with a link to another page of the site (a relative path).
    case link(String?, href: String)

    public enum Unit: Sendable {
        case milliseconds, percent, cost, tokens, seconds, plain
    }

    public static let notRecorded = "not recorded"

    /// The value for the JSON file: Int, Double, String or NSNull-equivalent nil.
    var json: Any? {
        switch self {
        case .text(let s), .link(let s, _): return s
        case .count(let n): return n
        case .number(let x, _): return x
        case .time(let t): return t.map(ReportClock.iso)
        }
    }

    func display(_ clock: ReportClock) -> String {
        switch self {
        case .text(let s), .link(let s, _):
            guard let s else { return Self.notRecorded }
            return s.isEmpty ? "—" : DisplayText.clean(s)
        case .count(let n): return n.map(\.formatted) ?? Self.notRecorded
        case .number(let x, let unit):
            guard let x else { return Self.notRecorded }
            return Self.format(x, unit)
        case .time(let t): return t.map(clock.display) ?? Self.notRecorded
        }
    }

    /// What the table script sorts by: numbers as numbers, times as ISO text, the rest as text.
    var sortKey: String {
        switch self {
        case .text(let s), .link(let s, _): return DisplayText.clean(s ?? "", limit: 80).lowercased()
        case .count(let n): return n.map(String.init) ?? ""
        case .number(let x, _): return x.map { "\($0)" } ?? ""
        case .time(let t): return t.map(ReportClock.iso) ?? ""
        }
    }

    var isNumeric: Bool {
        switch self {
        case .count, .number: return true
        default: return false
        }
    }

    var isMissing: Bool { json == nil }

    static func format(_ x: Double, _ unit: Unit) -> String {
        switch unit {
        case .milliseconds: return (x >= 100 ? Int(x.rounded()).formatted : decimal(x, 1)) + " ms"
        case .percent: return decimal(x, 1) + " %"
        case .seconds: return decimal(x, x >= 10 ? 1 : 2) + " s"
        case .cost: return decimal(x, x >= 1 ? 2 : 6)
        case .tokens: return Int(x.rounded()).formatted
        case .plain: return x == x.rounded() && abs(x) < 1e15 ? Int(x).formatted : decimal(x, 2)
        }
    }

    /// A window length as people write it: 300 → "5m", 90 → "90s", 3600 → "1h".
    static func duration(_ seconds: Double) -> String {
        for (unit, size) in [("d", 86_400.0), ("h", 3600), ("m", 60)] where seconds >= size && (seconds / size).rounded() == seconds / size {
            return "\(Int(seconds / size))\(unit)"
        }
        return decimal(seconds, seconds.rounded() == seconds ? 0 : 1, grouped: false) + "s"
    }

    /// Fixed decimals without Foundation's locale-dependent formatting.
    static func decimal(_ x: Double, _ places: Int, grouped: Bool = true) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e15 else { return "\(x)" }
        let whole = Int(scaled) / Int(scale)
        let fraction = Int(scaled) % Int(scale)
        let sign = x < 0 && scaled > 0 ? "-" : ""
        let wholeText = grouped ? whole.formatted : String(whole)
        guard places > 0 else { return sign + wholeText }
        let digits = String(fraction)
        return sign + wholeText + "." + String(repeating: "0", count: places - digits.count) + digits
    }
}
