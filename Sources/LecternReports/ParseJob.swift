import Foundation

/// One file being parsed on a thread of its own, from the moment it is created. The parser and
/// its result belong to that thread until it finishes the pipe; the writer reads `result` only
/// after `pipe.takeFull` returned nil, which the pipe's lock orders after the parser's last write.
final class ParseJob: @unchecked Sendable {
    let path: String
    /// The DocType of the file as a whole (forced, or from its name), if any.
    let schema: DocTypeSchema?
    /// When the file's import began: its import record and its rejects carry this time.
    let started = Date().timeIntervalSince1970
    let pipe = BatchPipe(batches: 3)
    private var parser: ExportParser?
    private(set) var result = ParseResult()

    init(path: String, schema: DocTypeSchema?, parser: (BatchPipe) -> ExportParser) {
        self.path = path
        self.schema = schema
        self.parser = parser(pipe)
        let thread = Thread { self.run() }
        // The JSON scanner recurses once per nesting level (at most 512).
        thread.stackSize = 16 << 20
        thread.start()
    }

    private func run() {
        result = parser!.run()
        parser = nil
        pipe.finish()
    }
}
