/// A file or folder name read the authoring way: an optional numeric prefix that gives the order
/// (`02-variables.md`), then the slug. Numbers compare as numbers, so `10-…` follows `9-…`, and
/// names without a prefix follow all prefixed ones, by name.
struct OrderedName: Sendable, Comparable {
    var name: String
    var number: Int?
    /// The name without its prefix and without its extension.
    var slug: String

    init(_ name: String, stripping suffixes: [String] = []) {
        self.name = name
        var stem = Substring(name)
        for suffix in suffixes where stem.lowercased().hasSuffix(suffix) {
            stem = stem.dropLast(suffix.count)
            break
        }
        let digits = stem.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 9, let value = Int(digits) {
            number = value
            let rest = stem.dropFirst(digits.count).drop(while: { "-_. ".contains($0) })
            slug = rest.isEmpty ? String(stem) : String(rest)
        } else {
            number = nil
            slug = String(stem)
        }
    }

    /// "01-getting-started" → "Getting started".
    var title: String {
        let words = slug.replacingCharacters(in: ["-", "_"], with: " ").collapsingWhitespace()
        guard let first = words.first else { return name }
        return first.uppercased() + words.dropFirst()
    }

    static func < (lhs: OrderedName, rhs: OrderedName) -> Bool {
        switch (lhs.number, rhs.number) {
        case let (left?, right?) where left != right: return left < right
        case (.some, .none): return true
        case (.none, .some): return false
        default: return lhs.name < rhs.name
        }
    }

    static func == (lhs: OrderedName, rhs: OrderedName) -> Bool {
        lhs.name == rhs.name
    }
}

private extension String {
    func replacingCharacters(in set: Set<Character>, with replacement: Character) -> String {
        String(map { set.contains($0) ? replacement : $0 })
    }
}
