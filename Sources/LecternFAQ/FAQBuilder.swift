#if canImport(Glibc)
import Glibc
#endif
import LecternEmbedding

/// Settings of one FAQ run.
public struct FAQOptions: Sendable {
    /// Mean similarity (cosine of the lesson-centred vectors, see `Grouper`, less the lexical
    /// penalty) between two groups at or above which they merge. This and `penalty`'s defaults
    /// were picked on a grid over fourteen hand-labelled lessons (the six of the quality tests
    /// and eight more, not in the repository, written by someone who had not seen the code):
    /// 0.25–0.31 is one plateau; 0.27 keeps every lesson's purity at 0.92 or more.
    public var threshold: Float = 0.27
    /// See `LexicalPenalty`.
    public var penalty = LexicalPenalty()
    /// The lexical check of lessons too large for the matrix (see `Grouper`): cosine at or above
    /// which two differing words count as synonyms, and `LexicalCheck.maxUnmatched`.
    public var wordThreshold: Float = 0.45
    public var maxUnmatched = 1
    /// Groups asked fewer times are not drafted.
    public var minCount = 3
    /// Phrasings listed per item, most asked first.
    public var maxVariants = 10

    public init() {}
}

/// One distinct phrasing (exact repeats merged by `TextNormalizer.key`) and every asking of it.
public struct Phrasing: Sendable {
    public var text: String
    public var askings: [Question]
}

/// The groups of one lesson: `groups[g].members` index `phrasings`.
public struct LessonGrouping: Sendable {
    public var course: String
    public var lesson: String
    public var phrasings: [Phrasing]
    public var groups: [Grouper.Group]
    /// Row g·dimension… of the phrasings' vectors, for drafting.
    public var vectors: [Float]
    public var dimension: Int
}

/// Questions in, FAQ drafts out: merge exact repeats, embed the distinct phrasings (and the
/// content words the lexical check compares) in one call each, group per lesson, draft answers.
public final class FAQBuilder: Sendable {
    let embedder: Embedder
    public let options: FAQOptions

    public init(embedder: Embedder, options: FAQOptions) {
        self.embedder = embedder
        self.options = options
    }

    public struct Timing: Sendable {
        public var embeddingSeconds = 0.0, groupingSeconds = 0.0
        public var phrasings = 0, words = 0
        public init() {}
    }

    /// Groups per lesson, lessons ordered by course then lesson.
    public func group(_ questions: [Question], timing: inout Timing) -> [LessonGrouping] {
        var lessons: [String: [String: Int]] = [:]   // lesson key → phrasing key → index into phrasings
        var phrasingsByLesson: [String: [Phrasing]] = [:]
        var rawCounts: [String: [String: [String: Int]]] = [:]  // lesson → key → raw text → count
        for q in questions {
            let lessonKey = q.course + "\u{0}" + q.lesson
            let key = TextNormalizer.key(q.text)
            guard !key.isEmpty else { continue }
            if let i = lessons[lessonKey]?[key] {
                phrasingsByLesson[lessonKey]![i].askings.append(q)
            } else {
                lessons[lessonKey, default: [:]][key] = phrasingsByLesson[lessonKey, default: []].count
                phrasingsByLesson[lessonKey, default: []].append(Phrasing(text: q.text, askings: [q]))
            }
            rawCounts[lessonKey, default: [:]][key, default: [:]][q.text, default: 0] += 1
        }
        // The shown text of a phrasing: its most frequent spelling, ties by text.
        for (lessonKey, keys) in lessons {
            for (key, i) in keys {
                let spellings = rawCounts[lessonKey]![key]!
                phrasingsByLesson[lessonKey]![i].text = spellings.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
            }
        }
        let lessonKeys = phrasingsByLesson.keys.sorted()
        let all = lessonKeys.flatMap { phrasingsByLesson[$0]!.map(\.text) }
        let words = Array(Set(all.flatMap(TextNormalizer.contentWords))).sorted()
        let start = Clock.now()
        let embedded = embedder.embed(all, batchSize: 32)
        let wordEmbedded = embedder.embed(words, batchSize: 64)
        timing.embeddingSeconds += Clock.now() - start
        timing.phrasings += all.count
        timing.words += words.count
        let d = embedder.dimension
        var wordVectors: [String: [Float]] = [:]
        for (i, w) in words.enumerated() { wordVectors[w] = Array(wordEmbedded.vector(i)) }
        let grouper = Grouper(threshold: options.threshold,
                              lexical: LexicalCheck(wordVectors: wordVectors, wordThreshold: options.wordThreshold, maxUnmatched: options.maxUnmatched),
                              penalty: options.penalty)

        let groupStart = Clock.now()
        var result: [LessonGrouping] = []
        var offset = 0
        for lessonKey in lessonKeys {
            let phrasings = phrasingsByLesson[lessonKey]!
            let vectors = Array(embedded.vectors[(offset * d)..<((offset + phrasings.count) * d)])
            offset += phrasings.count
            let input = Grouper.Input(texts: phrasings.map(\.text), counts: phrasings.map(\.askings.count), vectors: vectors,
                                      dimension: d, contentWords: phrasings.map { TextNormalizer.contentWords($0.text) })
            let first = phrasings[0].askings[0]
            result.append(LessonGrouping(course: first.course, lesson: first.lesson, phrasings: phrasings,
                                         groups: grouper.group(input), vectors: vectors, dimension: d))
        }
        timing.groupingSeconds += Clock.now() - groupStart
        return result
    }

    /// Drafts per lesson (course, then lesson), items most asked first; groups under `minCount`
    /// are left out, and a lesson with no group left has no draft.
    public func drafts(_ groupings: [LessonGrouping], drafter: Drafter?) -> [FAQDraft] {
        var drafts: [FAQDraft] = []
        for lesson in groupings {
            var items: [FAQItem] = []
            var title: String?
            for group in lesson.groups where group.count >= options.minCount {
                let canonical = lesson.phrasings[group.canonical]
                let askings = group.members.flatMap { lesson.phrasings[$0].askings }
                let times = askings.compactMap(\.time)
                let vector = Array(lesson.vectors[(group.canonical * lesson.dimension)..<((group.canonical + 1) * lesson.dimension)])
                let answer = drafter?.draft(question: canonical.text, vector: vector, course: lesson.course, lesson: lesson.lesson)
                title = title ?? answer?.title
                let variants = group.members
                    .map { FAQVariant(text: lesson.phrasings[$0].text, count: lesson.phrasings[$0].askings.count) }
                    .sorted { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }
                items.append(FAQItem(idx: items.count + 1, question: canonical.text, answer: answer?.answer ?? "",
                                     count: group.count, learners: Set(askings.compactMap(\.user)).count,
                                     firstAsked: times.min().map(Self.timestamp), lastAsked: times.max().map(Self.timestamp),
                                     variants: Array(variants.prefix(options.maxVariants)), citations: answer?.citations ?? []))
            }
            guard !items.isEmpty else { continue }
            let asked = lesson.phrasings.reduce(0) { $0 + $1.askings.count }
            drafts.append(FAQDraft(course: lesson.course, lesson: lesson.lesson, lessonTitle: title, questionsAsked: asked, items: items))
        }
        return drafts
    }

    /// "YYYY-MM-DD HH:MM:SS" in UTC, the LMS's datetime form.
    static func timestamp(_ seconds: Double) -> String {
        var t = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}

enum Clock {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
