import LecternJSON

/// The JSON object of a request body, with typed reads that answer 400 naming the field.
struct RequestBody {
    let value: JSONValue

    init(_ bytes: [UInt8]) throws(APIError) {
        guard !bytes.isEmpty else { throw APIError(400, "the request has no body; send a JSON object") }
        // JSON text is UTF-8 (RFC 8259 §8.1); a broken byte inside a string would otherwise be
        // searched for as U+FFFD.
        guard String(validating: bytes, as: UTF8.self) != nil else { throw APIError(400, "the body is not valid UTF-8") }
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw APIError(400, "the body is not valid JSON (line \(error.line): \(error.reason))")
        }
        guard case .object = value else { throw APIError(400, "the body must be a JSON object") }
    }

    func has(_ key: String) -> Bool {
        guard let v = value[key] else { return false }
        return !v.isNull
    }

    func string(_ key: String) throws(APIError) -> String? {
        guard let v = value[key], !v.isNull else { return nil }
        guard let s = v.string else { throw APIError(400, "\(key) must be a string") }
        return s
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let v = value[key], !v.isNull else { return nil }
        guard let n = v.integer else { throw APIError(400, "\(key) must be a whole number") }
        guard range.contains(n) else { throw APIError(400, "\(key) must be between \(range.lowerBound) and \(range.upperBound), not \(n)") }
        return n
    }
}
