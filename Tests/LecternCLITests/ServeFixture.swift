import Foundation

/// A `lectern-query serve` process on a free port, over an index built from the sample content
/// once per test run, and a plain-socket HTTP/1.1 client to talk to it.
final class ServeFixture {
    /// The sample courses built into a temporary index (embeds 140 chunks once: lessons and the sample sources).
    static let sampleIndex: Result<String, Error> = Result {
        let folder = try CLI.temporaryDirectory()
        let result = try CLI.run(["build", "--content", CLI.repositoryRoot + "/content", "--output", folder])
        guard result.status == 0 else { throw CLIError("lectern build failed: \(result.stderr)") }
        return folder + "/index/lectern.index"
    }

    static let queryBinary = (CLI.binary as NSString).deletingLastPathComponent + "/lectern-query"

    let process = Process()
    let port: Int
    let output = Pipe()

    init(index: String? = nil, arguments: [String] = [], environment: [String: String] = [:]) throws {
        let path = try index ?? Self.sampleIndex.get()
        process.executableURL = URL(fileURLWithPath: Self.queryBinary)
        process.arguments = ["serve", "--index", path, "--port", "0"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.repositoryRoot)
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CLIError("lectern-query serve exited before listening") }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = text.range(of: ":", options: .backwards), let port = Int(text[colon.upperBound...].prefix { $0.isNumber }) else {
            throw CLIError("no port in: \(text)")
        }
        self.port = port
    }

    deinit {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    func request(_ method: String, _ path: String, json: Any? = nil, body: Data? = nil, headers: [String: String] = [:]) throws -> Response {
        let payload = try body ?? json.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n"
        if json != nil { head += "Content-Type: application/json\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let connection = try Connection(port: port)
        try connection.send(Data((head + "\r\n").utf8) + payload)
        return try Self.parse(connection.readAll())
    }

    static func parse(_ data: Data) throws -> Response {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { throw CLIError("no HTTP response: \(String(decoding: data, as: UTF8.self))") }
        let lines = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Data(data[split.upperBound...]))
    }

    /// SIGTERM, then the exit status.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A TCP connection to 127.0.0.1 with plain POSIX calls, so a test can send any bytes at any pace.
final class Connection {
    let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socket); throw CLIError("cannot connect to port \(port)") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    func send(_ data: Data) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.send(socket, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw CLIError("send failed: \(String(cString: strerror(errno)))") }
                offset += n
            }
        }
    }

    /// Everything until the server closes the connection (or 30 s pass).
    func readAll() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(socket, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }
}
