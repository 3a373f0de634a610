import Foundation
import LecternChunking
import LecternContent
import LecternGuardrails
import LecternStore

/// The build's guardrail scan: every chunk of a document, then the document's raw text (HTML
/// comments, attributes, hidden elements) for what the chunks do not show. Each finding is an
/// AI Guardrail Event; a chunk with a finding is left out of the index unless `allowFlagged`.
struct GuardrailStage {
    let scanner: GuardrailScanner
    let allowFlagged: Bool
    let time: Double

    /// One scanned document: the chunks to index and the events to record.
    struct Outcome {
        var kept: [StoredChunk] = []
        var flaggedChunks = 0
        var events: [GuardrailEventRecord] = []
    }

    /// `source` is `lesson` or `external`; `place` names the file or URL in the event's notes.
    func scan(chunks: [StoredChunk], channels: [HiddenTextChannels.Channel], course: String, lesson: String?,
              source: String, place: String) -> Outcome {
        var outcome = Outcome()
        var seen = Set<String>()
        for chunk in chunks {
            let findings = scanner.scan(chunk.text)
            guard !findings.isEmpty else {
                outcome.kept.append(chunk)
                continue
            }
            outcome.flaggedChunks += 1
            if allowFlagged { outcome.kept.append(chunk) }
            let fate = allowFlagged ? "kept in the index (--allow-flagged)" : "left out of the index"
            let heading = chunk.headingPath.isEmpty ? "" : " under \"\(chunk.headingPath.joined(separator: " › "))\""
            for finding in findings where seen.insert(finding.key).inserted {
                outcome.events.append(event(finding, course: course, lesson: lesson, source: source, place: place,
                                            notes: "\(place): chunk \(chunk.ordinal + 1)\(heading), pattern \(finding.pattern); chunk \(fate)"))
            }
        }
        for channel in channels {
            for finding in scanner.scan(channel.text) where seen.insert(finding.key).inserted {
                outcome.events.append(event(finding, course: course, lesson: lesson, source: source, place: place,
                                            notes: "\(place): in \(channel.kind), pattern \(finding.pattern); not in the indexed text"))
            }
        }
        return outcome
    }

    private func event(_ finding: GuardrailFinding, course: String, lesson: String?, source: String, place: String,
                       notes: String) -> GuardrailEventRecord {
        let name = "lectern-guardrail-" + String(SHA256.hex([source, course, lesson ?? "", place, finding.key].joined(separator: "\u{1F}")).prefix(20))
        return GuardrailEventRecord(name: name, time: time, course: course, lesson: lesson, source: source,
                                    eventType: finding.type.rawValue, snippet: finding.snippet, notes: notes)
    }

    /// The raw channels of a lesson file read from the content root (HTML and Markdown); other
    /// formats (Frappe JSON) are scanned through their chunks only.
    static func channels(ofLessonFile origin: String, root: String) -> [HiddenTextChannels.Channel] {
        let lowered = origin.lowercased()
        let isHTML = lowered.hasSuffix(".html") || lowered.hasSuffix(".htm")
        guard isHTML || lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown"),
              let bytes = try? ContentFiles.bytes(of: origin, root: root) else { return [] }
        return isHTML ? HiddenTextChannels.channels(html: bytes) : HiddenTextChannels.channels(markdown: String(decoding: bytes, as: UTF8.self))
    }
}
