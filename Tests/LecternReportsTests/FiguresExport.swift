import Foundation

/// The export formats `lectern import` reads, each written by hand here (not by JSONSerialization)
/// so that the text is exactly what a Frappe export looks like.
enum FiguresFormat: String, CaseIterable, Sendable {
    case csvLabels, restList, bareArray, jsonLines

    var fileExtension: String {
        switch self {
        case .csvLabels: return "csv"
        case .restList, .bareArray: return "json"
        case .jsonLines: return "jsonl"
        }
    }
}

/// A cell of an exported record.
enum FigCell {
    case text(String?)
    case int(Int?)
    case real(Double?)
    case time(Micros?)

    var isNull: Bool {
        switch self {
        case .text(let v): return v == nil
        case .int(let v): return v == nil
        case .real(let v): return v == nil
        case .time(let v): return v == nil
        }
    }

    /// The value as CSV text (empty for null) or JSON text.
    var plain: String {
        switch self {
        case .text(let v): return v ?? ""
        case .int(let v): return v.map { String($0) } ?? ""
        case .real(let v): return v.map(FigCell.number) ?? ""
        case .time(let v): return v.map(FiguresTime.naive) ?? ""
        }
    }

    var json: String {
        if isNull { return "null" }
        switch self {
        case .int, .real: return plain
        default: return FigCell.quoted(plain)
        }
    }

    /// Integral values as integers ("812"), others in Swift's shortest round-trip form.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}

/// A DocType's records as (fieldname, CSV label, cell) triples.
struct FigTable {
    var doctype: String
    var columns: [(field: String, label: String)]
    var rows: [[FigCell]]

    func text(_ format: FiguresFormat) -> String {
        switch format {
        case .csvLabels:
            func csv(_ s: String) -> String {
                s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            }
            let lines = [columns.map { csv($0.label) }.joined(separator: ",")]
                + rows.map { $0.map { csv($0.plain) }.joined(separator: ",") }
            return lines.joined(separator: "\r\n") + "\r\n"
        case .restList: return "{\"data\": [\n" + objects.joined(separator: ",\n") + "\n]}\n"
        case .bareArray: return "[" + objects.joined(separator: ",") + "]"
        case .jsonLines: return objects.joined(separator: "\n") + "\n"
        }
    }

    /// Frappe leaves an unset field out or writes null; every other record omits its nulls.
    var objects: [String] {
        rows.enumerated().map { n, row in
            let pairs = zip(columns, row).compactMap { column, cell -> String? in
                cell.isNull && n % 2 == 0 ? nil : FigCell.quoted(column.field) + ": " + cell.json
            }
            return "{" + pairs.joined(separator: ", ") + "}"
        }
    }

    func write(_ format: FiguresFormat, into folder: String) throws -> String {
        let path = folder + "/" + doctype + "." + format.fileExtension
        try Data(text(format).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

extension FiguresLogs {
    var tables: [FigTable] {
        let standard = [("name", "ID"), ("creation", "Created On"), ("modified", "Last Updated On"), ("owner", "Owner")]
        func std(_ name: String, _ creation: Micros?) -> [FigCell] {
            [.text(name), .time(creation), .time(creation), .text("admin@example.com")]
        }
        let proxyTable = FigTable(doctype: "AI Proxy Log", columns: standard + [
            ("time", "Time"), ("user", "User"), ("course", "Course"), ("lesson", "Lesson"), ("model", "Model"),
            ("status", "Status"), ("latency_ms", "Latency (ms)"), ("status_code", "Status Code"), ("error_message", "Error Message"),
            ("prompt_tokens", "Prompt Tokens"), ("completion_tokens", "Completion Tokens"), ("cost", "Cost"),
        ], rows: (proxy + rejected).map { p in
            std(p.name, p.creation) + [.time(p.time), .text(p.user), .text(p.course), .text(p.lesson), .text(p.model),
                                       .text(p.status), .real(p.latency), .int(p.statusCode), .text(p.errorMessage),
                                       .int(p.promptTokens), .int(p.completionTokens), .real(p.cost)]
        })
        let sessionTable = FigTable(doctype: "AI Chat Session", columns: standard + [
            ("user", "User"), ("course", "Course"), ("lesson", "Lesson"), ("started_at", "Started At"), ("ended_at", "Ended At"),
            ("token_usage_prompt", "Token Usage Prompt"), ("token_usage_completion", "Token Usage Completion"),
            ("cost_estimate", "Cost Estimate"),
        ], rows: sessions.map { s in
            std(s.name, s.creation) + [.text(s.user), .text(s.course), .text(s.lesson), .time(s.startedAt), .time(s.endedAt),
                                       .int(s.promptTokens), .int(s.completionTokens), .real(s.cost)]
        })
        let messageTable = FigTable(doctype: "AI Chat Message", columns: standard + [
            ("session", "Session"), ("role", "Role"), ("content", "Content"),
        ], rows: messages.map { m in std(m.name, m.creation) + [.text(m.session), .text(m.role), .text(m.content)] })
        let guardrailTable = FigTable(doctype: "AI Guardrail Event", columns: standard + [
            ("time", "Time"), ("user", "User"), ("course", "Course"), ("lesson", "Lesson"), ("source", "Source"),
            ("event_type", "Event Type"), ("snippet", "Snippet"),
        ], rows: guardrails.map { g in
            std(g.name, g.creation) + [.time(g.time), .text(g.user), .text(g.course), .text(g.lesson), .text(g.source),
                                       .text(g.eventType), .text(g.snippet)]
        })
        return [proxyTable, sessionTable, messageTable, guardrailTable]
    }
}

/// Microsecond times as Frappe writes them and as the report JSON does, computed with
/// Foundation's Gregorian calendar (not the project's own date code).
enum FiguresTime {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    static func parts(_ t: Micros) -> (date: String, time: String, micros: Int64) {
        let whole = t >= 0 ? t / 1_000_000 : (t - 999_999) / 1_000_000
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(whole)))
        func p(_ v: Int?, _ w: Int) -> String { String(format: "%0\(w)d", v!) }
        return (p(c.year, 4) + "-" + p(c.month, 2) + "-" + p(c.day, 2), p(c.hour, 2) + ":" + p(c.minute, 2) + ":" + p(c.second, 2),
                t - whole * 1_000_000)
    }

    /// "2026-03-01 10:00:00.123456" (always six digits, as Frappe does).
    static func naive(_ t: Micros) -> String {
        let (d, h, u) = parts(t)
        return d + " " + h + "." + String(format: "%06lld", u)
    }

    /// ISO 8601 UTC, with microseconds only when there is a fraction.
    static func iso(_ t: Micros) -> String {
        let (d, h, u) = parts(t)
        return d + "T" + h + (u == 0 ? "" : "." + String(format: "%06lld", u)) + "Z"
    }

    /// "YYYY-MM-DD" of a UTC day number.
    static func dayText(_ day: Int64) -> String { parts(day * 86_400_000_000).date }

    static func day(_ t: Micros) -> Int64 { t >= 0 ? t / 86_400_000_000 : (t - 86_399_999_999) / 86_400_000_000 }
}
