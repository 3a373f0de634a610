import LecternIndex
import LecternJSON

/// A read-only subset of Qdrant's REST API over the index as one collection, enough for
/// `qdrant-client`'s search and query with `must` filters on course and lesson. Envelope:
/// `{result, status: "ok", time}`; errors `{status: {error}, time}`.
struct QdrantAPI {
    let service: SearchService
    let collection: String
    let maxTopK: Int
    /// The Qdrant version this subset follows (clients compare it with their own).
    static let version = "1.12.0"

    static func envelope(_ result: String, since start: ContinuousClock.Instant) -> HTTPReply {
        .json(.ok, "{\"result\":\(result),\"status\":\"ok\",\"time\":\(seconds(since: start))}")
    }

    static func failure(_ status: Int, _ message: String) -> HTTPReply {
        var text = "{\"status\":{\"error\":"
        JSONWriting.string(message, to: &text)
        text += "},\"time\":0}"
        return .json(.init(statusCode: status), text)
    }

    static func seconds(since start: ContinuousClock.Instant) -> String {
        var out = ""
        JSONWriting.number(JSONWriting.seconds(since: start), to: &out)
        return out
    }

    func root() -> HTTPReply {
        .json(.ok, "{\"title\":\"qdrant - vector search engine (Lectern read-only subset)\",\"version\":\"\(Self.version)\"}")
    }

    func collections(since start: ContinuousClock.Instant) -> HTTPReply {
        var name = ""
        JSONWriting.string(collection, to: &name)
        return Self.envelope("{\"collections\":[{\"name\":\(name)}]}", since: start)
    }

    func exists(_ name: String, since start: ContinuousClock.Instant) -> HTTPReply {
        Self.envelope("{\"exists\":\(name == collection)}", since: start)
    }

    func info(since start: ContinuousClock.Instant) -> HTTPReply {
        let reader = service.index.reader
        let n = reader.count
        let result = """
            {"status":"green","optimizer_status":"ok","vectors_count":\(n),"indexed_vectors_count":\(n),"points_count":\(n),\
            "segments_count":1,"config":{"params":{"vectors":{"size":\(reader.dimension),"distance":"Cosine","on_disk":true},\
            "shard_number":1,"replication_factor":1,"write_consistency_factor":1,"on_disk_payload":true},\
            "hnsw_config":{"m":0,"ef_construct":100,"full_scan_threshold":1000000,"max_indexing_threads":0,"on_disk":true},\
            "optimizer_config":{"deleted_threshold":0.2,"vacuum_min_vector_number":1000,"default_segment_number":1,\
            "max_segment_size":null,"memmap_threshold":null,"indexing_threshold":0,"flush_interval_sec":5,"max_optimization_threads":null},\
            "wal_config":{"wal_capacity_mb":32,"wal_segments_ahead":0},"quantization_config":null},\
            "payload_schema":{"course":{"data_type":"keyword","points":\(n)},"lesson":{"data_type":"keyword","points":\(n)}}}
            """
        return Self.envelope(result, since: start)
    }

    /// `points/search` (vector in `vector`) and `points/query` (vector in `query`); the query
    /// answer wraps the points in `{points: […]}`.
    func search(_ request: HTTPRequest, query: Bool, since start: ContinuousClock.Instant) throws(APIError) -> HTTPReply {
        let body = try RequestBody(request.body)
        let vector = try Self.vector(query ? body.value["query"] : body.value["vector"], field: query ? "query" : "vector")
        // One reader for the whole request: a reload between searching and reading the records
        // would otherwise mix two indexes.
        var reader = service.index.reader
        guard vector.count == reader.dimension else {
            throw APIError(400, "the vector has \(vector.count) dimensions; the collection's vectors have \(reader.dimension)")
        }
        let limit = try body.integer("limit", in: 1...maxTopK) ?? 10
        let offset = try body.integer("offset", in: 0...maxTopK) ?? 0
        let (course, lesson, impossible) = try Self.filter(body.value["filter"])
        let threshold = body.value["score_threshold"]?.number
        var hits: [SearchHit] = []
        if !impossible {
            let found = service.search(vector: vector, course: course, lesson: lesson, k: min(maxTopK, limit + offset))
            reader = found.0
            hits = Array(found.1.dropFirst(offset))
        }
        if let threshold { hits = hits.filter { Double($0.score) >= threshold } }
        let payload = try Self.payloadFields(body.value["with_payload"], default: query ? false : false)
        let withVector = body.value["with_vector"]?.bool ?? false
        var out = query ? "{\"points\":[" : "["
        for (n, hit) in hits.enumerated() {
            if n > 0 { out += "," }
            let r = reader.record(hit.index)
            out += "{\"id\":" + Self.pointID(r.chunkID, index: hit.index) + ",\"version\":0,\"score\":"
            JSONWriting.number(hit.score, to: &out)
            out += ",\"payload\":"
            if let payload { Self.payload(r, fields: payload, to: &out) } else { out += "null" }
            out += ",\"vector\":"
            if withVector {
                out += "["
                for (i, x) in r.vector.enumerated() { if i > 0 { out += "," }; JSONWriting.number(x, to: &out) }
                out += "]"
            } else {
                out += "null"
            }
            out += ",\"shard_key\":null,\"order_value\":null}"
        }
        out += query ? "]}" : "]"
        return Self.envelope(out, since: start)
    }

    static func vector(_ value: JSONValue?, field: String) throws(APIError) -> [Float] {
        var value = value
        // A named vector `{name, vector}` or a nearest query `{nearest: […]}`.
        if let named = value?["vector"] { value = named } else if let nearest = value?["nearest"] { value = nearest }
        guard let list = value?.array, !list.isEmpty else { throw APIError(400, "\(field) must be a list of numbers (a dense vector)") }
        var vector: [Float] = []
        vector.reserveCapacity(list.count)
        for item in list {
            guard let x = item.number, x.isFinite else { throw APIError(400, "\(field) must hold only finite numbers") }
            vector.append(Float(x))
        }
        return vector
    }

    /// `must` conditions `{key: "course"|"lesson", match: {value}}`; `impossible` when two
    /// conditions on one key want different values.
    static func filter(_ value: JSONValue?) throws(APIError) -> (course: String?, lesson: String?, impossible: Bool) {
        guard let value, !value.isNull else { return (nil, nil, false) }
        guard case .object(let members) = value else { throw APIError(400, "filter must be an object") }
        var course: String?, lesson: String?, impossible = false
        for (key, clause) in members {
            if clause.isNull { continue }
            guard key == "must" else {
                throw APIError(400, "filter.\(key) is not supported; use must with {key: course|lesson, match: {value}}")
            }
            let conditions = clause.array ?? [clause]
            for condition in conditions {
                guard let field = condition["key"]?.string, let wanted = condition["match"]?["value"]?.string else {
                    throw APIError(400, "each filter.must condition must be {key, match: {value: string}}")
                }
                switch field {
                case "course":
                    if let course, course != wanted { impossible = true }
                    course = wanted
                case "lesson":
                    if let lesson, lesson != wanted { impossible = true }
                    lesson = wanted
                default: throw APIError(400, "filter key \(field) is not supported; use course or lesson")
                }
            }
        }
        return (course, lesson, impossible)
    }

    static let payloadKeys = ["course", "lesson", "text", "source", "title", "url", "heading_path"]

    /// nil: no payload. `with_payload` may be a bool, a list of fields, or `{include: […]}`.
    static func payloadFields(_ value: JSONValue?, default: Bool) throws(APIError) -> [String]? {
        guard let value, !value.isNull else { return `default` ? payloadKeys : nil }
        if let flag = value.bool { return flag ? payloadKeys : nil }
        let list = value.array ?? value["include"]?.array
        guard let list else { throw APIError(400, "with_payload must be true, false or a list of fields") }
        var fields: [String] = []
        for item in list {
            guard let name = item.string else { throw APIError(400, "with_payload fields must be strings") }
            if payloadKeys.contains(name) { fields.append(name) }
        }
        return fields
    }

    static func payload(_ r: IndexRecord, fields: [String], to out: inout String) {
        out += "{"
        for (n, field) in fields.enumerated() {
            if n > 0 { out += "," }
            JSONWriting.string(field, to: &out)
            out += ":"
            switch field {
            case "course": JSONWriting.string(r.course, to: &out)
            case "lesson": JSONWriting.string(r.lesson, to: &out)
            case "text": JSONWriting.string(r.text, to: &out)
            case "source": JSONWriting.string(r.source, to: &out)
            case "title": JSONWriting.string(r.title, to: &out)
            case "url": JSONWriting.string(r.url, to: &out)
            default: JSONWriting.strings(r.headingPath, to: &out)
            }
        }
        out += "}"
    }

    /// Qdrant ids are unsigned integers or UUIDs: a chunk id (32 hex digits) reads as a UUID,
    /// stable across rebuilds; anything else falls back to the chunk's position.
    static func pointID(_ chunkID: String, index: Int) -> String {
        let hex = Array(chunkID.lowercased().utf8)
        guard hex.count == 32, hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return String(index) }
        let text = String(decoding: hex, as: UTF8.self)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(text.utf8.dropFirst(range.lowerBound).prefix(range.count))!
        }
        return "\"" + parts.joined(separator: "-") + "\""
    }
}
