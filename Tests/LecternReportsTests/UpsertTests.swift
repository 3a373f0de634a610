import Foundation
import Testing
import LecternReports
import LecternStore

struct UpsertTests {
    @Test func importingTheSameExportTwiceChangesNothing() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("AI Proxy Log.json", ProxyRows.json(["data": ProxyRows.objects()]))
        let first = try fixture.importFile(path)
        let before = try fixture.rows(ProxyRows.select)
        let second = try fixture.importFile(path)
        #expect((first.upserted, first.unchanged) == (3, 0))
        #expect((second.read, second.upserted, second.unchanged, second.rejected) == (3, 0, 3, 0))
        #expect(try fixture.rows(ProxyRows.select) == before)
        #expect(try fixture.rows("SELECT rows_read, rows_upserted, rows_unchanged, rows_rejected FROM imports ORDER BY id")
                == [["3", "3", "0", "0"], ["3", "0", "3", "0"]])
    }

    @Test func newerModifiedReplacesAndOlderIsIgnored() throws {
        let fixture = try ImportFixture()
        func row(_ modified: String, _ latency: Int) -> String {
            ProxyRows.json(["name": "PL-1", "modified": modified, "status": "success", "latency_ms": latency]) + "\n"
        }
        try fixture.importFile(try fixture.write("AI Proxy Log.jsonl", row("2026-03-01 10:00:00", 100)))
        let newer = try fixture.importFile(try fixture.write("AI Proxy Log.jsonl", row("2026-03-01 10:00:01", 200)))
        #expect((newer.upserted, newer.unchanged) == (1, 0))
        let older = try fixture.importFile(try fixture.write("AI Proxy Log.jsonl", row("2026-02-01 10:00:00", 300)))
        #expect((older.upserted, older.unchanged) == (0, 1))
        #expect(try fixture.rows("SELECT name, latency_ms FROM ai_proxy_log") == [["PL-1", "200.0"]])
    }

    @Test func unknownFieldsAreKeptInExtraJSON() throws {
        let fixture = try ImportFixture()
        let json = ProxyRows.json([["name": "R1", "status": "success", "prompt_tokens": 120, "completion_tokens": 30,
                                    "cost": 0.0042, "provider": "openai", "cached": true, "meta": ["region": "eu"]]])
        try fixture.importFile(try fixture.write("AI Proxy Log.json", json))
        // CSV labels land under the fieldnames a JSON export uses; empty cells are not recorded.
        let csv = "ID,Status,Prompt Tokens,Provider\nR2,error,77,\"anthropic, eu\"\nR3,success,,\n"
        try fixture.importFile(try fixture.write("AI Proxy Log.csv", csv))
        #expect(try fixture.rows("SELECT name, extra_json FROM ai_proxy_log ORDER BY name") == [
            ["R1", #"{"cached":true,"completion_tokens":30,"cost":0.0042,"meta":{"region":"eu"},"prompt_tokens":120,"provider":"openai"}"#],
            ["R2", #"{"prompt_tokens":"77","provider":"anthropic, eu"}"#],
            ["R3", "{}"],
        ])
    }

    @Test func nullsStayNull() throws {
        let fixture = try ImportFixture()
        let json = ProxyRows.json(["data": [["name": "S1", "user": "ann", "started_at": "2026-03-01 10:00:00", "ended_at": NSNull(),
                                             "token_usage_prompt": NSNull(), "token_usage_completion": "", "cost_estimate": NSNull()]]])
        try fixture.importFile(try fixture.write("AI Chat Session.json", json))
        #expect(try fixture.rows("SELECT ended_at, token_usage_prompt, token_usage_completion, cost_estimate, chapter_index FROM ai_chat_session")
                == [["NULL", "NULL", "NULL", "NULL", "NULL"]])
        let message = ProxyRows.json(["name": "M1", "session": "S1", "role": "user", "content": "hi", "citations": NSNull()])
        try fixture.importFile(try fixture.write("AI Chat Message.jsonl", message + "\n"))
        #expect(try fixture.rows("SELECT citations, tool_calls FROM ai_chat_message") == [["NULL", "NULL"]])
        // JSON fields given as structures are kept as JSON text.
        let cited = ProxyRows.json(["name": "M2", "role": "assistant", "citations": [["chunk": "c1", "url": "/lms/x"]]])
        try fixture.importFile(try fixture.write("AI Chat Message.jsonl", cited + "\n"))
        #expect(try fixture.rows("SELECT citations FROM ai_chat_message WHERE name = 'M2'") == [[#"[{"chunk":"c1","url":"/lms/x"}]"#]])
    }

    @Test func faqDraftWithItems() throws {
        let fixture = try ImportFixture()
        func draft(_ modified: String, _ items: [[String: Any]]) -> String {
            ProxyRows.json(["data": ["name": "FAQ-1", "modified": modified, "course": "intro-python", "items": items]])
        }
        let first = try fixture.importFile(try fixture.write("AI FAQ Draft.json", draft("2026-03-01 10:00:00", [
            ["question": "What is a variable?", "answer": "A name for a value.", "idx": 1, "name": "i1"],
            ["question": "How do I loop?", "answer": NSNull(), "idx": 2],
        ])))
        #expect(first.upserted == 1)
        #expect(try fixture.rows("SELECT parent, idx, question, answer, extra_json FROM ai_faq_item ORDER BY idx") == [
            ["FAQ-1", "1", "What is a variable?", "A name for a value.", #"{"name":"i1"}"#],
            ["FAQ-1", "2", "How do I loop?", "NULL", "{}"],
        ])
        #expect(try fixture.rows("SELECT name, extra_json FROM ai_faq_draft") == [["FAQ-1", #"{"course":"intro-python"}"#]])
        // A newer draft replaces its items; an older one leaves them.
        try fixture.importFile(try fixture.write("AI FAQ Draft.json", draft("2026-03-02 10:00:00", [["question": "Q", "answer": "A"]])))
        try fixture.importFile(try fixture.write("AI FAQ Draft.json", draft("2026-01-01 10:00:00", [])))
        #expect(try fixture.rows("SELECT idx, question, answer FROM ai_faq_item") == [["1", "Q", "A"]])
        // A bad item rejects its draft.
        let bad = try fixture.importFile(try fixture.write("AI FAQ Draft.json", ProxyRows.json(["data": ["name": "FAQ-2", "items": ["text"]]])))
        #expect(bad.rejected == 1 && bad.rejectMessages.first?.contains("items row 1") == true)
    }

    @Test func everyDocTypeImports() throws {
        let fixture = try ImportFixture()
        let rows: [[String: Any]] = [
            ["doctype": "AI Chat Session", "name": "S", "user": "u", "course": "c", "chapter_index": 1, "lesson_index": 2,
             "started_at": "2026-03-01 10:00:00", "token_usage_prompt": 10, "cost_estimate": 0.5],
            ["doctype": "AI Chat Message", "name": "M", "session": "S", "role": "system", "content": "x", "tool_calls": "[]"],
            ["doctype": "AI Guardrail Event", "name": "G", "time": "2026-03-01 10:00:00", "source": "chat", "event_type": "Injection"],
            ["doctype": "AI Proxy Log", "name": "P", "status": "error", "status_code": 500],
            ["doctype": "AI External Source", "name": "E", "url": "https://x", "allowed": true, "status": "Error", "error": "404"],
            ["doctype": "AI Knowledge Index Run", "name": "K", "status": "Success", "chunk_count": 12, "last_indexed_at": "2026-03-01"],
            ["doctype": "AI FAQ Draft", "name": "F", "items": [["question": "q", "answer": "a"]]],
        ]
        let summary = try fixture.importFile(try fixture.write("mixed.json", ProxyRows.json(rows)))
        #expect((summary.read, summary.upserted, summary.rejected) == (7, 7, 0))
        #expect(summary.doctypes.count == 7)
        for table in ["ai_chat_session", "ai_chat_message", "ai_guardrail_event", "ai_proxy_log", "ai_external_source",
                      "ai_knowledge_index_run", "ai_faq_draft", "ai_faq_item"] {
            #expect(try fixture.count(table) == 1, "\(table)")
        }
        #expect(try fixture.rows("SELECT allowed FROM ai_external_source") == [["1"]])
        #expect(try fixture.rows("SELECT last_indexed_at FROM ai_knowledge_index_run") == [["1772323200.0"]])
    }
}
