import Foundation
import LecternEmbedding
import LecternFAQ

/// Grouping of 100,000 generated learner questions over 40 lessons: exact repeats merged, the
/// distinct phrasings and their content words embedded (2 threads), then grouped per lesson.
/// Embedding and grouping are timed apart: embedding is most of the cost.
enum FAQBench {
    static let questions = 100_000

    static func run(outputDirectory: String) throws {
        let generated = generate(count: questions, seed: 20_261_202)
        let embedder = try Embedder(threads: 2)
        let builder = FAQBuilder(embedder: embedder, options: FAQOptions())
        print("faq: \(generated.count) questions over \(Set(generated.map(\.lesson)).count) lessons, embedding 2 threads")
        var timing = FAQBuilder.Timing()
        let start = now()
        let groupings = builder.group(generated, timing: &timing)
        let total = now() - start
        var report = BenchReport(name: "faq")
        report.add("questions", Double(generated.count), "questions")
        report.add("distinct_phrasings", Double(timing.phrasings), "phrasings")
        report.add("distinct_words", Double(timing.words), "words")
        report.add("groups", Double(groupings.reduce(0) { $0 + $1.groups.count }), "groups")
        report.add("embedding_s", timing.embeddingSeconds, "s")
        report.add("grouping_s", timing.groupingSeconds, "s")
        report.add("total_s", total, "s (target 60)")
        report.add("peak_rss_mb", peakMemoryMB(), "MB")
        try report.write(to: outputDirectory)
    }

    /// Questions made from intents (an action on a subject) in several phrasings, with prefixes,
    /// suffixes and case changes; asked with a long-tailed (1/rank) frequency, as real logs are.
    static func generate(count: Int, seed: UInt64) -> [Question] {
        let actions = ["undo", "create", "delete", "rename", "copy", "sort", "print", "compare", "merge", "split", "read",
                       "write", "install", "update", "test", "debug", "import", "export", "format", "convert"]
        let subjects = ["a commit", "a branch", "a list", "a dictionary", "a file", "a string", "a module", "a function",
                        "a loop", "a class", "a tag", "a remote", "a tuple", "a set", "an exception", "a variable"]
        let templates = ["How do I %@?", "How can I %@?", "What is the way to %@?", "how to %@", "Can you explain how to %@?",
                         "What's the best way to %@?", "I don't understand how to %@", "Is it possible to %@?"]
        let prefixes = ["", "", "Quick question: ", "Sorry, ", "Hi, "]
        let suffixes = ["", "", " in this lesson", " step by step", " again"]
        var rng = SplitMix(seed)
        let lessons = (0..<40).map { "lesson-\($0)" }
        // Each lesson asks about 15 intents, chosen per lesson.
        let intents = lessons.map { _ in (0..<15).map { _ in (actions[rng.next(actions.count)], subjects[rng.next(subjects.count)]) } }
        let weights = (1...15).map { 1.0 / Double($0) }
        let weightSum = weights.reduce(0, +)
        var out: [Question] = []
        out.reserveCapacity(count)
        for n in 0..<count {
            let l = rng.next(lessons.count)
            var pick = Double(rng.next(1_000_000)) / 1_000_000 * weightSum
            var i = 0
            while i < 14 && pick >= weights[i] { pick -= weights[i]; i += 1 }
            let (action, subject) = intents[l][i]
            var text = templates[rng.next(templates.count)].replacingOccurrences(of: "%@", with: action + " " + subject)
            text = prefixes[rng.next(prefixes.count)] + text
            if rng.next(3) == 0 { text = text.lowercased() }
            let suffix = suffixes[rng.next(suffixes.count)]
            if !suffix.isEmpty, let last = text.last, last == "?" { text = String(text.dropLast()) + suffix + "?" }
            out.append(Question(course: "bench", lesson: lessons[l], user: "learner\(rng.next(500))", time: Double(n), text: text))
        }
        return out
    }

    /// A small deterministic generator, so the workload is the same on every run.
    struct SplitMix {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }
}
