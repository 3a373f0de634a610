import Foundation
import Testing
import LecternReports
import LecternStore

/// Values that only survive an importer that works on bytes with care.
struct ByteLevelImportTests {
    @Test func nulInAValueSurvives() throws {
        let fixture = try ImportFixture()
        // JSON escapes it; a CSV cell may hold the byte itself.
        try fixture.importFile(try fixture.write("AI Chat Message.jsonl", #"{"name":"M1","role":"user","content":"a\u0000b"}"# + "\n"))
        try fixture.importFile(try fixture.writeBytes("AI Proxy Log.csv", Array("ID,Error Message\nP1,x".utf8) + [0, UInt8(ascii: "y"), 0x0A]))
        #expect(try fixture.rows("SELECT hex(content), length(CAST(content AS BLOB)) FROM ai_chat_message") == [["610062", "3"]])
        #expect(try fixture.rows("SELECT hex(error_message) FROM ai_proxy_log") == [["780079"]])
    }

    @Test func invalidUTF8IsStoredWithReplacementCharacters() throws {
        let fixture = try ImportFixture()
        let json = Array(#"{"name":"M1","role":"user","content":"caf"#.utf8) + [0xE9] + Array(#" ok","note":"x"#.utf8) + [0xFF]
            + Array(#""}"#.utf8) + [0x0A]
        let summary = try fixture.importFile(try fixture.writeBytes("AI Chat Message.jsonl", json))
        #expect((summary.upserted, summary.rejected) == (1, 0))
        #expect(try fixture.rows("SELECT content, extra_json FROM ai_chat_message") == [["caf\u{FFFD} ok", "{\"note\":\"x\u{FFFD}\"}"]])
        let csv = Array("ID,Model\nP1,gpt".utf8) + [0xC3] + Array("\n".utf8)
        try fixture.importFile(try fixture.writeBytes("AI Proxy Log.csv", csv))
        #expect(try fixture.rows("SELECT model FROM ai_proxy_log") == [["gpt\u{FFFD}"]])
    }

    @Test func escapesAndSurrogatePairsAreDecoded() throws {
        let fixture = try ImportFixture()
        try fixture.importFile(try fixture.write("AI Chat Message.jsonl",
                                                 #"{"name":"M1","role":"assistant","content":"\ud83d\ude00 \"hi\"\n\u00e9\/","mood":"\ud83d\ude00"}"# + "\n"))
        #expect(try fixture.rows("SELECT content, extra_json FROM ai_chat_message") == [["😀 \"hi\"\né/", #"{"mood":"😀"}"#]])
    }

    @Test func aOneMegabyteValueImports() throws {
        let fixture = try ImportFixture()
        let content = String(repeating: "Long answer with \"quotes\" and lines.\n", count: 28_000)   // ~1 MB
        let line = #"{"name":"M1","role":"assistant","content":"# + JSONEscaped(content) + "}\n"
        try fixture.importFile(try fixture.write("AI Chat Message.jsonl", line))
        try fixture.importFile(try fixture.write("AI Proxy Log.csv", "ID,Error Message\nP1,\"" + content.replacingOccurrences(of: "\"", with: "\"\"") + "\"\n"))
        #expect(content.utf8.count > 1_000_000)
        #expect(try fixture.rows("SELECT length(content) = \(content.count), content = error_message FROM ai_chat_message, ai_proxy_log") == [["1", "1"]])
    }

    @Test func aTruncatedFileReportsItsLineAndImportsNothing() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("AI Proxy Log.json", "{\"data\": [\n  {\"name\": \"a\"},\n  {\"name\": \"b\"},\n  {\"name\": \"c")
        let summary = try fixture.importFile(path)
        #expect(summary.failure == "\(path):4: not valid JSON")
        #expect(try fixture.count("ai_proxy_log") == 0)
        #expect(try fixture.rows("SELECT line, reason FROM rejects") == [["4", "not valid JSON"]])
    }

    @Test func jsonLinesInADotJSONFileAreReadAsLines() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("AI Proxy Log.json", "{\"name\":\"a\"}\n{\"name\":\"b\",\"status\":\"ok\"}\n{\"name\":\"c\"}\n")
        let summary = try fixture.importFile(path)
        #expect((summary.read, summary.upserted, summary.rejected) == (3, 2, 1))
        #expect(summary.rejectMessages == ["\(path):2: status: not one of success|error (ok)"])
    }

    /// `text` as the inside of a JSON string literal, quotes included.
    private func JSONEscaped(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
