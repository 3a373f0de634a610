import Foundation

/// The `{{ Name("argument") }}` calls of legacy Frappe LMS lesson bodies (`YouTubeVideo`, `Quiz`,
/// `Video`, `Exercise`…). Each is a piece of media, never lesson text, so before the body goes
/// to the Markdown parser every call is swapped for a private-use placeholder; the Markdown
/// reader turns a placeholder back into a media reference wherever it lands, or into the
/// original call inside code, where it is text being taught.
struct MacroCalls: Sendable {
    struct Call: Sendable, Equatable {
        var name: String
        var argument: String
        /// The call as written, for code blocks.
        var source: String

        var media: MediaReference { MediaReference(kind: name.lowercased(), target: argument) }
    }

    private static let open: Unicode.Scalar = "\u{E000}"
    private static let close: Unicode.Scalar = "\u{E001}"

    private(set) var calls: [Call] = []

    /// `text` with each macro call replaced by a placeholder, and the calls in order.
    static func extract(from text: String) -> (text: String, calls: MacroCalls) {
        var calls = MacroCalls()
        var result = ""
        var index = text.startIndex
        while let start = text[index...].range(of: "{{") {
            guard let end = text[start.upperBound...].range(of: "}}") else { break }
            result += text[index..<start.lowerBound]
            let source = String(text[start.lowerBound..<end.upperBound])
            if let call = parse(text[start.upperBound..<end.lowerBound], source: source) {
                result.unicodeScalars.append(open)
                result += String(calls.calls.count)
                result.unicodeScalars.append(close)
                calls.calls.append(call)
            } else {
                result += source
            }
            index = end.upperBound
        }
        result += text[index...]
        return (result, calls)
    }

    /// Placeholders removed from `text`, and the media they stood for.
    func takeMedia(from text: String) -> (text: String, media: [MediaReference]) {
        guard !calls.isEmpty else { return (text, []) }
        var media: [MediaReference] = []
        let restored = replacePlaceholders(in: text) { call in
            media.append(call.media)
            return " "
        }
        return (restored, media)
    }

    /// Placeholders put back as the calls they replaced.
    func restoreSource(in text: String) -> String {
        guard !calls.isEmpty else { return text }
        return replacePlaceholders(in: text) { $0.source }
    }

    private func replacePlaceholders(in text: String, with replacement: (Call) -> String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let start = scalars.firstIndex(of: Self.open) {
            result.append(contentsOf: scalars[..<start])
            let afterOpen = scalars.index(after: start)
            guard let end = scalars[afterOpen...].firstIndex(of: Self.close),
                  let number = Int(String(scalars[afterOpen..<end])), calls.indices.contains(number) else {
                result.append(scalars[start])
                scalars = scalars[afterOpen...]
                continue
            }
            result.append(contentsOf: replacement(calls[number]).unicodeScalars)
            scalars = scalars[scalars.index(after: end)...]
        }
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// `Name("arg", …)`, `Name('arg')` or `Name(arg)`; nil for anything else (`{{ var }}`).
    private static func parse(_ inside: Substring, source: String) -> Call? {
        let trimmed = inside.trimmingWhitespace()
        guard let first = trimmed.unicodeScalars.first, first.properties.isAlphabetic || first == "_",
              let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") else { return nil }
        let name = trimmed[..<open].trimmingWhitespace()
        guard name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }) else {
            return nil
        }
        let arguments = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)].trimmingWhitespace()
        var argument: String
        if let quote = arguments.first, quote == "\"" || quote == "'" {
            let body = arguments.dropFirst()
            argument = String(body.prefix(while: { $0 != quote }))
        } else {
            argument = String(arguments.prefix(while: { $0 != "," })).trimmingWhitespace()
        }
        argument = argument.trimmingWhitespace()
        return Call(name: name, argument: argument, source: source)
    }
}
