import Foundation
import Testing

// MARK: - the malformed requests

/// One hostile request and what a surviving server does with it.
struct Probe: Sendable {
    enum Expect: Sendable {
        /// Well-formed HTTP with a bad request in it: a 4xx with a JSON error body, and the
        /// connection stays usable (these go over keep-alive connections).
        case clientError
        /// Broken HTTP or not HTTP at all: 4xx answers or none, then the connection is closed.
        case refused
        /// A fuzzed request that may have stayed valid: anything but a 5xx, JSON when it says so.
        case answered
    }
    let name: String
    let bytes: Data
    let expect: Expect

    func check(_ read: Wire.Read) -> String? {
        guard case .response(let r) = read else { return "\(name): \(Self.describe(read))" }
        guard (400..<500).contains(r.status) else { return "\(name): status \(r.status) \(r.text.prefix(150))" }
        guard r.json["error"] != nil || r.json["status"] != nil else { return "\(name): no JSON error body: \(r.text.prefix(150))" }
        return nil
    }

    func check(_ reads: [Wire.Read]) -> String? {
        guard case .closed(let rest)? = reads.last else { return "\(name): not closed: \(reads.last.map(Self.describe) ?? "nothing")" }
        guard rest.isEmpty else { return "\(name): a cut-off response: \(String(decoding: rest.prefix(150), as: UTF8.self))" }
        for case .response(let r) in reads {
            if r.status >= 500 || r.status < 200 { return "\(name): status \(r.status) \(r.text.prefix(150))" }
            if expect == .refused && r.status < 400 { return "\(name): accepted (\(r.status)) \(r.text.prefix(150))" }
            let json = r.headers["content-type"]?.hasPrefix("application/json") == true
            // (NIO sends a CONNECT's answer without its body, framed by the close.)
            if json && !r.body.isEmpty && (try? JSONSerialization.jsonObject(with: r.body)) == nil { return "\(name): \(r.status) with broken JSON: \(r.text.prefix(150))" }
        }
        return nil
    }

    static func describe(_ read: Wire.Read) -> String {
        switch read {
        case .response(let r): return "\(r.status) \(r.text.prefix(150))"
        case .closed(let rest): return "closed\(rest.isEmpty ? "" : " mid-response")"
        case .timedOut: return "no answer and no close: a hang"
        }
    }
}

/// A thousand malformed requests: hand-written kinds, then fuzzed bodies, heads and noise from a
/// fixed seed, so a failure names a request that can be sent again.
enum MalformedRequests {
    static func post(_ path: String, _ body: String, close: Bool = false) -> Data { post(path, Data(body.utf8), close: close) }
    static func post(_ path: String, _ body: Data, close: Bool = false) -> Data { Wire.head("POST", path, length: body.count, close: close) + body }

    static func make(count: Int, vector: [Double]) -> [Probe] {
        let numbers = vector.map { String($0) }.joined(separator: ",")
        var probes = appLevel(numbers: numbers).map { Probe(name: $0.0, bytes: $0.1, expect: .clientError) }
        // A server may take these two as they are (RFC 9112 allows both), so a 200 is right too.
        let lenient: Set = ["upgrade", "folded header"]
        probes += protocolLevel().map { Probe(name: $0.0, bytes: $0.1, expect: lenient.contains($0.0) ? .answered : .refused) }
        var random = SplitMix(seed: 20_240_611)
        let valid = [
            ("/v1/rag/search", "{\"query\": \"How do I undo my last commit?\", \"top_k\": 3, \"course\": \"git-basics\", \"mode\": \"hybrid\"}"),
            ("/v1/embeddings", "{\"input\": [\"undo a commit\", \"lists\"], \"model\": \"all-MiniLM-L6-v2\", \"encoding_format\": \"base64\"}"),
            ("/collections/lesson_chunks/points/search", "{\"vector\": [\(numbers)], \"limit\": 3, \"with_payload\": [\"title\"], \"filter\": {\"must\": [{\"key\": \"course\", \"match\": {\"value\": \"git-basics\"}}]}}"),
            ("/collections/lesson_chunks/points/query", "{\"query\": [\(numbers)], \"limit\": 2, \"with_payload\": true}"),
        ]
        for n in 0..<150 {
            let length = 1 + random.below(3000)
            let noise = Data((0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            probes.append(Probe(name: "noise #\(n) (\(length) bytes)", bytes: noise, expect: .refused))
        }
        for n in 0..<60 {
            let (path, body) = valid[n % valid.count]
            var head = [UInt8](Wire.head("POST", path, length: body.utf8.count))
            for _ in 0...random.below(2) { head[random.below(head.count - 4)] = UInt8(truncatingIfNeeded: random.next()) }
            probes.append(Probe(name: "fuzzed head #\(n) \(path)", bytes: Data(head) + Data(body.utf8), expect: .answered))
        }
        var n = 0
        while probes.count < count - 100 {
            let (path, body) = valid[n % valid.count]
            probes.append(Probe(name: "fuzzed body #\(n) \(path)", bytes: post(path, mutate(Array(body.utf8), &random), close: true), expect: .answered))
            n += 1
        }
        // The rest: the hand-written bad requests again, over other keep-alive connections.
        let again = probes.filter { $0.expect == .clientError }
        while probes.count < count { probes.append(again[(count - probes.count) % again.count]) }
        return probes
    }

    /// One to four edits: a byte changed, a span cut or doubled, a JSON-significant token put in.
    static func mutate(_ body: [UInt8], _ random: inout SplitMix) -> Data {
        var bytes = body
        let tokens = ["{", "}", "[", "]", "\"", "\\", ",", ":", "\0", "\u{FF}", "1e999", "-", "null", "\\ud800", "[[[[[[[[", "\u{7F}"]
        for _ in 0...random.below(4) where !bytes.isEmpty {
            let at = random.below(bytes.count)
            switch random.below(4) {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(20)))
            case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 1 + random.below(40))], at: at)
            default: bytes.insert(contentsOf: Array(tokens[random.below(tokens.count)].utf8), at: at)
            }
        }
        return Data(bytes)
    }

    /// Well-formed HTTP whose request is wrong: each must be a 4xx with a JSON error.
    static func appLevel(numbers: String) -> [(String, Data)] {
        let rag = "/v1/rag/search", embed = "/v1/embeddings", search = "/collections/lesson_chunks/points/search"
        let query = "/collections/lesson_chunks/points/query"
        let deep = String(repeating: "[", count: 10_000)
        var cases: [(String, Data)] = [
            // Broken JSON.
            ("not json", post(rag, "{not json")), ("unterminated", post(rag, "{\"query\": \"x\"")),
            ("trailing comma", post(rag, "{\"query\": \"x\",}")), ("single quotes", post(rag, "{'query': 'x'}")),
            ("trailing garbage", post(rag, "{\"query\": \"x\"} and more")), ("NaN", post(rag, "{\"query\": NaN}")),
            ("Infinity top_k", post(rag, "{\"query\": \"x\", \"top_k\": Infinity}")), ("comment", post(rag, "// hi\n{\"query\": \"x\"}")),
            ("bad escape", post(rag, "{\"query\": \"\\x41\"}")), ("raw control char", post(rag, "{\"query\": \"a\u{01}b\"}")),
            ("raw NUL in string", post(rag, Data("{\"query\": \"a".utf8) + Data([0]) + Data("b\"}".utf8))),
            ("NUL bytes only", post(rag, Data(repeating: 0, count: 64))), ("BOM only", post(rag, "\u{FEFF}")),
            // JSON between systems must be UTF-8 (RFC 8259 §8.1); replacing bad bytes changes the question.
            ("invalid UTF-8 in string", post(rag, Data("{\"query\": \"".utf8) + Data([0xFF, 0xFE, 0xC0, 0xAF]) + Data("\"}".utf8))),
            ("invalid UTF-8 outside strings", post(rag, Data([0x7B, 0xFF, 0x7D]))), ("truncated UTF-8", post(rag, Data("{\"query\": \"".utf8) + Data([0xE2, 0x82]))),
            ("empty body", post(rag, "")), ("whitespace body", post(rag, "   \n\t ")),
            // Not an object, or no usable query.
            ("string", post(rag, "\"just a string\"")), ("null", post(rag, "null")), ("true", post(rag, "true")),
            ("number", post(rag, "123")), ("array", post(rag, "[]")), ("empty object", post(rag, "{}")),
            ("empty query", post(rag, "{\"query\": \"\"}")), ("blank query", post(rag, "{\"query\": \" \\n\\t \"}")),
            // Wrong types.
            ("query number", post(rag, "{\"query\": 7}")), ("query list", post(rag, "{\"query\": [\"x\"]}")),
            ("query object", post(rag, "{\"query\": {\"text\": \"x\"}}")), ("query bool", post(rag, "{\"query\": true}")),
            ("course number", post(rag, "{\"query\": \"x\", \"course\": 5}")), ("lesson list", post(rag, "{\"query\": \"x\", \"lesson\": []}")),
            ("mode number", post(rag, "{\"query\": \"x\", \"mode\": 1}")), ("mode unknown", post(rag, "{\"query\": \"x\", \"mode\": \"psychic\"}")),
            ("top_k string", post(rag, "{\"query\": \"x\", \"top_k\": \"5\"}")), ("top_k fraction", post(rag, "{\"query\": \"x\", \"top_k\": 1.5}")),
            // Absurd numbers.
            ("top_k -1", post(rag, "{\"query\": \"x\", \"top_k\": -1}")), ("top_k 0", post(rag, "{\"query\": \"x\", \"top_k\": 0}")),
            ("top_k 1e308", post(rag, "{\"query\": \"x\", \"top_k\": 1e308}")), ("top_k 1e999", post(rag, "{\"query\": \"x\", \"top_k\": 1e999}")),
            ("top_k -1e308", post(rag, "{\"query\": \"x\", \"top_k\": -1e308}")), ("top_k 101", post(rag, "{\"query\": \"x\", \"top_k\": 101}")),
            ("top_k 2^63", post(rag, "{\"query\": \"x\", \"top_k\": 9223372036854775808}")),
            ("top_k 10,000 digits", post(rag, "{\"query\": \"x\", \"top_k\": \(String(repeating: "9", count: 10_000))}")),
            ("exponent 10,000 digits", post(rag, "{\"query\": \"x\", \"top_k\": 1e\(String(repeating: "9", count: 10_000))}")),
            // Deep nesting.
            ("10,000 [", post(rag, deep)), ("10,000 [ balanced", post(rag, deep + String(repeating: "]", count: 10_000))),
            ("10,000 [ in a field", post(rag, "{\"query\": \"x\", \"course\": \(deep)")),
            ("5,000 objects", post(rag, String(repeating: "{\"a\":", count: 5_000) + "1" + String(repeating: "}", count: 5_000))),
            ("10,000 [ as input", post(embed, "{\"input\": \(deep)")), ("10,000 [ as vector", post(search, "{\"vector\": \(deep)")),
            // Embeddings.
            ("input number", post(embed, "{\"input\": 7}")), ("input tokens", post(embed, "{\"input\": [1, 2, 3]}")),
            ("input token lists", post(embed, "{\"input\": [[1, 2]]}")), ("input object", post(embed, "{\"input\": {}}")),
            ("input empty list", post(embed, "{\"input\": []}")), ("input null", post(embed, "{\"input\": null}")), ("no input", post(embed, "{}")),
            ("input 300 texts", post(embed, "{\"input\": [\(Array(repeating: "\"x\"", count: 300).joined(separator: ","))]}")),
            ("model number", post(embed, "{\"input\": \"x\", \"model\": 5}")), ("model unknown", post(embed, "{\"input\": \"x\", \"model\": \"gpt-9\"}")),
            ("encoding int8", post(embed, "{\"input\": \"x\", \"encoding_format\": \"int8\"}")),
            ("dimensions 12", post(embed, "{\"input\": \"x\", \"dimensions\": 12}")), ("dimensions string", post(embed, "{\"input\": \"x\", \"dimensions\": \"384\"}")),
            // Qdrant search and query.
            ("vector string", post(search, "{\"vector\": \"x\"}")), ("vector empty", post(search, "{\"vector\": []}")),
            ("vector 383", post(search, "{\"vector\": [\(Array(repeating: "0.1", count: 383).joined(separator: ","))]}")),
            ("vector 385", post(search, "{\"vector\": [\(numbers),0.1]}")), ("vector with null", post(search, "{\"vector\": [null,\(numbers.drop { $0 != "," }.dropFirst())]}")),
            ("vector with string", post(search, "{\"vector\": [\"1\",\(numbers.drop { $0 != "," }.dropFirst())]}")),
            ("no vector", post(search, "{\"limit\": 3}")), ("limit -1", post(search, "{\"vector\": [\(numbers)], \"limit\": -1}")),
            ("limit 0", post(search, "{\"vector\": [\(numbers)], \"limit\": 0}")), ("limit 1e9", post(search, "{\"vector\": [\(numbers)], \"limit\": 1e9}")),
            ("limit string", post(search, "{\"vector\": [\(numbers)], \"limit\": \"3\"}")), ("offset -5", post(search, "{\"vector\": [\(numbers)], \"offset\": -5}")),
            ("filter string", post(search, "{\"vector\": [\(numbers)], \"filter\": \"x\"}")),
            ("filter should", post(search, "{\"vector\": [\(numbers)], \"filter\": {\"should\": []}}")),
            ("filter must string", post(search, "{\"vector\": [\(numbers)], \"filter\": {\"must\": \"x\"}}")),
            ("filter unknown key", post(search, "{\"vector\": [\(numbers)], \"filter\": {\"must\": [{\"key\": \"title\", \"match\": {\"value\": \"x\"}}]}}")),
            ("filter value number", post(search, "{\"vector\": [\(numbers)], \"filter\": {\"must\": [{\"key\": \"course\", \"match\": {\"value\": 5}}]}}")),
            ("filter no match", post(search, "{\"vector\": [\(numbers)], \"filter\": {\"must\": [{\"key\": \"course\"}]}}")),
            ("with_payload number", post(search, "{\"vector\": [\(numbers)], \"with_payload\": 5}")),
            ("with_payload numbers", post(search, "{\"vector\": [\(numbers)], \"with_payload\": [5]}")),
            ("query missing", post(query, "{\"limit\": 2}")), ("query nearest string", post(query, "{\"query\": {\"nearest\": \"x\"}}")),
            ("search body list", post(search, "[1, 2]")),
            // Routes and methods.
            ("unknown route", Wire.head("GET", "/nowhere", close: false)), ("DELETE search", Wire.head("DELETE", rag, close: false)),
            ("PATCH health", Wire.head("PATCH", "/health", close: false)), ("OPTIONS embeddings", Wire.head("OPTIONS", embed, close: false)),
            ("PUT a collection", post("/collections/other", "{}")), ("upsert", Wire.head("PUT", "/collections/lesson_chunks/points", length: 2, close: false) + Data("{}".utf8)),
            ("GET search", Wire.head("GET", search, close: false)), ("other collection", post("/collections/other/points/search", "{\"vector\": [1]}")),
            ("dot-dot path", Wire.head("GET", "/collections/../../etc/passwd", close: false)), ("percent path", Wire.head("GET", "/%00%ff%2e%2e", close: false)),
            ("query string on a bad body", post(rag + "?top_k=5", "{\"top_k\": 5}")),
            ("long path", Wire.head("GET", "/" + String(repeating: "a", count: 20_000), close: false)),
            ("many headers", Wire.head("POST", rag, length: 2, headers: (0..<500).map { "X-Many-\($0): \($0)" }, close: false) + Data("{}".utf8)),
        ]
        cases.append(("wrong token header", Wire.head("POST", rag, length: 2, headers: ["Authorization: Bearer nothing-to-see"], close: false) + Data("[]".utf8)))
        return cases
    }

    /// Broken HTTP, or not HTTP: answered 4xx or closed, never a hang.
    static func protocolLevel() -> [(String, Data)] {
        let body = "{\"query\": \"x\"}"
        func raw(_ text: String) -> Data { Data(text.utf8) }
        return [
            ("TLS hello", Data([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + Array(repeating: 0x42, count: 200))),
            ("SSH banner", raw("SSH-2.0-OpenSSH_9.6\r\n")), ("HTTP/2 preface", raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")),
            ("blank lines", raw("\r\n\r\n\r\n")), ("HTTP/9.9", raw("GET /health HTTP/9.9\r\nHost: x\r\n\r\n")),
            ("HTTP/0.9", raw("GET /health\r\n\r\n")), ("no version", raw("GET\r\n\r\n")),
            ("unknown method", raw("BREW /health HTTP/1.1\r\nHost: x\r\n\r\n")), ("lower-case method", raw("get /health HTTP/1.1\r\nHost: x\r\n\r\n")),
            ("CONNECT", raw("CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: x\r\n\r\n")),
            ("upgrade", raw("GET /health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")),
            ("header without colon", raw("GET /health HTTP/1.1\r\nHost x\r\n\r\n")), ("space before colon", raw("GET /health HTTP/1.1\r\nHost : x\r\n\r\n")),
            ("folded header", raw("GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\n\r\n")),
            ("NUL in request line", raw("GET /hea\0lth HTTP/1.1\r\nHost: x\r\n\r\n")), ("NUL in header", raw("GET /health HTTP/1.1\r\nHost: x\0y\r\n\r\n")),
            ("invalid UTF-8 path", Data("GET /".utf8) + Data([0xFF, 0xFE]) + raw(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")),
            ("Content-Length abc", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n\(body)")),
            ("Content-Length -5", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n\(body)")),
            ("Content-Length 10^23", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n\(body)")),
            ("two Content-Lengths", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 15\r\n\r\n\(body)")),
            ("Content-Length and chunked", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nContent-Length: 15\r\nTransfer-Encoding: chunked\r\n\r\n\(body)")),
            ("bad chunk size", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\(body)\r\n0\r\n\r\n")),
            ("huge chunk size", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n\(body)")),
            ("gzip encoding", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n\(body)")),
            ("header flood", raw("GET /health HTTP/1.1\r\nHost: x\r\n" + (0..<10_000).map { "X-Flood-\($0): v\r\n" }.joined() + "\r\n")),
            ("200 KB header", raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 200_000) + "\r\n\r\n")),
            // These two wait for the read timeout: 408 for the body, a silent close for the head.
            ("Content-Length beyond the body", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n\(body)")),
            ("head never ends", raw("GET /health HTTP/1.1\r\nHost: x\r\n")),
            // The bytes beyond a short Content-Length are a second request, and not HTTP.
            ("Content-Length short of the body", raw("POST /v1/rag/search HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n\(body)")),
        ]
    }
}

/// A small seeded generator (SplitMix64), so the fuzzed requests are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}
