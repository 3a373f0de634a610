/// Deterministic lesson-like text for benchmarks: the same seed gives the same paragraphs and
/// queries on every machine, so runs (and the Python peer, which reads the written workload)
/// compare like with like.
struct Workload {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    static let subjects = ["a variable", "the function", "each loop", "a list comprehension", "the commit",
                           "a branch", "the interpreter", "this module", "the merge", "a dictionary",
                           "the staging area", "an exception", "the remote", "a class", "the test suite",
                           "recursion", "the index", "a generator", "the rebase", "string formatting"]
    static let verbs = ["stores", "returns", "updates", "tracks", "compares", "creates", "removes", "reads",
                        "formats", "checks", "combines", "records", "splits", "copies", "resolves"]
    static let objects = ["the value", "every element", "the history", "a new object", "the result",
                          "each line of the file", "the working tree", "the arguments", "a snapshot",
                          "the keys and values", "the error message", "the changes", "an iterator"]
    static let tails = ["before the program continues", "when the condition is true", "so you can reuse it later",
                        "without changing the original", "in the order they were added", "for every student",
                        "after the lesson's exercise", "as the documentation explains", "in one step",
                        "unless you pass a flag", "which keeps the code readable", "on each iteration"]
    static let openers = ["In this lesson,", "Remember that", "For example,", "Note that", "In practice,",
                          "As we saw earlier,", "Try it yourself:", "In Python,", "With Git,", "By default,"]

    mutating func sentence() -> String {
        "\(pick(Self.openers)) \(pick(Self.subjects)) \(pick(Self.verbs)) \(pick(Self.objects)) \(pick(Self.tails))."
    }

    /// About `words` words of sentences.
    mutating func paragraph(words: Int) -> String {
        var text = ""
        var count = 0
        while count < words {
            let s = sentence()
            text += (text.isEmpty ? "" : " ") + s
            count += s.split(separator: " ").count
        }
        return text
    }

    /// A learner's question of exactly `words` words.
    mutating func query(words: Int) -> String {
        let starts = ["how do I", "why does", "what is", "when should I use", "can you explain how"]
        var parts = pick(starts).split(separator: " ").map(String.init)
        while parts.count < words {
            parts += "\(pick(Self.subjects)) \(pick(Self.verbs)) \(pick(Self.objects))".split(separator: " ").map(String.init)
        }
        return parts.prefix(words).joined(separator: " ") + "?"
    }
}
