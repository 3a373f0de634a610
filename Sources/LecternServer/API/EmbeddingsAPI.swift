import LecternEmbedding

/// `POST /v1/embeddings`, as OpenAI's API: `input` a string or a list of strings, `model`,
/// `encoding_format` float or base64 → `{object: "list", data: [{object: "embedding", index,
/// embedding}], model, usage: {prompt_tokens, total_tokens}}`.
struct EmbeddingsAPI {
    let service: SearchService
    let maxInputs: Int

    /// Names a client may ask for: the model's own, with or without its organisation.
    static let modelNames = ["sentence-transformers/all-minilm-l6-v2", "all-minilm-l6-v2"]

    func handle(_ request: HTTPRequest) throws(APIError) -> HTTPReply {
        let body = try RequestBody(request.body)
        let model = try body.string("model") ?? "all-MiniLM-L6-v2"
        guard Self.modelNames.contains(model.lowercased()) else {
            throw APIError(404, "model \(model) is not served here; this server embeds with \(Embedder.modelID)")
        }
        let texts: [String]
        switch body.value["input"] {
        case .string(let s)?: texts = [s]
        case .array(let list)?:
            guard !list.isEmpty else { throw APIError(400, "input must not be an empty list") }
            guard list.count <= maxInputs else { throw APIError(400, "input holds \(list.count) texts; at most \(maxInputs) per request") }
            var strings: [String] = []
            for (n, item) in list.enumerated() {
                guard let s = item.string else { throw APIError(400, "input[\(n)] must be a string (token arrays are not accepted)") }
                strings.append(s)
            }
            texts = strings
        default: throw APIError(400, "input must be a string or a list of strings")
        }
        let format = try body.string("encoding_format") ?? "float"
        guard format == "float" || format == "base64" else { throw APIError(400, "encoding_format must be float or base64, not \(format)") }
        if let dimensions = try body.integer("dimensions", in: 1...100_000), dimensions != service.embedder.dimension {
            throw APIError(400, "dimensions must be \(service.embedder.dimension) for \(Embedder.modelID)")
        }
        let result = service.embed(texts)
        let h = result.dimension
        var out = "{\"object\":\"list\",\"data\":["
        for n in 0..<result.count {
            if n > 0 { out += "," }
            out += "{\"object\":\"embedding\",\"index\":\(n),\"embedding\":"
            let vector = result.vectors[(n * h)..<((n + 1) * h)]
            if format == "base64" {
                out += "\"" + Base64.encode(floats: vector) + "\""
            } else {
                out += "["
                for (i, x) in vector.enumerated() {
                    if i > 0 { out += "," }
                    JSONWriting.number(x, to: &out)
                }
                out += "]"
            }
            out += "}"
        }
        let tokens = result.inputIDs.reduce(0) { $0 + $1.count }
        out += "],\"model\":"
        JSONWriting.string(model, to: &out)
        out += ",\"usage\":{\"prompt_tokens\":\(tokens),\"total_tokens\":\(tokens)}}"
        return .json(.ok, out)
    }
}
