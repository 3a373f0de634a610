import LecternJSON

/// The fields proxies logged beyond the DocType (`extra_json`): tokens and cost read out for the
/// figures, and every key counted with a few of its values for the "fields beyond" table.
struct ProxyExtraFields {
    struct Found {
        var promptTokens = Double.nan
        var completionTokens = Double.nan
        var cost = Double.nan
    }

    /// What a key's value is to the figures, decided once per distinct key.
    private enum Role {
        case promptTokens, completionTokens, cost, other

        init(_ key: String?) {
            switch key {
            case "prompt_tokens", "input_tokens": self = .promptTokens
            case "completion_tokens", "output_tokens": self = .completionTokens
            case "cost", "cost_usd": self = .cost
            default: self = .other
            }
        }
    }

    private var keys = Interner()
    private var roles: [Role] = []
    private var rows: [Int] = []
    private var examples: [Set<String>] = []
    private var members: [JSONMember] = []
    static let examplesKept = 5

    /// Reads one row's `extra_json` (written by the importer, so valid JSON; anything else
    /// gives nothing rather than a failure).
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Found {
        var found = Found()
        guard !bytes.isEmpty else { return found }
        var scanner = JSONScanner(bytes)
        members.removeAll(keepingCapacity: true)
        do { try scanner.members(into: &members) } catch { return found }
        for member in members {
            let key = UnsafeBufferPointer(rebasing: bytes[member.key.start..<member.key.end])
            let id = Int(keys.id(key))
            guard id >= 0 else { continue }
            if id == rows.count { rows.append(0); examples.append([]); roles.append(Role(keys.value(Int32(id)))) }
            rows[id] += 1
            let value = member.value
            let text = UnsafeBufferPointer(rebasing: bytes[value.start..<value.end])
            if examples[id].count < Self.examplesKept, value.kind != .object, value.kind != .array {
                examples[id].insert(String(decoding: text, as: UTF8.self))
            }
            let role = roles[id]
            guard role != .other, value.kind == .number || value.isString, let number = NumberText.double(text) else { continue }
            switch role {
            case .promptTokens: if found.promptTokens.isNaN { found.promptTokens = number }
            case .completionTokens: if found.completionTokens.isNaN { found.completionTokens = number }
            case .cost: if found.cost.isNaN { found.cost = number }
            case .other: break
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
