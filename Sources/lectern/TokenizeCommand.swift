import ArgumentParser
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

    @Option(name: .customLong("model"), help: "Model directory (default: $LECTERN_MODEL_DIR or models/all-MiniLM-L6-v2).")
    var modelDirectory: String?

    func validate() throws {
        guard (text == nil) != (input == nil) else { throw ValidationError("give either TEXT or --input") }
    }

    func run() throws {
        let tokenizer = try reportingFailures {
            try WordPieceTokenizer(vocabularyPath: try ModelLocation.resolve(modelDirectory) + "/vocab.txt")
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
                writer.write("{\"input_ids\":[" + ids.map(String.init).joined(separator: ",") + "],\"tokens\":["
                             + ids.map { jsonString(tokenizer.token(for: $0)) }.joined(separator: ",") + "]}\n")
            } catch {
                printError("\(input == "-" ? "<stdin>" : input!):\(reader.lineNumber): \(error.message)")
                rejected += 1
            }
        }
        try reportingFailures { try writer.commit() }
        if rejected > 0 { throw ExitCode(1) }
    }
}

/// A JSON string literal for `text`.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
