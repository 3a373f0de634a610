import Foundation

/// What a finding is: text that tries to steer the tutor, or data nobody should index.
public enum GuardrailType: String, Sendable, CaseIterable {
    /// The AI Guardrail Event `event_type` values.
    case injection = "Injection", sensitive = "Sensitive"
}

public struct GuardrailPattern: @unchecked Sendable {
    public var type: GuardrailType
    public var name: String
    /// Compiled once; NSRegularExpression is immutable and safe to share.
    let regex: NSRegularExpression
    /// For secrets: the least Shannon entropy (bits per character) of the value, so that
    /// `token = aaaaaaaaaaaaaaaaaaaa` is not taken for a key.
    var minimumEntropy: Double?
    /// Lower-case strings of which the text must hold one before the regex is tried: a cheap
    /// test that spares most texts the regular expression (nil: always tried).
    var needs: [[UInt8]]?
    /// File and line, for errors.
    var origin: String
}

public struct GuardrailPatternError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The pattern file: `guardrails/patterns.txt` in the repository (found like `templates/`),
/// optionally extended by a user file. One pattern per line:
///
///     injection NAME [needs=A|B…] REGEX
///     sensitive NAME [needs=A|B…] [entropy=BITS] REGEX
///     placeholder WORD
///
/// Injection patterns are matched against normalised text (see `GuardrailText`), sensitive ones
/// against the text with invisible characters removed but case kept. A named group `value`
/// marks the secret itself (masked in snippets, measured for entropy); a value containing a
/// placeholder word (`example`, `your`, `xxxx`…) is not a finding. `#` starts a comment line.
public struct GuardrailPatterns: Sendable {
    public private(set) var patterns: [GuardrailPattern] = []
    public private(set) var placeholders: [String] = []
    /// The files read, defaults first.
    public private(set) var files: [String] = []

    public static let defaultRelativePath = "guardrails/patterns.txt"

    public init() {}

    /// The default file, and `extra` (a user's file) after it.
    public static func load(defaults: String, extra: String? = nil) throws(GuardrailPatternError) -> GuardrailPatterns {
        var patterns = GuardrailPatterns()
        for file in [defaults] + (extra.map { [$0] } ?? []) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw GuardrailPatternError(message: "\(file): cannot read the guardrail patterns file")
            }
            try patterns.add(String(decoding: data, as: UTF8.self), file: file)
        }
        return patterns
    }

    /// Where the default patterns are: in the working folder, else above the executable's folder.
    public static func defaultFile() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/" + defaultRelativePath]
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(url.appendingPathComponent(defaultRelativePath).path)
            url.deleteLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    public mutating func add(_ text: String, file: String) throws(GuardrailPatternError) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let origin = "\(file):\(index + 1)"
            var rest = Substring(line)
            func word() -> String {
                rest = rest.drop { $0 == " " || $0 == "\t" }
                let w = rest.prefix { $0 != " " && $0 != "\t" }
                rest = rest.dropFirst(w.count)
                return String(w)
            }
            let kind = word()
            if kind == "placeholder" {
                let value = rest.trimmingCharacters(in: .whitespaces).lowercased()
                guard !value.isEmpty else { throw GuardrailPatternError(message: "\(origin): placeholder needs a word") }
                placeholders.append(value)
                continue
            }
            guard let type = ["injection": GuardrailType.injection, "sensitive": .sensitive][kind] else {
                throw GuardrailPatternError(message: "\(origin): unknown kind '\(kind)' (injection, sensitive or placeholder)")
            }
            let name = word()
            var entropy: Double?
            var needs: [[UInt8]]?
            var source = rest.trimmingCharacters(in: .whitespaces)
            while source.hasPrefix("entropy=") || source.hasPrefix("needs=") {
                let option = word()
                if option.hasPrefix("entropy=") {
                    guard let bits = Double(option.dropFirst("entropy=".count)) else {
                        throw GuardrailPatternError(message: "\(origin): entropy= needs a number of bits")
                    }
                    entropy = bits
                } else {
                    needs = option.dropFirst("needs=".count).split(separator: "|").map { Array($0.lowercased().utf8) }
                    guard needs?.isEmpty == false else { throw GuardrailPatternError(message: "\(origin): needs= needs strings separated by |") }
                }
                source = rest.trimmingCharacters(in: .whitespaces)
            }
            guard !name.isEmpty, !source.isEmpty else { throw GuardrailPatternError(message: "\(origin): expected '\(kind) NAME REGEX'") }
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: source, options: type == .injection ? [.caseInsensitive] : [])
            } catch {
                throw GuardrailPatternError(message: "\(origin): pattern \(name) is not a valid regular expression")
            }
            patterns.append(GuardrailPattern(type: type, name: name, regex: regex, minimumEntropy: entropy, needs: needs, origin: origin))
        }
        files.append(file)
    }
}
