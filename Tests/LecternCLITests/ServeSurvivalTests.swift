import Foundation
import Testing

/// `lectern-query serve` under hostile or unlucky traffic: malformed requests, trickling clients,
/// huge bodies, an index replaced under load and SIGTERM mid-burst. Each test asks for no crash,
/// no 5xx, no hang and no wrong answer, then checks that the server still answers correctly.
@Suite(.serialized)
struct ServeSurvivalTests {
    static let question = "How do I undo my last commit?"

    /// The sample's answer to `question` still comes first: the server is fine, not just alive.
    static func expectStillRight(_ server: ServeFixture, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(server.process.isRunning, "the server is still running", sourceLocation: sourceLocation)
        let answer = try server.request("POST", "/v1/rag/search", json: ["query": question, "top_k": 3])
        let first = (answer.json["results"] as? [[String: Any]])?.first ?? [:]
        #expect(answer.status == 200 && first["lesson"] as? String == "9a7f3c1d20", "\(answer.status) \(answer.text.prefix(300))",
                sourceLocation: sourceLocation)
        let metrics = try server.request("GET", "/metrics").text
        #expect(!metrics.contains("status=\"5"), "no 5xx was ever answered:\n\(metrics)", sourceLocation: sourceLocation)
    }

    // MARK: 1,000 malformed requests

    @Test func aThousandMalformedRequestsGetClientErrors() throws {
        let server = try ServeFixture(arguments: ["--read-timeout", "2"])
        let probes = MalformedRequests.make(count: 1000, vector: try Self.vector(server))
        #expect(probes.count == 1000)
        // Well-formed HTTP with a bad request in it goes over keep-alive connections, 25 in a row
        // (a bad request must not spoil the connection; in a row, because an idle connection is
        // rightly closed after the read timeout); the rest each get a connection of their own.
        let kept = probes.filter { $0.expect == .clientError }
        let jobs = stride(from: 0, to: kept.count, by: 25).map { Array(kept[$0..<min(kept.count, $0 + 25)]) }
            + probes.filter { $0.expect != .clientError }.map { [$0] }
        let failures = Shared([String]())
        let next = Shared(0)
        let port = server.port
        onThreads(6) { _ in
            while true {
                let n = next.update { value in defer { value += 1 }; return value }
                guard n < jobs.count else { break }
                guard let wire = try? Wire(port: port) else { failures.update { $0.append("\(jobs[n][0].name): cannot connect") }; continue }
                guard jobs[n][0].expect == .clientError else {
                    if let problem = jobs[n][0].check(wire.exchangeUntilClosed(jobs[n][0].bytes)) { failures.update { $0.append(problem) } }
                    continue
                }
                for probe in jobs[n] {
                    if let problem = probe.check(wire.exchange(probe.bytes)) { failures.update { $0.append(problem) } }
                }
                // After them all, the same connection still serves a good request.
                if case .response(let ok) = wire.exchange(Wire.request("GET", "/health", close: false)), ok.status == 200 {} else {
                    failures.update { $0.append("keep-alive connection unusable after: \(jobs[n].map(\.name))") }
                }
            }
        }
        let found = failures.value
        #expect(found.isEmpty, "\(found.count) bad outcomes, first ones:\n\(found.prefix(15).joined(separator: "\n"))")
        try Self.expectStillRight(server)
    }

    /// The question's vector from the server itself, for Qdrant-shaped probes.
    static func vector(_ server: ServeFixture) throws -> [Double] {
        let embedded = try server.request("POST", "/v1/embeddings", json: ["input": question])
        return ((embedded.json["data"] as? [[String: Any]])?.first?["embedding"] as? [Double]) ?? []
    }

    // MARK: clients that send one byte a second

    @Test func tricklingClientsAreCutOffWhileOthersAreServed() throws {
        // Slack for a loaded CI machine; a server that never cuts them off fails by seconds more.
        let timeout = 2.0, slack = 2.5
        let server = try ServeFixture(arguments: ["--read-timeout", "2"])
        let port = server.port
        let body = Data("{\"query\": \"loops\"}".utf8)
        // A head that never ends; a whole head then a body that trickles; and a keep-alive
        // connection that trickles its second request after a prompt first one.
        let slow: [(name: String, prefix: Data, trickled: Data, wants408: Bool)] = [
            ("head", Data(), Wire.request("POST", "/v1/rag/search", body: body), false),
            ("body", Wire.head("POST", "/v1/rag/search", length: body.count), body, true),
            ("after a response", Wire.request("GET", "/health", close: false), Wire.request("GET", "/health"), false),
        ]
        let outcomes = Shared([String: (seconds: Double, status: Int?)]())
        let promptAnswers = Shared([Double]())
        let slowDone = Shared(0)
        onThreads(slow.count + 1) { n in
            if n == slow.count {
                // A normal client meanwhile: each of its requests is answered at once.
                while slowDone.value < slow.count {
                    let start = Date()
                    guard let wire = try? Wire(port: port), case .response(let r) = wire.exchange(Wire.request("POST", "/v1/rag/search", body: body)),
                          r.status == 200 else { promptAnswers.update { $0.append(.infinity) }; return }
                    promptAnswers.update { $0.append(Date().timeIntervalSince(start)) }
                    usleep(200_000)
                }
                return
            }
            defer { slowDone.update { $0 += 1 } }
            let client = slow[n]
            guard let wire = try? Wire(port: port, timeout: 1) else { return }
            var start = Date()
            if !client.prefix.isEmpty {
                _ = wire.send(client.prefix)
                // The deadline starts again from the previous response.
                if client.name == "after a response" { _ = wire.next(); start = Date() }
            }
            var status: Int?
            loop: for byte in client.trickled where Date().timeIntervalSince(start) < timeout + slack + 2 {
                guard wire.send(Data([byte])) else { break }
                switch wire.next() {  // waits up to 1 s: the pace of the trickle
                case .response(let r):
                    status = r.status
                    _ = wire.next()  // then the close
                    break loop
                case .closed: break loop
                case .timedOut: continue
                }
            }
            outcomes.update { $0[client.name] = (Date().timeIntervalSince(start), status) }
        }
        for client in slow {
            let outcome = outcomes.value[client.name]
            #expect(outcome != nil, "\(client.name): the trickling client finished")
            guard let outcome else { continue }
            #expect(outcome.seconds >= timeout - 0.3 && outcome.seconds <= timeout + slack,
                    "\(client.name): cut off after \(outcome.seconds) s, read timeout \(timeout) s")
            #expect(outcome.status == (client.wants408 ? 408 : nil), "\(client.name): answered \(String(describing: outcome.status))")
        }
        let prompt = promptAnswers.value
        #expect(prompt.count >= 3 && prompt.allSatisfy { $0 < 1.5 }, "normal requests meanwhile took \(prompt) s")
        try Self.expectStillRight(server)
    }

    // MARK: 10 MB bodies

    @Test func tenMegabyteBodiesAreRefusedAndClosed() throws {
        let server = try ServeFixture(arguments: ["--read-timeout", "2"])
        try Self.expectStillRight(server)  // the model's pages are in before memory is measured
        let before = try Self.residentMegabytes(server)
        let tenMB = Data(repeating: UInt8(ascii: "a"), count: 10 << 20)
        var chunked = Data()
        for offset in stride(from: 0, to: tenMB.count, by: 1 << 16) { chunked += Data("10000\r\n".utf8) + tenMB[offset..<offset + (1 << 16)] + Data("\r\n".utf8) }
        chunked += Data("0\r\n\r\n".utf8)
        // What each must first be answered (NIO refuses an overlong head with 400 or 431).
        let cases: [(name: String, bytes: Data, first: Set<Int>)] = [
            ("Content-Length", Wire.head("POST", "/v1/rag/search", length: tenMB.count) + tenMB, [413]),
            ("chunked", Wire.head("POST", "/v1/embeddings", headers: ["Transfer-Encoding: chunked"]) + chunked, [413]),
            // No length: a POST without a body, complete, so it is answered (400) before the
            // connection is closed over the 10 MB after it, which are not HTTP.
            ("no length", Wire.head("POST", "/collections/lesson_chunks/points/search", close: false) + tenMB, [400]),
            ("10 MB header", Data("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ".utf8) + tenMB + Data("\r\n\r\n".utf8), [400, 431]),
            ("10 MB path", Data("GET /".utf8) + tenMB + Data(" HTTP/1.1\r\nHost: x\r\n\r\n".utf8), [400, 414, 431]),
        ]
        let port = server.port
        let outcomes = Shared([(name: String, statuses: [Int], closed: Bool)]())
        // Three rounds, all cases at once: refused bytes must not pile up in memory.
        for _ in 0..<3 {
            onThreads(cases.count) { n in
                let item = cases[n]
                guard let wire = try? Wire(port: port, timeout: 5) else { return outcomes.update { $0.append((item.name, [], false)) } }
                let outcome = wire.sendWhileReading(item.bytes)
                outcomes.update { $0.append((item.name, outcome.statuses, outcome.closed)) }
            }
        }
        for item in cases {
            let seen = outcomes.value.filter { $0.name == item.name }
            #expect(seen.count == 3 && seen.allSatisfy { outcome in
                outcome.closed && outcome.statuses.first.map(item.first.contains) == true && outcome.statuses.allSatisfy { (400..<500).contains($0) }
            }, "\(item.name): \(seen.map { "\($0.statuses) closed \($0.closed)" })")
        }
        let after = try Self.residentMegabytes(server)
        #expect(after - before < 100, "resident memory grew from \(before) MB to \(after) MB")
        try Self.expectStillRight(server)
    }

    static func residentMegabytes(_ server: ServeFixture) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(server.process.processIdentifier)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    // MARK: the index replaced during a load run

    /// An index of git-basics alone (43 chunks), built once.
    static let scopedIndex: Result<String, Error> = Result {
        let folder = try CLI.temporaryDirectory()
        let build = try CLI.run(["build", "--content", CLI.repositoryRoot + "/content", "--output", folder, "--course", "git-basics"])
        guard build.status == 0 else { throw CLIError("lectern build --course git-basics failed: \(build.stderr)") }
        return folder + "/index/lectern.index"
    }

    @Test func replacingTheIndexUnderLoadFailsNoRequest() throws {
        let full = try ServeFixture.sampleIndex.get(), scoped = try Self.scopedIndex.get()
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let served = folder + "/lectern.index"
        try FileManager.default.copyItem(atPath: full, toPath: served)
        let server = try ServeFixture(index: served, arguments: ["--read-timeout", "2"])
        let vector = try Self.vector(server)
        let port = server.port
        let stop = Shared(false)
        let problems = Shared([String]())
        let counts = Shared(Set<Int>())
        let answered = Shared(0)
        let swaps = [scoped, full, scoped, full, scoped, full, scoped]
        var threads = 5
        let done = DispatchSemaphore(value: 0)
        for worker in 0..<threads {
            Thread {
                defer { done.signal() }
                var wire: Wire?
                var n = worker
                while !stop.value {
                    n += 1
                    if wire == nil { wire = try? Wire(port: port) }
                    let check = IndexSwapChecks.all[n % IndexSwapChecks.all.count]
                    guard let connection = wire, case .response(let response) = connection.exchange(check.request(vector)) else {
                        problems.update { $0.append("\(check.name): no response (connection failed or closed)") }
                        wire = nil
                        continue
                    }
                    if response.headers["connection"] == "close" { wire = nil }
                    switch check.verify(response, vector) {
                    case .success(let count):
                        if let count { counts.update { $0.insert(count) } }
                        answered.update { $0 += 1 }
                    case .failure(let problem): problems.update { $0.append("\(check.name): \(problem.description)") }
                    }
                }
            }.start()
        }
        // Each replacement is written beside the served file and renamed over it, as a build does.
        for (n, source) in swaps.enumerated() {
            usleep(1_100_000)
            let temporary = folder + "/next-\(n).tmp"
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
            #expect(rename(temporary, served) == 0)
        }
        usleep(1_100_000)
        stop.value = true
        while threads > 0 { done.wait(); threads -= 1 }

        let found = problems.value
        #expect(found.isEmpty, "\(found.count) failed or inconsistent answers out of \(answered.value + found.count):\n\(found.prefix(10).joined(separator: "\n"))")
        #expect(counts.value == [140, 44], "both indexes were seen during the run: \(counts.value)")
        #expect(answered.value > 100, "\(answered.value) answers")
        let health = try server.request("GET", "/health").json
        #expect(health["chunks"] as? Int == 44 && health["reloads"] as? Int == swaps.count && health["last_reload_error"] is NSNull, "\(health)")
        try Self.expectStillRight(server)
    }

    // MARK: SIGTERM during a burst

    @Test func sigtermDuringABurstAnswersWhatIsInProgress() throws {
        let server = try ServeFixture(arguments: ["--read-timeout", "10", "--workers", "2"])
        let port = server.port
        let paragraph = String(repeating: "Branches let you work on a change without touching the main line of history. ", count: 10)
        // About a second of work on two workers: in progress at the signal, well within the drain
        // limit (the read timeout) even on a busy machine.
        let texts = (0..<4).map { "\($0) \(paragraph)" }
        let body = try JSONSerialization.data(withJSONObject: ["input": texts, "model": "all-MiniLM-L6-v2"])
        let burst = 8
        let sent = DispatchSemaphore(value: 0)
        let answers = Shared([(status: Int, vectors: Int, at: Date)]())
        let failures = Shared([String]())
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<burst {
            Thread {
                defer { done.signal() }
                guard let wire = try? Wire(port: port, timeout: 15) else { sent.signal(); return failures.update { $0.append("cannot connect") } }
                let ok = wire.send(Wire.request("POST", "/v1/embeddings", body: body))
                sent.signal()
                guard ok, case .response(let r) = wire.next() else { return failures.update { $0.append("no answer after SIGTERM") } }
                let data = (r.json["data"] as? [[String: Any]]) ?? []
                let full = data.filter { ($0["embedding"] as? [Double])?.count == 384 }.count
                answers.update { $0.append((r.status, full, Date())) }
            }.start()
        }
        for _ in 0..<burst { sent.wait() }
        usleep(150_000)  // the server has read them all: they are queued or being embedded
        let signalled = Date()
        kill(server.process.processIdentifier, SIGTERM)
        for _ in 0..<burst { done.wait() }
        server.process.waitUntilExit()
        let exited = Date()

        let got = answers.value
        #expect(failures.value.isEmpty, "\(failures.value)")
        #expect(got.count == burst && got.allSatisfy { $0.status == 200 && $0.vectors == texts.count }, "\(got.map { ($0.status, $0.vectors) })")
        #expect(got.contains { $0.at > signalled }, "some requests were still in progress at SIGTERM (else this tests nothing)")
        let lastAnswer = got.map(\.at).max() ?? signalled
        #expect(exited.timeIntervalSince(lastAnswer) < 2, "exited \(exited.timeIntervalSince(lastAnswer)) s after the last answer")
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0,
                "exit status \(server.process.terminationStatus), reason \(server.process.terminationReason.rawValue)")
    }
}
