import Foundation
import Testing

// MARK: - what the index-swap load run asks, and what it accepts

/// One request of the load run and how to tell a right answer: right for either index (the
/// full sample, 135 chunks, or git-basics alone, 43), never a mixture or a failure.
struct IndexSwapChecks: Sendable {
    let name: String
    let request: @Sendable ([Double]) -> Data
    /// The index size the answer shows, if it shows one.
    let verify: @Sendable (ServeFixture.Response, [Double]) -> Result<Int?, CLIError>

    static func body(_ object: Any) -> Data { (try? JSONSerialization.data(withJSONObject: object)) ?? Data() }

    static func qdrantBody(_ vector: [Double], padding: Int) -> String {
        let numbers = vector.map { String($0) }.joined(separator: ",")
        return "{\"vector\":[\(numbers)],\"limit\":5,\"with_payload\":true,\"with_vector\":true,"
            + "\"filter\":{\"must\":[{\"key\":\"course\",\"match\":{\"value\":\"git-basics\"}}]}"
            + String(repeating: ",\"p\":null", count: padding) + "}"
    }

    @Sendable static func verifyPoints(_ r: ServeFixture.Response, _ query: [Double]) -> Result<Int?, CLIError> {
        let points = r.json["result"] as? [[String: Any]] ?? []
        guard r.status == 200, points.count == 5 else { return .failure(CLIError("\(r.status) \(points.count) points: \(r.text.prefix(200))")) }
        for point in points {
            let payload = point["payload"] as? [String: Any] ?? [:]
            let own = point["vector"] as? [Double] ?? []
            let cosine = zip(own, query).reduce(0) { $0 + $1.0 * $1.1 }
            guard payload["course"] as? String == "git-basics", own.count == 384, let score = point["score"] as? Double, abs(score - cosine) < 0.02 else {
                return .failure(CLIError("point \(point["id"] ?? "?"): course \(payload["course"] ?? "none"), score \(point["score"] ?? "none") vs its vector \(cosine)"))
            }
        }
        return (points.first?["payload"] as? [String: Any])?["lesson"] as? String == "9a7f3c1d20"
            ? .success(nil) : .failure(CLIError("first point not lesson 9a7f3c1d20"))
    }

    static let all: [IndexSwapChecks] = [
        IndexSwapChecks(name: "collection info", request: { _ in Wire.request("GET", "/collections/lesson_chunks", close: false) }) { r, _ in
            let count = (r.json["result"] as? [String: Any])?["points_count"] as? Int
            return r.status == 200 && (count == 140 || count == 44) ? .success(count) : .failure(CLIError("\(r.status) \(r.text.prefix(200))"))
        },
        IndexSwapChecks(name: "rag search", request: { _ in
            Wire.request("POST", "/v1/rag/search", body: body(["query": ServeSurvivalTests.question, "top_k": 5]), close: false)
        }) { r, _ in
            let results = r.json["results"] as? [[String: Any]] ?? []
            let first = results.first ?? [:]
            return r.status == 200 && results.count == 5 && first["lesson"] as? String == "9a7f3c1d20"
                ? .success(nil) : .failure(CLIError("\(r.status) \(results.count) results, first \(first["lesson"] ?? "none")"))
        },
        // Another course: five of its chunks from the full index, none from git-basics alone.
        IndexSwapChecks(name: "rag search filtered", request: { _ in
            Wire.request("POST", "/v1/rag/search", body: body(["query": "loops", "course": "intro-python", "mode": "hybrid"]), close: false)
        }) { r, _ in
            let courses = (r.json["results"] as? [[String: Any]] ?? []).map { $0["course"] as? String ?? "?" }
            return r.status == 200 && (courses.isEmpty || courses == Array(repeating: "intro-python", count: 5))
                ? .success(nil) : .failure(CLIError("\(r.status) courses \(courses)"))
        },
        // Qdrant search with vectors back: each score must be the point's own vector against the
        // query, and the payloads must match the filter, so hits and records come from one index.
        IndexSwapChecks(name: "qdrant search", request: { vector in
            Wire.request("POST", "/collections/lesson_chunks/points/search", body: Data(qdrantBody(vector, padding: 0).utf8), close: false)
        }, verify: verifyPoints),
        // The same with 100,000 unknown keys after the known ones: valid JSON that makes each field
        // lookup slow, so that a swap is more likely to land between two reads of the index.
        IndexSwapChecks(name: "qdrant search, padded", request: { vector in
            Wire.request("POST", "/collections/lesson_chunks/points/search", body: Data(qdrantBody(vector, padding: 100_000).utf8), close: false)
        }, verify: verifyPoints),
        IndexSwapChecks(name: "health", request: { _ in Wire.request("GET", "/health", close: false) }) { r, _ in
            let chunks = r.json["chunks"] as? Int
            return r.status == 200 && (chunks == 140 || chunks == 44) ? .success(chunks) : .failure(CLIError("\(r.status) \(r.text.prefix(200))"))
        },
    ]
}
