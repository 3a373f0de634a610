import Foundation

/// Exports of every AI-tutor DocType whose text fields hold what an attacker or a broken client
/// would put there. The payloads mark the document (`data-pwned`) if they ever run.
enum HostileExports {
    static let payloads: [String] = [
        "<script>document.documentElement.setAttribute('data-pwned','script')</script>",
        "\"><img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
        "' onmouseover='document.documentElement.setAttribute(\"data-pwned\",\"attr\")' x='",
        // A quote joined to a combining mark is one Swift Character: naive escaping misses it.
        "\"\u{301}><svg onload=\"document.documentElement.setAttribute('data-pwned','combining')\">",
        "\u{600}\"><svg onload=\"document.documentElement.setAttribute('data-pwned','prepend')\">",
        "{{#sections}}{{{chart}}}{{/sections}}{{> layout-head}}{{=<% %>=}}",
        "before\u{0}after NUL",
        "\u{202E}gnp.exe right-to-left override\u{202C} and \u{2067}isolate",
        "</td></tr></table></main><script>document.documentElement.setAttribute('data-pwned','close')</script>",
        "</style></title></textarea><plaintext>",
        "javascript:document.documentElement.setAttribute('data-pwned','url')",
    ]

    static let megabyte = String(repeating: "<b>big</b> ", count: 1_048_576 / 11)

    /// The value for field `n` of row `row`: each payload lands in every field somewhere.
    static func text(_ row: Int, _ n: Int) -> String {
        if row == 3 && n == 0 { return megabyte }
        return payloads[(row + n) % payloads.count]
    }

    static func json(_ object: Any) -> Data {
        try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static let rows = payloads.count

    /// Writes one file per DocType into `folder`; returns how many rows each holds.
    @discardableResult
    static func write(to folder: String) throws -> [String: Int] {
        func write(_ name: String, _ data: Data) throws { try data.write(to: URL(fileURLWithPath: folder + "/" + name)) }
        let time = { (row: Int) in String(format: "2026-03-0%d 10:%02d:00", 1 + row % 3, row) }
        var sessions: [[String: Any]] = [], messages: [[String: Any]] = [], guardrails: [[String: Any]] = []
        var sources: [[String: Any]] = [], runs: [[String: Any]] = []
        for row in 0..<rows {
            sessions.append(["name": "S\(row)", "user": text(row, 0), "course": text(row, 1), "lesson": text(row, 2),
                             "started_at": time(row), "modified": time(row)])
            messages.append(["name": "M\(row)", "session": "S\(row)", "role": "user", "content": text(row, 3), "modified": time(row),
                             "creation": time(row), "citations": text(row, 4)])
            guardrails.append(["name": "G\(row)", "time": time(row), "user": text(row, 5), "course": text(row, 1), "lesson": text(row, 2),
                               "source": text(row, 6), "event_type": row % 2 == 0 ? "Injection" : "Sensitive",
                               "snippet": text(row, 7), "notes": text(row, 8)])
            sources.append(["name": "E\(row)", "course": text(row, 1), "title": text(row, 9), "url": text(row, 10),
                            "status": "Error", "error": text(row, 11), "allowed": 1])
            runs.append(["name": "K\(row)", "course": text(row, 1), "lesson": text(row, 2), "status": text(row, 12),
                         "notes": text(row, 13), "chunk_count": row])
        }
        try write("AI Chat Session.json", json(["data": sessions]))
        try write("AI Chat Message.jsonl", Data(messages.map { String(decoding: json($0), as: UTF8.self) }.joined(separator: "\n").utf8))
        try write("AI Guardrail Event.json", json(guardrails))
        try write("AI External Source.json", json(["data": sources]))
        try write("AI Knowledge Index Run.json", json(runs))
        try write("AI FAQ Draft.json", json(["data": ["name": "F1", "course": text(1, 1), "lesson": text(1, 2),
                                                       "items": [["question": text(2, 3), "answer": text(4, 5)]]]]))
        // CSV, with raw bytes that are not UTF-8 in one field.
        var csv = Data("ID,Time,User,Course,Lesson,Model,Status,Latency (ms),Status Code,Error Message,Provider\r\n".utf8)
        for row in 0..<rows {
            let fields = [text(row, 0), text(row, 1), text(row, 2), text(row, 3), text(row, 4), text(row, 5)]
            // Quotes doubled per scalar: a quote joined to a combining mark is no Character of its own.
            let quoted = fields.map { field in
                "\"" + String(String.UnicodeScalarView(field.unicodeScalars.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] })) + "\""
            }
            csv.append(Data("P\(row),\(time(row)),\(quoted[0]),\(quoted[1]),\(quoted[2]),\(quoted[3]),error,\(100 + row),500,\(quoted[4]),".utf8))
            csv.append(contentsOf: [0x22, 0xFF, 0xFE, 0x3C, 0x73, 0x3E, 0xC3, 0x22])  // "\xFF\xFE<s>\xC3": invalid UTF-8
            csv.append(Data("\r\n".utf8))
        }
        try write("AI Proxy Log.csv", csv)
        return ["ai_chat_session": rows, "ai_chat_message": rows, "ai_guardrail_event": rows, "ai_external_source": rows,
                "ai_knowledge_index_run": rows, "ai_faq_draft": 1, "ai_proxy_log": rows]
    }
}
