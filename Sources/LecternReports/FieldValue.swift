import LecternJSON

/// A field's value as read from an export, before its column decides what it is: the bytes
/// stay where the reader found them (the file, or the CSV reader's record buffer).
struct FieldValue {
    enum Kind {
        /// Text as is: a CSV cell, or a JSON string without escapes.
        case text
        /// A JSON string with escapes, still to decode.
        case escapedText
        case number
        case `true`
        case `false`
        case null
        /// A JSON object or array, as written.
        case nested
    }

    var kind: Kind
    var bytes: UnsafeBufferPointer<UInt8>

    init(kind: Kind, bytes: UnsafeBufferPointer<UInt8>) {
        self.kind = kind
        self.bytes = bytes
    }

    /// A JSON value found by the scanner in `file`.
    init(_ span: JSONSpan, in file: UnsafeBufferPointer<UInt8>) {
        bytes = UnsafeBufferPointer(rebasing: file[span.start..<span.end])
        switch span.kind {
        case .string: kind = .text
        case .escapedString: kind = .escapedText
        case .number: kind = .number
        case .true: kind = .true
        case .false: kind = .false
        case .null: kind = .null
        case .object, .array: kind = .nested
        }
    }

    /// Empty text and null are both "not recorded": Frappe exports an unset field either way.
    var isUnset: Bool {
        kind == .null || (kind == .text && bytes.isEmpty)
    }

    /// The value as JSON text would show it, for reject reasons and previews.
    var displayText: String {
        switch kind {
        case .text, .number: return String(decoding: bytes, as: UTF8.self)
        case .escapedText: return JSONStringDecoder.string(bytes)
        case .true: return "true"
        case .false: return "false"
        case .null: return "null"
        case .nested:
            var compact: [UInt8] = []
            JSONCompact.append(bytes, to: &compact)
            return String(decoding: compact, as: UTF8.self)
        }
    }
}
