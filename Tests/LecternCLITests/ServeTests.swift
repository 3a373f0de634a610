import Foundation
import Testing

/// `lectern-query serve` over the sample index: the routes, their answers and their errors.
@Suite(.serialized)
struct ServeTests {
    @Test func ragSearchFindsTheLessonAndFilters() throws {
        let server = try ServeFixture()
        let answer = try server.request("POST", "/v1/rag/search", json: ["query": "How do I undo my last commit?", "top_k": 3])
        #expect(answer.status == 200, "\(answer.text)")
        let results = answer.json["results"] as? [[String: Any]] ?? []
        #expect(results.count == 3)
        #expect(results.first?["course"] as? String == "git-basics" && results.first?["lesson"] as? String == "9a7f3c1d20", "\(results.first ?? [:])")
        for key in ["content", "source", "score", "course", "lesson", "title", "heading_path", "url", "chunk_id"] {
            #expect(results.first?[key] != nil, "\(key)")
        }
        #expect(answer.json["took_ms"] is Double || answer.json["took_ms"] is Int)
        let scores = results.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))

        let filtered = try server.request("POST", "/v1/rag/search", json: ["query": "How do I undo my last commit?", "course": "intro-python", "top_k": 5, "mode": "hybrid"])
        let courses = Set((filtered.json["results"] as? [[String: Any]] ?? []).compactMap { $0["course"] as? String })
        #expect(courses == ["intro-python"])
        let lesson = try server.request("POST", "/v1/rag/search", json: ["query": "loops", "lesson": "control-flow/loops", "mode": "lexical"])
        let lessons = Set((lesson.json["results"] as? [[String: Any]] ?? []).compactMap { $0["lesson"] as? String })
        #expect(lessons == ["control-flow/loops"])
    }

    @Test func embeddingsAsOpenAIGivesThem() throws {
        let server = try ServeFixture()
        let float = try server.request("POST", "/v1/embeddings", json: ["input": ["capital of France", "undo a commit"], "model": "all-MiniLM-L6-v2"])
        #expect(float.status == 200, "\(float.text)")
        #expect(float.json["object"] as? String == "list")
        let data = float.json["data"] as? [[String: Any]] ?? []
        #expect(data.count == 2 && data[1]["index"] as? Int == 1 && data[0]["object"] as? String == "embedding")
        let vector = (data.first?["embedding"] as? [Double]) ?? []
        #expect(vector.count == 384)
        #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4, "unit length")
        let usage = float.json["usage"] as? [String: Any]
        #expect(usage?["prompt_tokens"] as? Int == 5 + 5 && usage?["total_tokens"] as? Int == 10, "\(usage ?? [:])")

        // The same text through `lectern embed` gives the same vector.
        let cli = try CLI.run(["embed", "-i", "-", "-o", "-"], stdin: "{\"text\": \"capital of France\"}\n")
        let reference = ((try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])?["embedding"] as? [Double]) ?? []
        #expect(reference.count == 384 && zip(reference, vector).allSatisfy { abs($0 - $1) < 1e-6 })

        let base64 = try server.request("POST", "/v1/embeddings", json: ["input": "capital of France", "model": "sentence-transformers/all-MiniLM-L6-v2", "encoding_format": "base64"])
        let encoded = ((base64.json["data"] as? [[String: Any]])?.first?["embedding"] as? String) ?? ""
        let bytes = Data(base64Encoded: encoded) ?? Data()
        #expect(bytes.count == 384 * 4)
        let decoded = bytes.withUnsafeBytes { raw in (0..<384).map { Double(Float(bitPattern: UInt32(littleEndian: raw.load(fromByteOffset: $0 * 4, as: UInt32.self)))) } }
        #expect(zip(decoded, vector).allSatisfy { abs($0 - $1) < 1e-6 })

        #expect(try server.request("POST", "/v1/embeddings", json: ["input": "x", "model": "text-embedding-3-small"]).status == 404)
        #expect(try server.request("POST", "/v1/embeddings", json: ["input": [1, 2, 3], "model": "all-MiniLM-L6-v2"]).status == 400)
        #expect(try server.request("POST", "/v1/embeddings", json: ["input": "x", "encoding_format": "int8"]).status == 400)
    }

    @Test func qdrantCollectionSearchAndQuery() throws {
        let server = try ServeFixture()
        let list = try server.request("GET", "/collections")
        #expect(list.json["status"] as? String == "ok")
        #expect(((list.json["result"] as? [String: Any])?["collections"] as? [[String: Any]])?.first?["name"] as? String == "lesson_chunks")
        let info = try server.request("GET", "/collections/lesson_chunks")
        #expect((info.json["result"] as? [String: Any])?["points_count"] as? Int == 140, "\(info.text)")
        #expect(try server.request("GET", "/collections/other").status == 404)

        let embedded = try server.request("POST", "/v1/embeddings", json: ["input": "How do I undo my last commit?"])
        let vector = ((embedded.json["data"] as? [[String: Any]])?.first?["embedding"] as? [Double]) ?? []
        let filter: [String: Any] = ["must": [["key": "course", "match": ["value": "git-basics"]], ["key": "lesson", "match": ["value": "9a7f3c1d20"]]]]
        let search = try server.request("POST", "/collections/lesson_chunks/points/search",
                                        json: ["vector": vector, "limit": 4, "with_payload": true, "filter": filter])
        #expect(search.status == 200, "\(search.text)")
        let points = search.json["result"] as? [[String: Any]] ?? []
        #expect(points.count == 4)
        for point in points {
            let payload = point["payload"] as? [String: Any] ?? [:]
            #expect(payload["course"] as? String == "git-basics" && payload["lesson"] as? String == "9a7f3c1d20")
            #expect((point["id"] as? String)?.count == 36 && point["score"] is Double && point["version"] as? Int == 0)
            for key in ["text", "source", "title", "url", "heading_path"] { #expect(payload[key] != nil, "\(key)") }
        }
        let query = try server.request("POST", "/collections/lesson_chunks/points/query", json: ["query": vector, "limit": 2, "with_payload": ["title"]])
        let queried = (query.json["result"] as? [String: Any])?["points"] as? [[String: Any]] ?? []
        #expect(queried.count == 2 && (queried.first?["payload"] as? [String: Any])?.keys.sorted() == ["title"], "\(query.text)")
        // The same top point either way.
        let unfiltered = try server.request("POST", "/collections/lesson_chunks/points/search", json: ["vector": vector, "limit": 1])
        #expect(((unfiltered.json["result"] as? [[String: Any]])?.first?["id"] as? String) == queried.first?["id"] as? String)

        for (method, path) in [("PUT", "/collections/lesson_chunks/points"), ("DELETE", "/collections/lesson_chunks"),
                               ("POST", "/collections/lesson_chunks/points/delete"), ("PUT", "/collections/lesson_chunks")] {
            let refused = try server.request(method, path, json: [String: Any]())
            #expect(refused.status == 403 && ((refused.json["status"] as? [String: Any])?["error"] as? String)?.contains("read-only") == true,
                    "\(method) \(path): \(refused.status) \(refused.text)")
        }
        let badFilter = try server.request("POST", "/collections/lesson_chunks/points/search", json: ["vector": vector, "filter": ["should": []]])
        #expect(badFilter.status == 400)
        let shortVector = try server.request("POST", "/collections/lesson_chunks/points/search", json: ["vector": [0.1, 0.2]])
        #expect(shortVector.status == 400)
    }

    @Test func errorsHaveStatusesAndJSONBodies() throws {
        let server = try ServeFixture(arguments: ["--max-body", "4096", "--max-top-k", "20"])
        let cases: [(String, String, Data, Int)] = [
            ("POST", "/v1/rag/search", Data("{not json".utf8), 400),
            ("POST", "/v1/rag/search", Data("[1,2]".utf8), 400),
            ("POST", "/v1/rag/search", Data("{\"query\": 7}".utf8), 400),
            ("POST", "/v1/rag/search", Data("{\"query\": \"x\", \"top_k\": 21}".utf8), 400),
            ("POST", "/v1/rag/search", Data("{\"query\": \"x\", \"mode\": \"psychic\"}".utf8), 400),
            ("POST", "/v1/rag/search", Data(), 400),
            ("POST", "/v1/rag/search", Data(repeating: UInt8(ascii: " "), count: 5000), 413),
            ("GET", "/v1/rag/search", Data(), 405),
            ("GET", "/nowhere", Data(), 404),
            ("GET", "/../../etc/passwd", Data(), 404),
        ]
        for (method, path, body, status) in cases {
            let answer = try server.request(method, path, body: body)
            #expect(answer.status == status, "\(method) \(path) \(body.prefix(20)): \(answer.status) \(answer.text)")
            #expect(answer.json["error"] != nil || answer.json["status"] != nil, "JSON error body: \(answer.text)")
        }
        #expect(try server.request("GET", "/health").status == 200, "still serving")
    }

    @Test func aTokenGuardsEverythingButHealth() throws {
        let server = try ServeFixture(environment: ["LECTERN_TOKEN": "s3cret"])
        #expect(try server.request("GET", "/collections").status == 401)
        #expect(try server.request("GET", "/collections", headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try server.request("GET", "/collections", headers: ["Authorization": "Bearer s3cret"]).status == 200)
        #expect(try server.request("GET", "/collections", headers: ["api-key": "s3cret"]).status == 200)
        #expect(try server.request("GET", "/health").status == 200)
    }

    @Test func metricsCountRequestsAndTheIndex() throws {
        let server = try ServeFixture()
        _ = try server.request("POST", "/v1/rag/search", json: ["query": "lists"])
        _ = try server.request("GET", "/nowhere")
        let metrics = try server.request("GET", "/metrics").text
        #expect(metrics.contains("lectern_http_requests_total{route=\"/v1/rag/search\",status=\"200\"} 1"), "\(metrics)")
        #expect(metrics.contains("lectern_http_requests_total{route=\"other\",status=\"404\"} 1"))
        #expect(metrics.contains("lectern_index_chunks 140"))
        #expect(metrics.contains("lectern_http_request_duration_seconds_bucket{le=\"+Inf\"}"))
        #expect(metrics.contains("lectern_index_build_time_seconds "))
    }

    @Test func aReplacedIndexIsServedAndSigtermStopsCleanly() throws {
        let folder = try CLI.temporaryDirectory()
        let index = folder + "/lectern.index"
        try FileManager.default.copyItem(atPath: try ServeFixture.sampleIndex.get(), toPath: index)
        let server = try ServeFixture(index: index)
        #expect(((try server.request("GET", "/collections/lesson_chunks").json["result"] as? [String: Any])?["points_count"] as? Int) == 140)
        // A build of one course only, renamed over the served file.
        let scoped = try CLI.temporaryDirectory()
        let build = try CLI.run(["build", "--content", CLI.repositoryRoot + "/content", "--output", scoped, "--course", "git-basics"])
        #expect(build.status == 0, "\(build.stderr)")
        try FileManager.default.copyItem(atPath: scoped + "/index/lectern.index", toPath: folder + "/next.tmp")
        #expect(rename(folder + "/next.tmp", index) == 0)
        var count = 0
        for _ in 0..<50 where count != 44 {
            usleep(100_000)
            count = ((try server.request("GET", "/collections/lesson_chunks").json["result"] as? [String: Any])?["points_count"] as? Int) ?? 0
        }
        #expect(count == 44, "the new index (git-basics only) is served")
        // A damaged replacement is refused and the last good index stays.
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: folder + "/bad.tmp"))
        #expect(rename(folder + "/bad.tmp", index) == 0)
        usleep(1_200_000)
        let health = try server.request("GET", "/health").json
        #expect(health["chunks"] as? Int == 44 && (health["last_reload_error"] as? String)?.contains(index) == true, "\(health)")
        #expect(server.terminate() == 0)
    }
}
