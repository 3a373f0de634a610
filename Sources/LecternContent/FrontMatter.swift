import Foundation

/// The `key: value` lines between two `---` lines at the top of a Markdown file. Only flat keys
/// are needed, so this is not YAML: a value is the rest of the line, optionally quoted.
struct FrontMatter: Sendable, Equatable {
    var values: [String: String] = [:]
    /// The text after the closing `---` (the whole text when there is no front matter).
    var body: String

    subscript(key: String) -> String? { values[key] }

    /// Splits `text`; keys outside `allowedKeys` and malformed lines are problems (with their
    /// line) and are otherwise ignored, so a typo never loses the lesson.
    static func parse(_ text: String, path: String, allowedKeys: [String]) -> (FrontMatter, [ContentProblem]) {
        let lines = text.lineList
        guard let first = lines.first, first.trimmingWhitespace() == "---" else {
            return (FrontMatter(body: text), [])
        }
        guard let closing = lines.indices.dropFirst().first(where: { lines[$0].trimmingWhitespace() == "---" }) else {
            let problem = ContentProblem(path: path, line: 1, reason: "the front matter opened here is never closed with '---'; read as text")
            return (FrontMatter(body: text), [problem])
        }
        var matter = FrontMatter(body: lines[(closing + 1)...].joined(separator: "\n"))
        var problems: [ContentProblem] = []
        for index in 1..<closing {
            let line = lines[index].trimmingWhitespace()
            let lineNumber = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(ContentProblem(path: path, line: lineNumber, reason: "expected 'key: value', found '\(line)'"))
                continue
            }
            let key = line[..<colon].trimmingWhitespace()
            guard allowedKeys.contains(key) else {
                let known = allowedKeys.map { "'\($0)'" }.joined(separator: ", ")
                problems.append(ContentProblem(path: path, line: lineNumber,
                                               reason: "unknown front-matter key '\(key)' (known keys: \(known)); ignored"))
                continue
            }
            if matter.values[key] != nil {
                problems.append(ContentProblem(path: path, line: lineNumber, reason: "'\(key)' is given twice; the later value is used"))
            }
            matter.values[key] = unquote(line[line.index(after: colon)...].trimmingWhitespace())
        }
        return (matter, problems)
    }

    /// `"a \"b\""` → `a "b"`, `'it''s'` → `it's`, anything else as written.
    static func unquote(_ value: String) -> String {
        guard value.count >= 2, let quote = value.first, quote == value.last, quote == "\"" || quote == "'" else {
            return value
        }
        let inner = value.dropFirst().dropLast()
        if quote == "'" { return inner.replacingOccurrences(of: "''", with: "'") }
        var result = ""
        var escaped = false
        for character in inner {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
