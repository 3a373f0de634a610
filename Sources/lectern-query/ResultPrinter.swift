import LecternIndex
import LecternJSON

enum ResultPrinter {
    static func text(_ hits: [SearchHit], reader: IndexReader) -> String {
        if hits.isEmpty { return "no matching chunks\n" }
        var out = ""
        for (rank, hit) in hits.enumerated() {
            let r = reader.record(hit.index)
            // The lesson's own H1 usually opens the heading path; the title already says it.
            let headings = r.headingPath.first == r.title ? Array(r.headingPath.dropFirst()) : r.headingPath
            let path = headings.isEmpty ? "" : " › " + headings.joined(separator: " › ")
            out += "\(rank + 1). [\(formatted(hit.score))] \(r.title)\(path)\n"
            out += "   \(r.url)  (\(r.course)/\(r.lesson), \(r.source))\n"
            out += "   \(snippet(r.text))\n"
        }
        return out
    }

    static func json(_ hits: [SearchHit], reader: IndexReader) -> String {
        let items = hits.map { hit -> String in
            let r = reader.record(hit.index)
            let fields: [(String, String)] = [
                ("content", JSONString.quoted(r.text)), ("source", JSONString.quoted(r.source)), ("score", formatted(hit.score)),
                ("course", JSONString.quoted(r.course)), ("lesson", JSONString.quoted(r.lesson)), ("title", JSONString.quoted(r.title)),
                ("heading_path", "[" + r.headingPath.map(JSONString.quoted).joined(separator: ",") + "]"),
                ("url", JSONString.quoted(r.url)), ("chunk_id", JSONString.quoted(r.chunkID)),
            ]
            return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
        return "[" + items.joined(separator: ",\n") + "]\n"
    }

    /// The first ~200 characters on one line, cut at a word.
    static func snippet(_ text: String) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        guard flat.count > 200 else { return flat }
        let cut = flat.prefix(200)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + " …"
    }

    static func formatted(_ score: Float) -> String {
        guard score.isFinite else { return "0" }
        let scaled = (Double(score) * 10_000).rounded() / 10_000
        return "\(scaled)"
    }
}
