import ArgumentParser
import Foundation
import LecternEmbedding

struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed the `text` of each JSON Lines record with all-MiniLM-L6-v2.",
        discussion: """
            Each input line is a JSON object with a "text" string. Each output line is the same \
            object with "input_ids" (the token ids, [CLS] and [SEP] included) and "embedding" \
            (384 numbers, unit length) added, in input order. A line that is not such an object is \
            reported on stderr with its line number and left out; the other lines are still \
            written and the exit status is 1. Blank lines are skipped.
            """)

    @Option(name: .shortAndLong, help: "Input JSON Lines file, or - for standard input.")
    var input: String

    @Option(name: .shortAndLong, help: "Output JSON Lines file, or - for standard output. A file is replaced only once all of it is written.")
    var output: String

    @Option(help: "Texts per batch.")
    var batchSize = 32

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @OptionGroup var model: ModelOption

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let (embedder, reader, writer) = try reportingFailures {
            (try Embedder(modelDirectory: model.directory, threads: threads),
             try LineReader(path: input), try AtomicOutput(path: output))
        }
        let progress = Progress(label: "embedded")
        var rejected = 0
        var chunk: [JSONLRecord] = []
        // Embedding a chunk at a time keeps memory flat on large inputs.
        let chunkSize = max(batchSize * embedder.threads * 8, 256)
        func flush() {
            let done = progress.count
            let embeddings = embedder.embed(chunk.map(\.text), batchSize: batchSize) { finished in
                progress.update(done + finished)
            }
            var text = ""
            for (index, record) in chunk.enumerated() {
                text += record.adding(inputIDs: embeddings.inputIDs[index], embedding: embeddings.vector(index))
                text += "\n"
            }
            writer.write(text)
            progress.update(done + chunk.count)
            chunk.removeAll(keepingCapacity: true)
        }
        while let line = reader.next() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            do {
                chunk.append(try JSONLRecord(line: line))
            } catch {
                printError("\(input == "-" ? "<stdin>" : input):\(reader.lineNumber): \(error.message)")
                rejected += 1
            }
            if chunk.count >= chunkSize { flush() }
        }
        if !chunk.isEmpty { flush() }
        progress.finish()
        try reportingFailures { try writer.commit() }
        if rejected > 0 {
            printError("lectern embed: \(rejected) line\(rejected == 1 ? "" : "s") rejected, \(progress.count) embedded")
            throw ExitCode(1)
        }
    }
}
