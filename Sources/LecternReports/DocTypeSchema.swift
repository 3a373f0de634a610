/// What a field of an AI-tutor DocType holds, and so how an imported value is checked and stored.
public enum FieldKind: Sendable, Equatable {
    case text
    /// Text limited to a fixed set of values (`status`, `role`, `event_type`).
    case choice([String])
    case integer(nonNegative: Bool)
    case real(nonNegative: Bool)
    /// Stored as UTC Unix seconds; naive values are read in the import's time zone.
    case datetime
    /// Frappe Check: 0/1/true/false, stored as 0 or 1.
    case check
    /// A JSON value kept as JSON text (`citations`, `tool_calls`).
    case json
}

public struct FieldSpec: Sendable {
    public let name: String
    public let kind: FieldKind
}

/// One DocType's table: its fields (the standard ones first), its CSV labels, its child table.
/// A class: every record refers to its schema, and copying the struct per row showed in profiles.
public final class DocTypeSchema: Sendable {
    public let doctype: String
    public let table: String
    /// name, creation, modified, owner, then the DocType's own fields, in column order.
    public let fields: [FieldSpec]
    /// The child-table field and its table (AI FAQ Draft `items` → ai_faq_item), if any.
    public let child: (field: String, table: String, fields: [FieldSpec])?
    /// Header or key → field index: fieldnames, Data Import labels, and their lower-case forms.
    let lookup: [String: Int]

    init(_ doctype: String, _ own: [(String, FieldKind)], child: (field: String, table: String, fields: [FieldSpec])? = nil) {
        let standard: [(String, FieldKind)] = [("name", .text), ("creation", .datetime), ("modified", .datetime), ("owner", .text)]
        self.doctype = doctype
        self.table = doctype.lowercased().split(separator: " ").joined(separator: "_")
        self.fields = (standard + own).map { FieldSpec(name: $0.0, kind: $0.1) }
        self.child = child
        var lookup: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            for key in [field.name, DocTypeSchema.label(of: field.name)] {
                lookup[key] = index
                lookup[key.lowercased()] = lookup[key.lowercased()] ?? index
            }
        }
        // Labels Frappe's Data Import export writes that the title-case rule does not give.
        let specials = ["ID": "name", "Created On": "creation", "Last Updated On": "modified", "Owner": "owner",
                        "Created By": "owner", "Latency (ms)": "latency_ms"]
        for (label, name) in specials {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                lookup[label] = index
                lookup[label.lowercased()] = index
            }
        }
        self.lookup = lookup
    }

    /// The Data Import label of a fieldname: words title-cased, underscores as spaces.
    public static func label(of field: String) -> String {
        field.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// The field index for a key or CSV header (exact first, then ignoring case and outer spaces).
    public func fieldIndex(forKey key: String) -> Int? {
        if let index = lookup[key] { return index }
        return lookup[key.trimmingSpaces.lowercased()]
    }

    public var columnNames: [String] { fields.map(\.name) + ["extra_json", "source_file"] }

    /// Cells of one row: the fields, then extra_json and source_file.
    var columnCount: Int { fields.count + 2 }

    /// Cells of one child row: idx, the child's fields, extra_json (the parent's name is bound
    /// before them).
    var childColumnCount: Int { (child?.fields.count ?? 0) + 2 }

    /// What a record's key is for this DocType.
    func role(ofKey key: String) -> KeyRole {
        if let index = fieldIndex(forKey: key) { return .field(index) }
        if let child, key == child.field { return .child }
        if Self.isDoctypeKey(key) { return .doctype }
        return .extra(name: Array(Self.fieldName(ofLabel: key).utf8))
    }

    /// The key that names a record's DocType; it is not data of the row.
    static func isDoctypeKey(_ key: String) -> Bool {
        key == "doctype" || key == "DocType" || key == "Doctype"
    }

    /// Unknown CSV columns carry Data Import labels ("Prompt Tokens"); stored under the fieldname
    /// a JSON export of the same proxy would use ("prompt_tokens"), so both land under one key.
    static func fieldName(ofLabel key: String) -> String {
        guard key.contains(where: { $0 == " " || $0.isUppercase }), !key.contains("_") else { return key }
        let words = key.split(separator: "(")[0].split(whereSeparator: { $0 == " " || $0 == "-" })
        let name = words.map { $0.lowercased() }.joined(separator: "_")
        return name.isEmpty ? key : name
    }
}

/// What a key (JSON) or header (CSV) of a record means for its DocType.
enum KeyRole {
    /// A column of the DocType's table, by field index.
    case field(Int)
    /// The child table's field (`items` of an AI FAQ Draft).
    case child
    /// `doctype`: names the record's DocType, stored nowhere.
    case doctype
    /// Unknown: kept in `extra_json` under this name.
    case extra(name: [UInt8])
}

extension String {
    var trimmingSpaces: Substring {
        var s = self[...]
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return s
    }
}

/// The AI-tutor DocTypes of DESIGN.md ("AI tutor logs").
public enum DocTypes {
    public static let all: [DocTypeSchema] = [
        DocTypeSchema("AI Chat Session", [
            ("user", .text), ("course", .text), ("lesson", .text),
            ("chapter_index", .integer(nonNegative: true)), ("lesson_index", .integer(nonNegative: true)),
            ("started_at", .datetime), ("ended_at", .datetime),
            ("token_usage_prompt", .integer(nonNegative: true)), ("token_usage_completion", .integer(nonNegative: true)),
            ("cost_estimate", .real(nonNegative: true)),
        ]),
        DocTypeSchema("AI Chat Message", [
            ("session", .text), ("role", .choice(["system", "user", "assistant"])), ("content", .text),
            ("citations", .json), ("tool_calls", .json),
        ]),
        DocTypeSchema("AI Guardrail Event", [
            ("time", .datetime), ("user", .text), ("course", .text), ("lesson", .text), ("source", .text),
            ("event_type", .choice(["Injection", "Sensitive"])), ("snippet", .text), ("notes", .text),
        ]),
        DocTypeSchema("AI Proxy Log", [
            ("time", .datetime), ("user", .text), ("course", .text), ("lesson", .text), ("model", .text),
            ("status", .choice(["success", "error"])), ("latency_ms", .real(nonNegative: true)),
            ("status_code", .integer(nonNegative: true)), ("error_message", .text),
        ]),
        DocTypeSchema("AI External Source", [
            ("course", .text), ("lesson", .text), ("title", .text), ("url", .text), ("allowed", .check),
            ("status", .text), ("last_fetched_at", .datetime), ("mime_type", .text), ("error", .text),
        ]),
        DocTypeSchema("AI Knowledge Index Run", [
            ("course", .text), ("lesson", .text), ("status", .text), ("chunk_count", .integer(nonNegative: true)),
            ("last_indexed_at", .datetime), ("notes", .text),
        ]),
        DocTypeSchema("AI FAQ Draft", [], child: (field: "items", table: "ai_faq_item",
                                                  fields: [FieldSpec(name: "question", kind: .text), FieldSpec(name: "answer", kind: .text)])),
    ]

    /// The position of `schema` in `all`.
    static func index(of schema: DocTypeSchema) -> Int {
        all.firstIndex { $0 === schema }!
    }

    /// A DocType by its name, exactly or ignoring case, `_`/`-` for spaces (so file names match).
    public static func named(_ name: String) -> DocTypeSchema? {
        let key = name.lowercased().map { $0 == "_" || $0 == "-" ? " " : $0 }
        let wanted = String(key).split(separator: " ").joined(separator: " ")
        return all.first { $0.doctype.lowercased() == wanted }
    }
}
