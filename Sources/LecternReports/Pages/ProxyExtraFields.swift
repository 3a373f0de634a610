import LecternJSON

/// The fields proxies logged beyond the DocType (`extra_json`): tokens and cost read out for the
/// figures, and every key counted with a few of its values for the "fields beyond" table.
struct ProxyExtraFields {
    struct Found {
        var promptTokens = Double.nan
        var completionTokens = Double.nan
        var cost = Double.nan
    }

    private var keys = Interner()
    private var rows: [Int] = []
    private var examples: [Set<String>] = []
    static let examplesKept = 5

    /// Reads one row's `extra_json` (written by the importer, so valid JSON; anything else
    /// gives nothing rather than a failure).
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Found {
        var found = Found()
        guard !bytes.isEmpty else { return found }
        var scanner = JSONScanner(bytes)
        var members: [JSONMember] = []
        do { try scanner.members(into: &members) } catch { return found }
        for member in members {
            let key = UnsafeBufferPointer(rebasing: bytes[member.key.start..<member.key.end])
            let id = Int(keys.id(key))
            guard id >= 0 else { continue }
            if id == rows.count { rows.append(0); examples.append([]) }
            rows[id] += 1
            let value = member.value
            let text = UnsafeBufferPointer(rebasing: bytes[value.start..<value.end])
            if examples[id].count < Self.examplesKept, value.kind != .object, value.kind != .array {
                examples[id].insert(String(decoding: text, as: UTF8.self))
            }
            guard value.kind == .number || value.isString, let number = Double(String(decoding: text, as: UTF8.self)) else { continue }
            switch keys.value(Int32(id)) {
            case "prompt_tokens", "input_tokens": if found.promptTokens.isNaN { found.promptTokens = number }
            case "completion_tokens", "output_tokens": if found.completionTokens.isNaN { found.completionTokens = number }
            case "cost", "cost_usd": if found.cost.isNaN { found.cost = number }
            default: break
            }
        }
        return found
    }

    /// Key → (rows that have it, a few distinct values).
    var table: [String: (rows: Int, examples: Set<String>)] {
        var result: [String: (rows: Int, examples: Set<String>)] = [:]
        for (id, count) in rows.enumerated() { result[keys.values[id]] = (count, examples[id]) }
        return result
    }
}
