import Foundation

/// One JSON Lines record holding a `text` string; other fields travel through untouched.
struct JSONLRecord {
    let line: String
    let text: String
    private let object: [String: Any]

    init(line: String) throws(CommandError) {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) else {
            throw CommandError("not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw CommandError("not a JSON object") }
        guard let value = object["text"] else { throw CommandError("no \"text\" field") }
        guard let text = value as? String else { throw CommandError("\"text\" is not a string") }
        self.line = line
        self.text = text
        self.object = object
    }

    /// The record with `input_ids` and `embedding` added. The original line is kept byte for
    /// byte (fields, order, spacing) unless it already has one of those fields to replace.
    func adding(inputIDs: [Int32], embedding: ArraySlice<Float>) -> String {
        let ids = "[" + inputIDs.map(String.init).joined(separator: ",") + "]"
        let vector = "[" + embedding.map { "\($0)" }.joined(separator: ",") + "]"
        if object["input_ids"] == nil && object["embedding"] == nil,
           let close = line.lastIndex(of: "}") {
            let body = line[..<close]
            let empty = body.dropFirst().allSatisfy(\.isWhitespace)
            return body + (empty ? "" : ",") + "\"input_ids\":\(ids),\"embedding\":\(vector)}"
        }
        var copy = object
        copy.removeValue(forKey: "input_ids")
        copy.removeValue(forKey: "embedding")
        let rest = (try? JSONSerialization.data(withJSONObject: copy, options: [.sortedKeys])).map {
            String(decoding: $0, as: UTF8.self)
        } ?? "{}"
        let body = rest.dropLast()
        return body + (copy.isEmpty ? "" : ",") + "\"input_ids\":\(ids),\"embedding\":\(vector)}"
    }
}
