import NIOHTTP1

/// A request as the API handlers see it: read whole, headers by lower-case name.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var path: String
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: HTTPMethod, path: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

public struct HTTPReply: Sendable {
    public var status: HTTPResponseStatus
    public var contentType: String
    public var body: [UInt8]
    public var headers: [(String, String)] = []

    public init(status: HTTPResponseStatus, contentType: String = "application/json", body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    public static func json(_ status: HTTPResponseStatus = .ok, _ text: String) -> HTTPReply {
        HTTPReply(status: status, body: Array(text.utf8))
    }

    /// `{"error": {"message": …, "type": …}}`: the shape OpenAI clients read errors from.
    public static func error(_ status: HTTPResponseStatus, _ message: String) -> HTTPReply {
        var text = "{\"error\":{\"message\":"
        JSONWriting.string(message, to: &text)
        text += ",\"type\":"
        JSONWriting.string(status.code >= 500 ? "server_error" : "invalid_request_error", to: &text)
        text += ",\"code\":\(status.code)}}"
        return json(status, text)
    }
}
