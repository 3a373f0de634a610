import LecternIndex

/// `POST /v1/rag/search {query, course?, lesson?, top_k?, mode?}` →
/// `{results: [{content, source, score, course, lesson, title, heading_path, url, chunk_id}], took_ms}`.
struct RAGSearchAPI {
    let service: SearchService
    let maxTopK: Int

    func handle(_ request: HTTPRequest, clock: ContinuousClock.Instant) throws(APIError) -> HTTPReply {
        let body = try RequestBody(request.body)
        guard let query = try body.string("query"), !query.allSatisfy(\.isWhitespace) else {
            throw APIError(400, "query must be a non-empty string")
        }
        let k = try body.integer("top_k", in: 1...maxTopK) ?? 5
        let modeName = try body.string("mode") ?? "dense"
        guard let mode = SearchMode(rawValue: modeName) else { throw APIError(400, "mode must be dense, lexical or hybrid, not \(modeName)") }
        let (reader, hits) = service.search(text: query, course: try body.string("course"), lesson: try body.string("lesson"), k: k, mode: mode)
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
        let elapsed = ContinuousClock.now - clock
        out += "],\"took_ms\":"
        JSONWriting.number(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000, to: &out)
        out += "}"
        return .json(.ok, out)
    }
}
