import LecternIndex

/// `POST /v1/rag/search {query, course?, lesson?, top_k?, mode?}` →
/// `{results: [{content, source, score, course, lesson, title, heading_path, url, chunk_id}], took_ms}`.
/// Reading the request and writing the answer are apart: the search between them runs in a
/// batch with others (`SearchBatcher`).
enum RAGSearchAPI {
    struct Search {
        var query: String
        var course: String?
        var lesson: String?
        var k: Int
        var mode: SearchMode
    }

    static func read(_ request: HTTPRequest, maxTopK: Int) throws(APIError) -> Search {
        let body = try RequestBody(request.body)
        guard let query = try body.string("query"), !query.allSatisfy(\.isWhitespace) else {
            throw APIError(400, "query must be a non-empty string")
        }
        let k = try body.integer("top_k", in: 1...maxTopK) ?? 5
        let modeName = try body.string("mode") ?? "dense"
        guard let mode = SearchMode(rawValue: modeName) else { throw APIError(400, "mode must be dense, lexical or hybrid, not \(modeName)") }
        return Search(query: query, course: try body.string("course"), lesson: try body.string("lesson"), k: k, mode: mode)
    }

    static func reply(_ hits: [SearchHit], reader: IndexReader, since start: ContinuousClock.Instant) -> HTTPReply {
        var out = "{\"results\":["
        for (n, hit) in hits.enumerated() {
            if n > 0 { out += "," }
            let r = reader.record(hit.index)
            out += "{\"content\":"; JSONWriting.string(r.text, to: &out)
            out += ",\"source\":"; JSONWriting.string(r.source, to: &out)
            out += ",\"score\":"; JSONWriting.number(hit.score, to: &out)
            out += ",\"course\":"; JSONWriting.string(r.course, to: &out)
            out += ",\"lesson\":"; JSONWriting.string(r.lesson, to: &out)
            out += ",\"title\":"; JSONWriting.string(r.title, to: &out)
            out += ",\"heading_path\":"; JSONWriting.strings(r.headingPath, to: &out)
            out += ",\"url\":"; JSONWriting.string(r.url, to: &out)
            out += ",\"chunk_id\":"; JSONWriting.string(r.chunkID, to: &out)
            out += "}"
        }
        out += "],\"took_ms\":"
        JSONWriting.number((JSONWriting.seconds(since: start) * 1_000_000).rounded() / 1000, to: &out)
        return .json(.ok, out + "}")
    }
}
