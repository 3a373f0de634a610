import LecternRedaction

extension SiteBuilder {
    /// One detail page per lesson that has chat sessions, messages or proxy calls, each to be built when called.
    func lessonPages(_ usage: ChatUsage) -> [() -> ReportPage] {
        var proxy: [LessonKey: ProxyGroup] = [:]
        for (key, group) in self.proxy.byLesson {
            let course = snapshot.courses.value(Int32(truncatingIfNeeded: key >> 32))
            let lesson = snapshot.lessons.value(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
            proxy[LessonKey(course: course, lesson: lesson)] = group
        }
        var guardrails: [LessonKey: Int] = [:]
        for g in snapshot.guardrails { guardrails[LessonKey(course: g.course, lesson: g.lesson), default: 0] += 1 }
        let keys = Set(usage.byLesson.keys).union(proxy.keys).sorted()
        return keys.map { key in { lessonPage(key, usage: usage, proxy: proxy[key] ?? ProxyGroup(), guardrailEvents: guardrails[key] ?? 0) } }
    }

    func lessonPage(_ key: LessonKey, usage: ChatUsage, proxy: ProxyGroup, guardrailEvents: Int) -> ReportPage {
        let t = usage.byLesson[key] ?? ChatUsage.Totals()
        let title = lessonTitle(course: key.course, lesson: key.lesson)
        var sections = [ReportSection(tiles: [
            ReportTile("sessions", "Sessions", .count(t.sessions)), ReportTile("messages", "Messages", .count(t.messages)),
            ReportTile("user_messages", "User messages", .count(t.byRole["user"] ?? 0)),
            ReportTile("distinct_users", "Distinct users", .count(t.users.count)),
            ReportTile("requests", "Proxy requests", .count(proxy.requests)),
            ReportTile("errors", "Proxy errors", .count(proxy.errors)),
            ReportTile("error_rate", "Error rate", .number(proxy.errorRate, .percent)),
            ReportTile("p95_latency_ms", "p95 latency", .number(proxy.latency.p95, .milliseconds)),
            ReportTile("guardrail_events", "Guardrail events", .count(guardrailEvents)),
            ReportTile("first_activity", "First activity", .time(t.firstActivity)),
            ReportTile("last_activity", "Last activity", .time(t.lastActivity)),
        ])]
        // Questions and conversations show e-mail addresses, phone numbers and keys as [email],
        // [phone] and [key]: a report is shared more widely than the logs.
        sections.append(ReportSection(title: "Most asked", text: "Learners' questions (a question mark or three words or more), counted as the same when they differ only in case, spacing and end punctuation; e-mail addresses, phone numbers and keys shown redacted.",
                                      table: mostAsked(usage.userMessagesOfLesson[key] ?? [])))
        let recent = (usage.sessionsOfLesson[key] ?? []).sorted { a, b in
            let x = snapshot.sessions[a], y = snapshot.sessions[b]
            return ((x.startedAt ?? x.creation) ?? 0, x.name) > ((y.startedAt ?? y.creation) ?? 0, y.name)
        }.prefix(10)
        for n in recent {
            let s = snapshot.sessions[n]
            let rows = (usage.messagesOfSession[n] ?? []).map { m -> [ReportValue] in
                let message = snapshot.messages[m]
                return [.time(message.creation), .text(message.role), .text(message.content.map(Redactor.redact))]
            }
            sections.append(ReportSection(
                title: "Conversation \(s.name)",
                text: "\(s.user ?? ReportValue.notRecorded), started \((s.startedAt ?? s.creation).map(clock.display) ?? ReportValue.notRecorded)",
                table: ReportTable(key: "conversation_\(s.name)", title: "Conversation",
                                   columns: [ReportColumn("time", "Time"), ReportColumn("role", "Role"), ReportColumn("content", "Message")],
                                   rows: rows, emptyText: "No messages recorded for this session.")))
        }
        let heading = [key.course ?? ReportValue.notRecorded, title ?? key.lesson ?? ReportValue.notRecorded].joined(separator: " › ")
        return ReportPage(name: "lesson", path: Self.lessonPath(course: key.course, lesson: key.lesson), title: heading,
                          summary: "Lesson \(key.lesson ?? ReportValue.notRecorded): volume, the most asked questions and the latest conversations.",
                          sections: sections, inNavigation: false)
    }

    func mostAsked(_ messages: [Int]) -> ReportTable {
        struct Question { var text: String; var count = 0; var users = Set<String>(); var last = -Double.infinity }
        var groups: [String: Question] = [:]
        for m in messages {
            let message = snapshot.messages[m]
            guard let content = message.content else { continue }
            let key = Self.questionKey(content)
            // "ok", "thanks", "hi": a question has a question mark or a few words (the key has
            // single spaces between words; counted in bytes, as String.contains went through NSString).
            guard content.utf8.contains(UInt8(ascii: "?")) || key.utf8.lazy.filter({ $0 == 0x20 }).count >= 2 else { continue }
            var q = groups[key] ?? Question(text: content)
            q.count += 1
            if let s = message.session.flatMap({ sessionIndex[$0] }), let user = snapshot.sessions[s].user { q.users.insert(user) }
            q.last = max(q.last, message.creation ?? -.infinity)
            groups[key] = q
        }
        let rows = groups.values.sorted { ($0.count, $1.text) > ($1.count, $0.text) }.prefix(20).map { q -> [ReportValue] in
            [.text(Redactor.redact(q.text)), .count(q.count), .count(q.users.count), .time(q.last.isFinite ? q.last : nil)]
        }
        return ReportTable(key: "most_asked", title: "Most asked",
                           columns: [ReportColumn("question", "Question"), ReportColumn("count", "Times asked"),
                                     ReportColumn("distinct_users", "Distinct users"), ReportColumn("last_asked", "Last asked")],
                           rows: Array(rows))
    }

    /// Lower case, single spaces, no punctuation at either end. ASCII (nearly every message)
    /// byte by byte; the rest through Character properties.
    static func questionKey(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                let space = byte == 0x20 || (0x09...0x0D).contains(byte)
                if space { if let last = out.last, last != 0x20 { out.append(0x20) }; continue }
                out.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
            }
            // ASCII's Unicode punctuation (P*), so both paths agree: not the symbols $ + < = > ^ ` | ~.
            func punctuation(_ b: UInt8) -> Bool { Array("!\"#%&'()*,-./:;?@[\\]_{}".utf8).contains(b) }
            while let last = out.last, last == 0x20 || punctuation(last) { out.removeLast() }
            var start = 0
            while start < out.count, out[start] == 0x20 || punctuation(out[start]) { start += 1 }
            return String(decoding: out[start...], as: UTF8.self)
        }
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace })
        var key = words.joined(separator: " ")
        while let last = key.last, last.isPunctuation { key.removeLast() }
        while let first = key.first, first.isPunctuation { key.removeFirst() }
        return key
    }
}
