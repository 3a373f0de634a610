import Foundation
import Testing
import LecternReports
import LecternStore

struct ValidationTests {
    /// Each bad row with the reason it must give; the valid rows around them must all arrive.
    static let cases: [(doctype: String, row: String, reason: String)] = [
        ("AI Proxy Log", #"{"name":"b1","latency_ms":"slow"}"#, "latency_ms: not a number (slow)"),
        ("AI Proxy Log", #"{"name":"b2","latency_ms":-5}"#, "latency_ms: negative (-5)"),
        ("AI Proxy Log", #"{"name":"b3","status":"ok"}"#, "status: not one of success|error (ok)"),
        ("AI Proxy Log", #"{"name":"b4","status_code":"abc"}"#, "status_code: not an integer (abc)"),
        ("AI Proxy Log", #"{"name":"b5","time":"yesterday"}"#, "time: not a datetime (yesterday)"),
        ("AI Proxy Log", #"{"name":"b6","time":"2026-02-30 10:00:00"}"#, "time: not a datetime (2026-02-30 10:00:00)"),
        ("AI Proxy Log", #"{"status":"success"}"#, "missing name"),
        ("AI Proxy Log", #"{"name":"","status":"success"}"#, "missing name"),
        ("AI Chat Message", #"{"name":"b7","role":"bot"}"#, "role: not one of system|user|assistant (bot)"),
        ("AI Guardrail Event", #"{"name":"b8","event_type":"Spam"}"#, "event_type: not one of Injection|Sensitive (Spam)"),
        ("AI External Source", #"{"name":"b9","allowed":"yes"}"#, "allowed: not 0/1/true/false (yes)"),
        ("AI External Source", #"{"name":"b9b","allowed":2}"#, "allowed: not 0/1/true/false (2)"),
        ("AI Chat Session", #"{"name":"b10","token_usage_prompt":-1}"#, "token_usage_prompt: negative (-1)"),
        ("AI Chat Session", #"{"name":"b11","cost_estimate":-0.01}"#, "cost_estimate: negative (-0.01)"),
        ("AI Chat Session", #"{"name":"b12","token_usage_completion":1.5}"#, "token_usage_completion: not an integer (1.5)"),
    ]

    @Test(arguments: 0..<cases.count)
    func badRowIsRejectedWithFileLineAndReason(_ index: Int) throws {
        let c = Self.cases[index]
        let fixture = try ImportFixture()
        let good1 = #"{"name":"g1","status":"success","role":"user","event_type":"Sensitive","allowed":0}"#
        let good2 = #"{"name":"g2","status":"error","role":"assistant","event_type":"Injection","allowed":"true"}"#
        let path = try fixture.write("\(c.doctype).jsonl", [good1, c.row, "", good2].joined(separator: "\n") + "\n")
        let summary = try fixture.importFile(path)
        #expect((summary.read, summary.upserted, summary.rejected) == (3, 2, 1))
        #expect(summary.rejectMessages == ["\(path):2: \(c.reason)"])
        let table = c.doctype.lowercased().replacingOccurrences(of: " ", with: "_")
        #expect(try fixture.rows("SELECT name FROM \(table) ORDER BY name") == [["g1"], ["g2"]])
        #expect(try fixture.rows("SELECT file, line, record, doctype, reason, raw FROM rejects")
                == [[path, "2", "2", c.doctype, c.reason, c.row]])
    }

    @Test func rejectsInAJSONArrayNameTheirLineAndRecord() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("AI Proxy Log.json", #"{"data":[{"name":"a"},{"name":"b","latency_ms":-1},"text"]}"#)
        let summary = try fixture.importFile(path)
        #expect(summary.rejectMessages == ["\(path):1: latency_ms: negative (-1)", "\(path):1: not a JSON object"])
        #expect(try fixture.rows("SELECT line, record, raw FROM rejects ORDER BY id")
                == [["1", "2", #"{"name":"b","latency_ms":-1}"#], ["1", "3", #""text""#]])
    }

    @Test func rejectsInAPrettyPrintedArrayAreOnTheirLines() throws {
        let fixture = try ImportFixture()
        let text = "[\n {\n  \"name\": \"a\"\n },\n {\n  \"name\": \"b\",\n  \"status\": \"ok\"\n },\n 42\n]\n"
        let path = try fixture.write("AI Proxy Log.json", text)
        let summary = try fixture.importFile(path)
        #expect((summary.read, summary.upserted, summary.rejected) == (3, 1, 2))
        #expect(summary.rejectMessages == ["\(path):5: status: not one of success|error (ok)", "\(path):9: not a JSON object"])
    }

    @Test func csvRowWithWrongColumnCountIsRejected() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("AI Proxy Log.csv", "ID,Status\nok1,success\nshort\nok2,error\n")
        let summary = try fixture.importFile(path)
        #expect((summary.upserted, summary.rejected) == (2, 1))
        #expect(summary.rejectMessages == ["\(path):3: 1 fields, the header has 2"])
    }

    @Test func rawTextIsCutAt4KB() throws {
        let fixture = try ImportFixture()
        let long = String(repeating: "é", count: 5000)
        let path = try fixture.write("AI Proxy Log.jsonl", #"{"name":"x","status":"maybe","note":"\#(long)"}"# + "\n")
        try fixture.importFile(path)
        let raw = try fixture.rows("SELECT raw FROM rejects")[0][0]
        #expect(raw.utf8.count <= 4096 && raw.utf8.count > 4000)
        #expect(raw.hasPrefix(#"{"name":"x""#))
    }

    @Test func brokenFilesAreReportedAndTheOthersImport() throws {
        let fixture = try ImportFixture()
        let broken = try fixture.write("a AI Proxy Log.json", "{\"data\": [\n{\"name\": \"x\"},\n{\"name\": \n]}")
        let brokenCSV = try fixture.write("b.csv", "ID,Status\nok,success\n\"never closed,error\n")
        try fixture.write("c AI Proxy Log.jsonl", "not json at all\n")
        try fixture.write("AI Proxy Log.json", ProxyRows.json(ProxyRows.objects()))
        let summaries = try fixture.importer(doctype: "AI Proxy Log").importFiles([fixture.directory + "/in"])
        #expect(summaries.count == 4)
        #expect(summaries.map(\.failure) == [
            nil, "\(broken):4: not valid JSON", "\(brokenCSV):3: quoted field opened on line 3 is never closed",
            "\(fixture.directory)/in/c AI Proxy Log.jsonl:1: not valid JSON",
        ])
        #expect(summaries[0].upserted == 3)
        #expect(try fixture.count("ai_proxy_log") == 3)
        #expect(try fixture.rows("SELECT line, reason FROM rejects ORDER BY id")
                == [["4", "not valid JSON"], ["3", "quoted field opened on line 3 is never closed"], ["1", "not valid JSON"]])
        #expect(try fixture.count("imports") == 4)
    }
}
