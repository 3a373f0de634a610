import ArgumentParser
import Foundation
import LecternEmbedding

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Print the word pieces of a text and their ids, as the embedding model sees them.",
        discussion: """
            With TEXT: one line per token, its id, a tab, the word piece. With --input: one JSON \
            object per input record, {"input_ids": [...], "tokens": [...]}, in input order (records \
            as for `lectern embed`). [CLS] and [SEP] are included, and texts are truncated to the \
            model's 256 tokens. Only the vocabulary is read, so this is quick.
            """)

    @Argument(help: "The text to tokenize.")
    var text: String?

    @Option(name: .shortAndLong, help: "JSON Lines file of {\"text\": ...} records to tokenize instead, or - for standard input.")
    var input: String?

    @OptionGroup var model: ModelOption

    func validate() throws {
        guard (text == nil) != (input == nil) else { throw ValidationError("give either TEXT or --input") }
    }

    func run() throws {
        let tokenizer = try reportingFailures {
            try WordPieceTokenizer(vocabularyPath: try ModelLocation.resolve(model.directory) + "/vocab.txt")
        }
        if let text {
            var out = ""
            for id in tokenizer.encode(text) {
                out += "\(id)\t\(tokenizer.token(for: id))\n"
            }
            print(out, terminator: "")
            return
        }
        let reader = try reportingFailures { try LineReader(path: input!) }
        let writer = try reportingFailures { try AtomicOutput(path: "-") }
        var rejected = 0
        while let line = reader.next() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            do {
                let ids = tokenizer.encode(try JSONLRecord(line: line).text)
                let object: [String: Any] = ["input_ids": ids.map(Int.init), "tokens": ids.map(tokenizer.token(for:))]
                // Strings and integers always serialize.
                let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
                writer.write(String(decoding: data, as: UTF8.self) + "\n")
            } catch {
                printError("\(input == "-" ? "<stdin>" : input!):\(reader.lineNumber): \(error.message)")
                rejected += 1
            }
        }
        try reportingFailures { try writer.commit() }
        if rejected > 0 { throw ExitCode(1) }
    }
}
