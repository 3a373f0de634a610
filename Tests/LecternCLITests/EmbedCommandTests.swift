import Foundation
import Testing

/// `lectern embed` and `lectern tokenize` run as a user runs them: the built binary on real files.
@Suite(.enabled(if: CLI.modelAvailable || CLI.inCI, "skipped: the model is missing; run `make deps`"))
struct EmbedCommandTests {
    struct Reference: Decodable {
        let text: String
        let input_ids: [Int]
        let embedding: [Double]
    }

    static func references() throws -> [Reference] {
        let path = CLI.repositoryRoot + "/../shared/reference/minilm/embeddings.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("reference data missing at \(path)")
        }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(Reference.self, from: Data($0.utf8))
        }
    }

    func jsonLine(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func badLinesAreReportedAndTheRestIsWrittenInOrder() throws {
        let references = try Self.references()
        let picked = [references[2], references[22], references[63], references[32]]
        let directory = try CLI.temporaryDirectory()
        let lines = [
            try jsonLine(["text": picked[0].text, "id": "first", "tags": ["x"]]),
            "not json at all",
            try jsonLine(["text": picked[1].text]),
            "[1, 2, 3]",
            "",
            try jsonLine(["id": "no text"]),
            try jsonLine(["text": 42]),
            try jsonLine(["text": picked[2].text, "nested": ["a": 1]]),
            try jsonLine(["text": picked[3].text, "embedding": "old value"]),
        ]
        let input = directory + "/in.jsonl", output = directory + "/out.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)

        let result = try CLI.run(["embed", "--input", input, "--output", output, "--batch-size", "2"])
        #expect(result.status == 1)
        for (line, reason) in [(2, "not valid JSON"), (4, "not a JSON object"), (6, "no \"text\" field"), (7, "\"text\" is not a string")] {
            #expect(result.stderr.contains("in.jsonl:\(line): \(reason)"), "stderr: \(result.stderr)")
        }

        let written = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(written.count == 4)
        for (line, reference) in zip(written, picked) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["text"] as? String == reference.text)
            #expect((object["input_ids"] as? [Int]) == reference.input_ids)
            let embedding = try #require(object["embedding"] as? [Double])
            #expect(embedding.count == 384)
            let dot = zip(embedding, reference.embedding).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(dot >= 0.9999, "cosine for \(reference.text.prefix(40)): \(dot)")
        }
        let first = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        #expect(first["id"] as? String == "first" && first["tags"] as? [String] == ["x"])
    }

    @Test func standardInputAndOutputWork() throws {
        let result = try CLI.run(["embed", "--input", "-", "--output", "-"], stdin: #"{"text":"capital of France"}"# + "\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""input_ids":[101,3007,1997,2605,102]"#))
    }

    @Test func aMissingModelIsOneClearLine() throws {
        let directory = try CLI.temporaryDirectory()
        let input = directory + "/in.jsonl"
        try #"{"text":"hello"}"#.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try CLI.run(["embed", "-i", input, "-o", directory + "/out.jsonl"],
                                 environment: ["LECTERN_MODEL_DIR": directory + "/nowhere"])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("model.safetensors") && lines[0].contains("make deps"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out.jsonl"))
    }

    @Test func tokenizePrintsPiecesAndIds() throws {
        let result = try CLI.run(["tokenize", "Crème brûlée"])
        #expect(result.status == 0)
        #expect(result.stdout == "101\t[CLS]\n13675\tcr\n21382\t##eme\n7987\tbr\n9307\t##ule\n2063\t##e\n102\t[SEP]\n")
    }
}
