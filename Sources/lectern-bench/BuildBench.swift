import Foundation
import LecternBuild

/// Build throughput on generated courses (cold: empty embedding cache; warm: everything cached,
/// so nothing is embedded), and the time of a no-change rebuild of the sample content.
enum BuildBench {
    static func run(outputDirectory: String) throws {
        var report = BenchReport(name: "build")
        let root = NSTemporaryDirectory() + "lectern-build-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lessons = try writeCourses(at: root + "/content", courses: 4, chapters: 5, lessonsPerChapter: 10)
        print("build: \(lessons) generated lessons (4 courses), 2 threads")

        let options = BuildOptions(contentRoot: root + "/content", outputDirectory: root + "/output", threads: 2)
        var t0 = now()
        let cold = try IndexBuilder(options: options).run()
        let coldSeconds = now() - t0
        report.add("cold_lessons_per_s", Double(cold.lessonsInScope) / coldSeconds, "lessons/s")
        report.add("cold_chunks_per_s", Double(cold.chunksInScope) / coldSeconds, "chunks/s")

        // Warm: a new output folder would lose the cache, so remove only the index and chunks.
        try FileManager.default.removeItem(atPath: options.indexPath)
        t0 = now()
        let warm = try IndexBuilder(options: options).run()
        let warmSeconds = now() - t0
        report.add("warm_lessons_per_s", Double(warm.lessonsInScope) / warmSeconds, "lessons/s")
        report.add("warm_chunks_per_s", Double(warm.chunksInScope) / warmSeconds, "chunks/s")
        report.add("warm_embedded", Double(warm.embedded), "chunks")

        if FileManager.default.fileExists(atPath: "content/courses") {
            let sample = BuildOptions(contentRoot: "content", outputDirectory: root + "/sample-output", threads: 2)
            _ = try IndexBuilder(options: sample).run()
            var times: [Double] = []
            for _ in 0..<5 {
                t0 = now()
                let again = try IndexBuilder(options: sample).run()
                times.append(now() - t0)
                precondition(again.embedded == 0, "a no-change rebuild embedded \(again.embedded) chunks")
            }
            report.add("sample_no_change_rebuild_s", quantile(times, 0.5), "s (median of 5, in-process)")
        }
        try report.write(to: outputDirectory)
    }

    /// Markdown courses in the authoring layout, deterministic.
    static func writeCourses(at root: String, courses: Int, chapters: Int, lessonsPerChapter: Int) throws -> Int {
        var workload = Workload(seed: 7)
        var count = 0
        for c in 1...courses {
            let course = root + "/courses/course-\(c)"
            try FileManager.default.createDirectory(atPath: course, withIntermediateDirectories: true)
            try "---\ntitle: Course \(c)\ndescription: Generated\n---\n".write(toFile: course + "/course.md", atomically: true, encoding: .utf8)
            for h in 1...chapters {
                let chapter = course + String(format: "/%02d-chapter-%d", h, h)
                try FileManager.default.createDirectory(atPath: chapter, withIntermediateDirectories: true)
                for l in 1...lessonsPerChapter {
                    var text = "# Lesson \(c).\(h).\(l)\n\n"
                    for s in 1...4 {
                        text += "## Section \(s)\n\n\(workload.paragraph(words: 90))\n\n"
                        if s == 2 { text += "```python\nfor item in items:\n    print(item)\n```\n\n- \(workload.sentence())\n- \(workload.sentence())\n\n" }
                    }
                    try text.write(toFile: chapter + String(format: "/%02d-lesson-%d.md", l, l), atomically: true, encoding: .utf8)
                    count += 1
                }
            }
        }
        return count
    }
}
