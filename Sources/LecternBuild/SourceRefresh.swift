import Foundation
import LecternSources
import LecternStore

/// `lectern sources`: fetch (or revalidate) the listed sources into the cache and record their
/// state, without indexing them; the next `lectern build` indexes what was fetched.
public enum SourceRefresh {
    public struct Result: Sendable {
        public var sources: [SourceStatusRecord] = []
        public var problems: [String] = []
        /// Answered by a 304 or taken from the cache offline.
        public var notDownloaded = 0
    }

    public static func run(options: BuildOptions, log: (String) -> Void = { _ in }) throws -> Result {
        try FileManager.default.createDirectory(atPath: options.outputDirectory, withIntermediateDirectories: true)
        let state = try StateStore(path: options.statePath)
        let lists = SourceList.read(root: options.contentRoot)
        var result = Result(problems: lists.problems.map(\.description))
        let fetcher = SourceFetcher(contentRoot: options.contentRoot, state: state, limits: options.fetchLimits, offline: options.offline)
        let indexed = Dictionary(try state.indexedSources(course: options.course).map { ([$0.course, $0.lesson, $0.url], $0.chunks) },
                                 uniquingKeysWith: { first, _ in first })
        let time = Date().timeIntervalSince1970
        for entry in lists.entries where options.course == nil || entry.course == options.course {
            if entry.allowed { log("fetching \(entry.url)") }
            let fetched = fetcher.fetch(entry)
            if fetched.status == .error {
                result.problems.append("\(entry.listedIn) (record \(entry.record)): \(entry.url): \(fetched.message ?? "failed")")
            }
            if fetched.fromCache { result.notDownloaded += 1 }
            let record = SourceStatusRecord(
                name: entry.name, course: entry.course, lesson: entry.lesson, title: entry.title ?? fetched.document?.title,
                url: entry.url, allowed: entry.allowed, status: fetched.status.rawValue, lastFetchedAt: fetched.fetchedAt,
                mimeType: fetched.mimeType, chunkCount: indexed[[entry.course, entry.lesson ?? "", entry.url]] ?? 0,
                error: fetched.message, listedIn: entry.listedIn)
            try state.recordSourceStatus(record, at: time)
            result.sources.append(record)
        }
        return result
    }
}
