import Foundation
import LecternEmbedding
import LecternIndex

/// The retrieval index at 100,000 chunks. Vectors are real MiniLM embeddings of 3,000 distinct
/// lesson-like paragraphs, mixed in random pairs (a·u + (1−a)·v, renormalized) up to 100,000,
/// so the set has the uneven per-dimension ranges and clustering of real chunks. Measures
/// recall@10 of the int8 search against exact float brute force (200 embedded questions),
/// storage, open (checksum) time, scan and search latency on one thread with and without
/// filters, and numpy float32 brute force on the same vectors when numpy is importable.
enum IndexBench {
    static let records = 100_000
    static let paragraphs = 3_000
    static let questions = 200

    static func run(outputDirectory: String) throws {
        var report = BenchReport(name: "index")
        var texts = LessonTexts(seed: 20_261_126)
        let paragraphTexts = (0..<paragraphs).map { texts.paragraph(topic: $0 % LessonTexts.topics.count) }
        let questionTexts = (0..<questions).map { texts.question(topic: $0 % LessonTexts.topics.count) }
        precondition(Set(paragraphTexts).count == paragraphs, "paragraphs must be distinct")

        let embedder = try Embedder(threads: 2)
        print("index: embedding \(paragraphs) paragraphs and \(questions) questions (2 threads)")
        var t0 = now()
        let base = embedder.embed(paragraphTexts, batchSize: 32)
        let queries = embedder.embed(questionTexts, batchSize: 32)
        report.notes["embedding_seconds"] = String(format: "%.1f", now() - t0)
        let dimension = base.dimension

        let (indexRecords, vectors) = mix(base.vectors, texts: paragraphTexts, dimension: dimension)
        let directory = NSTemporaryDirectory() + "lectern-index-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/index.lectern"

        print("index: writing \(records) records")
        t0 = now()
        try IndexWriter.write(indexRecords, modelID: Embedder.modelID, to: path)
        report.add("write_s", now() - t0, "s")
        var opens: [Double] = []
        var reader = try IndexReader(path: path)
        for _ in 0..<10 {
            t0 = now()
            reader = try IndexReader(path: path)
            opens.append((now() - t0) * 1000)
        }
        let vectorBytes = reader.sections.filter { ["calibration", "vectors", "refinements"].contains($0.name) }
            .map(\.length).reduce(0, +)
        report.add("vector_bytes_per_chunk", Double(vectorBytes) / Double(reader.count), "B (int8 + 2-bit refinement + calibration)")
        report.add("file_mb", Double(reader.fileSize) / 1e6, "MB")
        report.add("file_bytes_per_chunk", Double(reader.fileSize) / Double(reader.count), "B")
        for section in reader.sections {
            report.notes["section_\(section.name)_bytes"] = String(section.length)
        }
        report.add("open_ms_p50", quantile(opens, 0.5), "ms (mmap + all checksums, warm cache)")
        report.add("open_gb_per_s", Double(reader.fileSize) / 1e9 / (quantile(opens, 0.5) / 1000), "GB/s")

        let courseOf = indexRecords.map(\.course)
        let filterCourse = LessonTexts.topics[3].course
        print("index: exact float brute force over \(records) × \(dimension) for \(questions) queries")
        let exact = (0..<questions).map { exactTop10(Array(queries.vector($0)), vectors, dimension: dimension) }
        let exactFiltered = (0..<questions).map {
            exactTop10(Array(queries.vector($0)), vectors, dimension: dimension) { courseOf[$0] == filterCourse }
        }

        var found = 0, foundFiltered = 0, candidateFound = 0
        for q in 0..<questions {
            let vector = Array(queries.vector(q))
            let hits = reader.search(SearchQuery(vector: vector, k: 10, mode: .dense))
            found += Set(hits.map(\.index)).intersection(exact[q]).count
            let filtered = reader.search(SearchQuery(vector: vector, course: filterCourse, k: 10, mode: .dense))
            foundFiltered += Set(filtered.map(\.index)).intersection(exactFiltered[q]).count
            let candidates = reader.denseCandidates(for: SearchQuery(vector: vector, k: 10, mode: .dense))
            candidateFound += Set(candidates.map(\.index)).intersection(exact[q]).count
        }
        report.add("recall_at_10", Double(found) / Double(10 * questions), "")
        report.add("recall_at_10_course_filter", Double(foundFiltered) / Double(10 * questions), "")
        report.add("candidate_recall_at_10", Double(candidateFound) / Double(10 * questions), "(exact top 10 in the 200 int8 candidates)")

        let lesson = indexRecords[0].lesson
        let lessonSize = indexRecords.filter { $0.lesson == lesson }.count
        report.notes["filter_course"] = "\(filterCourse) (\(courseOf.filter { $0 == filterCourse }.count) records)"
        report.notes["filter_lesson"] = "\(lesson) (\(lessonSize) records)"
        let cases: [(String, (Int) -> SearchQuery)] = [
            ("dense", { SearchQuery(vector: Array(queries.vector($0)), k: 10, mode: .dense) }),
            ("dense_course", { SearchQuery(vector: Array(queries.vector($0)), course: filterCourse, k: 10, mode: .dense) }),
            ("dense_lesson", { SearchQuery(vector: Array(queries.vector($0)), lesson: lesson, k: 10, mode: .dense) }),
            ("lexical", { SearchQuery(text: questionTexts[$0], k: 10, mode: .lexical) }),
            ("lexical_course", { SearchQuery(text: questionTexts[$0], course: filterCourse, k: 10, mode: .lexical) }),
            ("hybrid", { SearchQuery(vector: Array(queries.vector($0)), text: questionTexts[$0], k: 10, mode: .hybrid) }),
            ("hybrid_course", { SearchQuery(vector: Array(queries.vector($0)), text: questionTexts[$0], course: filterCourse, k: 10, mode: .hybrid) }),
        ]
        let scan = latencies { _ = reader.denseCandidates(for: SearchQuery(vector: Array(queries.vector($0)), k: 10, mode: .dense)) }
        report.add("scan_ms_p50", quantile(scan, 0.5), "ms (int8 stage, 1 thread)")
        report.add("scan_ms_p99", quantile(scan, 0.99), "ms")
        var denseP50 = 0.0
        for (name, query) in cases {
            let times = latencies { _ = reader.search(query($0)) }
            report.add("search_\(name)_ms_p50", quantile(times, 0.5), "ms")
            report.add("search_\(name)_ms_p99", quantile(times, 0.99), "ms")
            if name == "dense" { denseP50 = quantile(times, 0.5) }
        }

        // What the tutor waits for: the question embedded (1 thread) and searched.
        for mode in [SearchMode.dense, .hybrid] {
            let total = latencies { i in
                let vector = embedder.embed(questionTexts[i], threads: 1)
                _ = reader.search(SearchQuery(vector: vector, text: questionTexts[i], k: 5, mode: mode))
            }
            report.add("query_\(mode.rawValue)_ms_p50", quantile(total, 0.5), "ms (embed + search, 1 thread)")
            report.add("query_\(mode.rawValue)_ms_p99", quantile(total, 0.99), "ms")
        }

        if let numpy = try numpyBruteForce(vectors: vectors, queries: queries.vectors, dimension: dimension,
                                           directory: directory) {
            report.add("numpy_ms_p50", numpy.p50, "ms (float32 V·q + argpartition, 1 thread)")
            report.add("numpy_ms_p99", numpy.p99, "ms")
            report.add("numpy_over_lectern_dense", numpy.p50 / denseP50, "× (p50 / p50)")
            let agree = zip(numpy.top10, exact).map { Set($0).intersection($1).count }.reduce(0, +)
            report.add("numpy_agrees_with_exact", Double(agree) / Double(10 * questions), "(top-10 overlap)")
            report.notes["numpy_version"] = numpy.version
        } else {
            report.notes["numpy"] = "not importable in python3; skipped"
        }
        report.notes["records"] = String(records)
        report.notes["dimension"] = String(dimension)
        report.notes["source_paragraphs"] = String(paragraphs)
        report.notes["queries"] = String(questions)
        try report.write(to: outputDirectory)
    }

    /// 100,000 records: vector a·u + (1−a)·v of two random paragraphs, renormalized; text made
    /// of the leading sentences of both in proportion; course and lesson of the larger part.
    static func mix(_ base: [Float], texts: [String], dimension: Int) -> ([IndexRecord], [Float]) {
        var random = Workload(seed: 99)
        let sentences = texts.map { $0.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) + "." } }
        var vectors = [Float](repeating: 0, count: records * dimension)
        var out: [IndexRecord] = []
        out.reserveCapacity(records)
        for i in 0..<records {
            let u = Int(random.next() % UInt64(paragraphs))
            var v = Int(random.next() % UInt64(paragraphs - 1))
            if v >= u { v += 1 }
            let a = Float(Double(random.next() >> 11) / Double(1 << 53))
            var norm: Float = 0
            for d in 0..<dimension {
                let x = a * base[u * dimension + d] + (1 - a) * base[v * dimension + d]
                vectors[i * dimension + d] = x
                norm += x * x
            }
            let scale = 1 / norm.squareRoot()
            for d in 0..<dimension { vectors[i * dimension + d] *= scale }
            let main = a >= 0.5 ? u : v
            let topic = LessonTexts.topics[main % LessonTexts.topics.count]
            let fromU = max(1, Int((a * Float(sentences[u].count)).rounded()))
            let fromV = max(1, Int(((1 - a) * Float(sentences[v].count)).rounded()))
            let text = (sentences[u].prefix(fromU) + sentences[v].prefix(fromV)).joined(separator: " ")
            let lesson = "\(topic.course)-lesson-\(main / LessonTexts.topics.count % 25 + 1)"
            out.append(IndexRecord(chunkID: "\(lesson)#\(i)", course: topic.course, lesson: lesson,
                                   title: "\(topic.name): part \(main % 25 + 1)",
                                   headingPath: [topic.name, "Lesson \(main / LessonTexts.topics.count % 25 + 1)"],
                                   url: "/lms/courses/\(topic.course)/learn/1-\(main % 25 + 1)#chunk-\(i)",
                                   source: "lesson", text: text,
                                   vector: Array(vectors[(i * dimension)..<((i + 1) * dimension)])))
        }
        return (out, vectors)
    }

    /// The exact ten best records by float dot product among those passing `keep`.
    static func exactTop10(_ q: [Float], _ vectors: [Float], dimension: Int,
                           keep: (Int) -> Bool = { _ in true }) -> [Int] {
        var best: [(score: Float, index: Int)] = []
        vectors.withUnsafeBufferPointer { v in
            q.withUnsafeBufferPointer { qp in
                let raw = UnsafeRawPointer(v.baseAddress!), query = UnsafeRawPointer(qp.baseAddress!)
                for i in 0..<(v.count / dimension) where keep(i) {
                    var sum = SIMD8<Float>()
                    var d = 0
                    while d + 8 <= dimension {
                        sum += raw.loadUnaligned(fromByteOffset: (i * dimension + d) * 4, as: SIMD8<Float>.self)
                            * query.loadUnaligned(fromByteOffset: d * 4, as: SIMD8<Float>.self)
                        d += 8
                    }
                    var score = sum.sum()
                    while d < dimension { score += v[i * dimension + d] * qp[d]; d += 1 }
                    if best.count < 10 || score > best[best.count - 1].score {
                        let at = best.firstIndex { $0.score < score } ?? best.count
                        best.insert((score, i), at: at)
                        if best.count > 10 { best.removeLast() }
                    }
                }
            }
        }
        return best.map(\.index)
    }

    /// Milliseconds for each of the 200 queries, after one untimed pass.
    static func latencies(_ body: (Int) -> Void) -> [Double] {
        for q in 0..<questions { body(q) }
        return (0..<questions).map { q in
            let t0 = now()
            body(q)
            return (now() - t0) * 1000
        }
    }

    struct NumpyResult {
        let p50: Double, p99: Double
        let top10: [[Int]]
        let version: String
    }

    /// numpy float32 brute force (V·q, argpartition for the top 10) on the same vectors, one
    /// BLAS thread like the Swift scan; nil if numpy cannot be imported.
    static func numpyBruteForce(vectors: [Float], queries: [Float], dimension: Int,
                                directory: String) throws -> NumpyResult? {
        let vectorPath = directory + "/vectors.f32", queryPath = directory + "/queries.f32"
        try vectors.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: vectorPath)) }
        try queries.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: queryPath)) }
        let script = """
        import json, sys, time
        import numpy as np
        d = int(sys.argv[3])
        V = np.fromfile(sys.argv[1], dtype=np.float32).reshape(-1, d)
        Q = np.fromfile(sys.argv[2], dtype=np.float32).reshape(-1, d)
        def top10(q):
            s = V @ q
            i = np.argpartition(-s, 10)[:10]
            return i[np.argsort(-s[i])]
        for q in Q: top10(q)
        times, tops = [], []
        for q in Q:
            t = time.perf_counter(); i = top10(q); times.append((time.perf_counter() - t) * 1000)
            tops.append([int(x) for x in i])
        times.sort()
        print(json.dumps({"p50": times[len(times) // 2], "p99": times[round(0.99 * (len(times) - 1))],
                          "top10": tops, "version": np.__version__}))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, vectorPath, queryPath, String(dimension)]
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = "1" }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        print("index: numpy brute force on the same vectors")
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let p50 = object["p50"] as? Double, let p99 = object["p99"] as? Double,
              let top10 = object["top10"] as? [[Int]] else { return nil }
        return NumpyResult(p50: p50, p99: p99, top10: top10, version: object["version"] as? String ?? "?")
    }
}

/// Deterministic lesson paragraphs and learner questions over twelve course topics, each with
/// its own vocabulary, so the embeddings spread over many directions instead of one cluster.
struct LessonTexts {
    struct Topic {
        let name: String, course: String
        let things: [String], actions: [String], details: [String]
    }

    static let topics: [Topic] = [
        Topic(name: "Git basics", course: "git-101",
              things: ["a commit", "the staging area", "a branch", "the remote", "a merge conflict", "the working tree", "a tag", "the reflog"],
              actions: ["records", "moves", "rewrites", "compares", "restores", "publishes"],
              details: ["after you run git add", "before pushing to origin", "when two people edit one line", "with the --amend flag"]),
        Topic(name: "Python functions", course: "python-intro",
              things: ["a function", "a default argument", "a return value", "a lambda", "a decorator", "a keyword argument", "the call stack", "a docstring"],
              actions: ["returns", "wraps", "receives", "evaluates", "documents", "captures"],
              details: ["each time the function is called", "inside a list comprehension", "when the module is imported", "with *args and **kwargs"]),
        Topic(name: "SQL joins", course: "sql-fundamentals",
              things: ["an inner join", "a left join", "the primary key", "a foreign key", "an index", "a GROUP BY clause", "a subquery", "a NULL value"],
              actions: ["matches", "filters", "groups", "speeds up", "excludes", "aggregates"],
              details: ["across the orders and customers tables", "when a row has no partner", "before the WHERE clause runs", "on large tables"]),
        Topic(name: "Cell biology", course: "biology-cells",
              things: ["the mitochondrion", "the cell membrane", "a ribosome", "the nucleus", "ATP", "the endoplasmic reticulum", "a protein", "osmosis"],
              actions: ["produces", "transports", "encodes", "regulates", "synthesizes", "breaks down"],
              details: ["during cellular respiration", "across a concentration gradient", "in plant and animal cells", "when glucose is scarce"]),
        Topic(name: "Algebra", course: "algebra-one",
              things: ["a linear equation", "the slope", "a quadratic", "the discriminant", "a variable", "the y-intercept", "a system of equations", "an inequality"],
              actions: ["describes", "determines", "solves", "simplifies", "crosses", "balances"],
              details: ["on both sides of the equals sign", "when the graph is a parabola", "by substitution or elimination", "for every real number"]),
        Topic(name: "World War I", course: "modern-history",
              things: ["the alliance system", "trench warfare", "the assassination in Sarajevo", "the Treaty of Versailles", "the Western Front", "conscription", "the naval blockade", "the armistice"],
              actions: ["triggered", "prolonged", "reshaped", "ended", "devastated", "mobilized"],
              details: ["in the summer of 1914", "across Europe and its colonies", "for millions of soldiers", "after four years of fighting"]),
        Topic(name: "Photography", course: "photo-basics",
              things: ["the aperture", "shutter speed", "ISO", "depth of field", "the exposure triangle", "white balance", "a prime lens", "the histogram"],
              actions: ["controls", "blurs", "brightens", "freezes", "balances", "reveals"],
              details: ["in low light", "when shooting moving subjects", "for portraits with soft backgrounds", "under tungsten lamps"]),
        Topic(name: "Personal finance", course: "money-skills",
              things: ["compound interest", "an emergency fund", "a budget", "an index fund", "credit card debt", "inflation", "a pension", "diversification"],
              actions: ["grows", "protects", "tracks", "reduces", "erodes", "spreads"],
              details: ["over thirty years", "when income is irregular", "against a single company failing", "at a high interest rate"]),
        Topic(name: "Cooking techniques", course: "kitchen-skills",
              things: ["braising", "an emulsion", "the Maillard reaction", "a roux", "blanching", "a sharp knife", "resting meat", "deglazing the pan"],
              actions: ["browns", "thickens", "tenderizes", "preserves", "binds", "releases"],
              details: ["over low heat for hours", "before the sauce is finished", "so vegetables stay green", "with a splash of wine"]),
        Topic(name: "Networking", course: "networks-101",
              things: ["a TCP handshake", "DNS", "an IP address", "a subnet mask", "the router", "a firewall rule", "TLS", "packet loss"],
              actions: ["resolves", "routes", "encrypts", "blocks", "retransmits", "negotiates"],
              details: ["before any data is sent", "between two private networks", "when a port is closed", "on a congested link"]),
        Topic(name: "Music theory", course: "music-theory",
              things: ["a major scale", "a minor chord", "the circle of fifths", "a time signature", "syncopation", "a cadence", "an interval", "the key signature"],
              actions: ["defines", "resolves", "shifts", "accents", "builds", "modulates"],
              details: ["in four-four time", "at the end of a phrase", "from C major to G major", "on the off-beat"]),
        Topic(name: "Climate science", course: "climate-basics",
              things: ["the greenhouse effect", "carbon dioxide", "ocean acidification", "the albedo of ice", "methane", "a feedback loop", "sea level", "the carbon cycle"],
              actions: ["traps", "absorbs", "amplifies", "raises", "releases", "reflects"],
              details: ["since the industrial revolution", "in the Arctic summer", "over geological time", "as permafrost thaws"]),
    ]

    static let openers = ["", "In this lesson, ", "Remember that ", "For example, ", "Note that ", "In practice, ",
                          "As we saw earlier, ", "Most beginners find that ", "It is worth knowing that "]
    static let closers = ["", " This matters in the exercise.", " Try it on your own example.",
                          " The quiz at the end checks this.", " We will come back to it later."]

    private var workload: Workload

    init(seed: UInt64) {
        workload = Workload(seed: seed)
    }

    mutating func sentence(_ topic: Topic) -> String {
        let opener = workload.pick(Self.openers)
        let subject = workload.pick(topic.things)
        let text = "\(subject) \(workload.pick(topic.actions)) \(workload.pick(topic.things)) \(workload.pick(topic.details))."
        return opener.isEmpty ? text.prefix(1).uppercased() + text.dropFirst() : opener + text
    }

    /// Four to six sentences, mostly on `topic` with now and then one from another topic.
    mutating func paragraph(topic index: Int) -> String {
        let count = 4 + Int(workload.next() % 3)
        var parts: [String] = []
        for _ in 0..<count {
            let other = workload.next() % 6 == 0
            parts.append(sentence(Self.topics[other ? Int(workload.next() % UInt64(Self.topics.count)) : index]))
        }
        return parts.joined(separator: " ") + workload.pick(Self.closers)
    }

    mutating func question(topic index: Int) -> String {
        let topic = Self.topics[index]
        let thing = workload.pick(topic.things), other = workload.pick(topic.things)
        switch workload.next() % 4 {
        case 0: return "How does \(thing) work \(workload.pick(topic.details))?"
        case 1: return "What is the difference between \(thing) and \(other)?"
        case 2: return "Why is \(thing) important \(workload.pick(topic.details))?"
        default: return "Can you explain \(thing) in \(topic.name.lowercased())?"
        }
    }
}
