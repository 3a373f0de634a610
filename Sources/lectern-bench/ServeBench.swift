import Foundation
import LecternEmbedding
import LecternIndex

/// `lectern-query serve` under load: a 100,000-chunk index (the index benchmark's corpus),
/// Debian's `wrk` with 16 keep-alive connections posting varied questions to /v1/rag/search,
/// then the same while a build replaces the index file every two seconds.
enum ServeBench {
    static let connections = 16
    static let seconds = 20

    static func run(outputDirectory: String) throws {
        var report = BenchReport(name: "serve")
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else {
            print("serve: wrk is not installed (apt-get install wrk); skipped")
            return
        }
        let work = benchScratchFolder(outputDirectory)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let indexPath = work + "/serve-100k.lectern"
        let questions = corpusQuestions()
        // The index benchmark's corpus takes a minute to embed: kept between runs (output/ is not committed).
        if (try? IndexReader(path: indexPath))?.count != IndexBench.records {
            let records = try corpus()
            print("serve: writing \(records.count) records to \(indexPath)")
            try IndexWriter.write(records, modelID: Embedder.modelID, to: indexPath)
        }
        if let median = try firstAnswerMilliseconds() {
            report.add("cli_first_answer_ms", median, "ms (median of 9: `lectern-query QUESTION` on the sample index, process start to exit)")
        }
        let script = work + "/serve-search.lua"
        try luaScript(questions).write(toFile: script, atomically: true, encoding: .utf8)
        let server = try ServerProcess(index: indexPath)
        defer { server.stop() }
        report.add("startup_ms", server.startupMilliseconds, "ms (process start to listening, 100k index)")
        let steady = try Wrk.run(wrk, url: "http://127.0.0.1:\(server.port)/v1/rag/search", script: script,
                                 connections: connections, seconds: seconds)
        steady.add(to: &report, prefix: "search")

        // The same load while the index is replaced (a copy written beside it and renamed into
        // place, as a build does) every 2 s.
        let replacer = Thread {
            for _ in 0..<(seconds / 2) {
                Thread.sleep(forTimeInterval: 2)
                let copy = indexPath + ".next"
                try? FileManager.default.removeItem(atPath: copy)
                try? FileManager.default.copyItem(atPath: indexPath, toPath: copy)
                rename(copy, indexPath)
            }
        }
        replacer.start()
        let replaced = try Wrk.run(wrk, url: "http://127.0.0.1:\(server.port)/v1/rag/search", script: script,
                                   connections: connections, seconds: seconds)
        replaced.add(to: &report, prefix: "search_while_replaced")
        report.add("reloads", Double(server.reloads()), "index reloads seen by the server")
        report.notes["load"] = "wrk -t2 -c\(connections) -d\(seconds)s, POST /v1/rag/search {query, top_k: 5}, \(questions.count) questions in turn"
        report.notes["records"] = String(IndexBench.records)
        report.notes["openblas_core"] = OpenBLASKernel.coreName
        try report.write(to: outputDirectory)
    }

    /// Start-up to first answer: `lectern-query "…"` on the sample index that `make` builds
    /// (nil when it is not there), from process start to exit, median of nine runs.
    static func firstAnswerMilliseconds() throws -> Double? {
        let index = "output/index"
        guard FileManager.default.fileExists(atPath: index + "/lectern.index") else {
            print("serve: no sample index in \(index) (run `make`); first-answer time skipped")
            return nil
        }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lectern-query")
        var times: [Double] = []
        for question in ["How do I undo my last commit?", "What is a primary key?", "How does photosynthesis work?"] {
            for _ in 0..<3 {
                let process = Process()
                process.executableURL = binary
                process.arguments = [question, "--index", index]
                process.standardOutput = FileHandle.nullDevice
                let t0 = now()
                try process.run()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else { throw BenchError("lectern-query exited with \(process.terminationStatus)") }
                times.append((now() - t0) * 1000)
            }
        }
        print(String(format: "serve: question to answer with the command line: %.0f ms (median of %d)", quantile(times, 0.5), times.count))
        return quantile(times, 0.5)
    }

    /// The index benchmark's 100,000 records.
    static func corpus() throws -> [IndexRecord] {
        var texts = LessonTexts(seed: 20_261_126)
        let paragraphs = (0..<IndexBench.paragraphs).map { texts.paragraph(topic: $0 % LessonTexts.topics.count) }
        print("serve: embedding \(paragraphs.count) paragraphs (2 threads)")
        let base = try Embedder(threads: 2).embed(paragraphs, batchSize: 32)
        return IndexBench.mix(base.vectors, texts: paragraphs, dimension: base.dimension).0
    }

    /// Distinct questions, up to 20,000: the generator's templates give about 1,600, fewer than a
    /// run sends, so questions come round again (the server keeps no cache: a repeat costs the same).
    static func corpusQuestions() -> [String] {
        var texts = LessonTexts(seed: 7)
        var seen = Set<String>()
        var questions: [String] = []
        var attempts = 0
        while questions.count < 20_000 && attempts < 200_000 {
            attempts += 1
            let q = texts.question(topic: attempts % LessonTexts.topics.count)
            if seen.insert(q).inserted { questions.append(q) }
        }
        return questions
    }

    /// Each request body made here as JSON and handed to Lua as a long string, so no
    /// question's characters need Lua quoting.
    static func luaScript(_ questions: [String]) -> String {
        let bodies = questions.map { question -> String in
            let data = try! JSONSerialization.data(withJSONObject: ["query": question, "top_k": 5], options: [.sortedKeys])
            return "[==[" + String(decoding: data, as: UTF8.self) + "]==]"
        }
        return """
            local bodies = {\(bodies.joined(separator: ",\n"))}
            local n = 0
            request = function()
              n = n + 1
              return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[(n % #bodies) + 1])
            end
            """
    }
}

/// `lectern-query serve` in a child process on a free port.
final class ServerProcess {
    let process = Process()
    let port: Int
    let startupMilliseconds: Double

    init(index: String) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lectern-query").path
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--index", index, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        let t0 = now()
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw BenchError("lectern-query serve exited before listening") }
            line.append(chunk)
        }
        startupMilliseconds = (now() - t0) * 1000
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = text.range(of: ":", options: .backwards), let port = Int(text[colon.upperBound...].prefix { $0.isNumber }) else {
            throw BenchError("cannot read the port from: \(text)")
        }
        self.port = port
    }

    /// `lectern_index_reloads_total` from /metrics, over a plain socket (no URLSession here).
    func reloads() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return -1 }
        let request = Array("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return -1 }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("lectern_index_reloads_total ") }) else { return -1 }
        return Int(line.split(separator: " ")[1]) ?? -1
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

/// One `wrk` run and the figures of its report.
struct Wrk {
    var requestsPerSecond = 0.0
    var p50 = 0.0, p90 = 0.0, p99 = 0.0
    var requests = 0
    var errors = 0

    static func run(_ wrk: String, url: String, script: String, connections: Int, seconds: Int) throws -> Wrk {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", script, url]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// wrk prints "Requests/sec: 512.3", latency lines "50%   12.3ms", "N requests in …",
    /// "Non-2xx or 3xx responses: N" and "Socket errors: connect 0, read 0, write 0, timeout 0".
    static func parse(_ text: String) -> Wrk {
        var result = Wrk()
        func milliseconds(_ s: Substring) -> Double {
            let number = Double(s.prefix { $0.isNumber || $0 == "." }) ?? .nan
            if s.hasSuffix("us") { return number / 1000 }
            if s.hasSuffix("ms") { return number }
            if s.hasSuffix("s") { return number * 1000 }
            return number
        }
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let first = words.first else { continue }
            switch first {
            case "Requests/sec:": result.requestsPerSecond = Double(words[1]) ?? 0
            case "50%": result.p50 = milliseconds(words[1])
            case "90%": result.p90 = milliseconds(words[1])
            case "99%": result.p99 = milliseconds(words[1])
            case "Non-2xx": result.errors += Int(words.last!) ?? 0
            case "Socket":
                for part in words.dropFirst(2) { result.errors += Int(part.filter(\.isNumber)) ?? 0 }
            default:
                if words.count > 1, words[1] == "requests", let n = Int(first) { result.requests = n }
            }
        }
        return result
    }

    func add(to report: inout BenchReport, prefix: String) {
        report.add("\(prefix)_requests_per_s", requestsPerSecond, "req/s (16 connections)")
        report.add("\(prefix)_p50_ms", p50, "ms")
        report.add("\(prefix)_p90_ms", p90, "ms")
        report.add("\(prefix)_p99_ms", p99, "ms")
        report.add("\(prefix)_requests", Double(requests), "")
        report.add("\(prefix)_errors", Double(errors), "(non-2xx and socket errors)")
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
