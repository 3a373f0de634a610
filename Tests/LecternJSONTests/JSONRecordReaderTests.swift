import Testing
import LecternJSON

/// What the reader gives for each record: line, index, the keys, and the problem.
struct SeenRecord: Equatable {
    var line: Int
    var index: Int
    var keys: [String]
    var problem: JSONRecord.Problem?
}

func records(_ text: String, _ layout: JSONRecordReader.Layout) throws(JSONSyntaxError) -> [SeenRecord] {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in
        var reader = JSONRecordReader(buffer, layout: layout)
        var record = JSONRecord()
        var seen: [SeenRecord] = []
        while try reader.next(into: &record) {
            let keys = record.members.map { String(decoding: buffer[$0.key.start..<$0.key.end], as: UTF8.self) }
            seen.append(SeenRecord(line: record.line, index: record.index, keys: keys, problem: record.problem))
        }
        return seen
    }
}

struct JSONRecordReaderTests {
    @Test func everyLayoutGivesItsRecords() throws {
        let two = [SeenRecord(line: 1, index: 1, keys: ["name"], problem: nil), SeenRecord(line: 1, index: 2, keys: ["name", "x"], problem: nil)]
        #expect(try records(#"{"data":[{"name":"a"},{"name":"b","x":1}]}"#, .document) == two)
        #expect(try records(#"{"total":2,"data":[{"name":"a"},{"name":"b","x":1}],"next":null}"#, .document) == two)
        #expect(try records(#"[{"name":"a"},{"name":"b","x":1}]"#, .document) == two)
        #expect(try records("\u{FEFF}{\"data\":{\"name\":\"a\",\"items\":[{\"q\":1}]}}", .document)
                == [SeenRecord(line: 1, index: 1, keys: ["name", "items"], problem: nil)])
        #expect(try records(#"{"name":"a","data":"not a list"}"#, .document)
                == [SeenRecord(line: 1, index: 1, keys: ["name", "data"], problem: nil)])
        #expect(try records(#"{"data":[]}"#, .document) == [])
        #expect(try records("[]", .document) == [])
        #expect(try records("{}", .document) == [SeenRecord(line: 1, index: 1, keys: [], problem: nil)])
    }

    @Test func recordsInAPrettyPrintedListKnowTheirLines() throws {
        let text = "{\n \"data\": [\n  {\n   \"name\": \"a\"\n  },\n  \"text\",\n  {\"name\": \"c\"}\n ]\n}\n"
        #expect(try records(text, .document) == [
            SeenRecord(line: 3, index: 1, keys: ["name"], problem: nil),
            SeenRecord(line: 6, index: 2, keys: [], problem: .notAnObject),
            SeenRecord(line: 7, index: 3, keys: ["name"], problem: nil),
        ])
    }

    @Test func aDocumentMustBeValidToItsEnd() {
        #expect(throws: JSONSyntaxError(line: 4, reason: "unexpected ']', expected a value")) {
            try records("{\"data\": [\n{\"name\": \"x\"},\n{\"name\": \n]}", .document)
        }
        #expect(throws: JSONSyntaxError.self) { try records(#"{"data":[{"name":"a"}],}"#, .document) }
        #expect(throws: JSONSyntaxError.self) { try records("\"just a string\"", .document) }
    }

    @Test func jsonLinesStandAlone() throws {
        let text = "{\"name\":\"a\"}\r\n\n  \nnot json\n42\n{\"name\":\"b\"} trailing\n{\"name\":\"c\"}"
        let seen = try records(text, .lines)
        #expect(seen.map(\.line) == [1, 4, 5, 6, 7])
        #expect(seen.map(\.index) == [1, 2, 3, 4, 5])
        #expect(seen[0].problem == nil && seen[4].keys == ["name"])
        #expect(seen[2].problem == .notAnObject)
        if case .notJSON(let error)? = seen[1].problem { #expect(error.line == 4) } else { Issue.record("line 4 was read as JSON") }
        if case .notJSON? = seen[3].problem {} else { Issue.record("text after a value was accepted") }
        #expect(throws: JSONSyntaxError(line: 2, reason: "no line is valid JSON")) { try records("\nnot json\nnor this\n", .lines) }
        #expect(try records("", .lines) == [])
    }
}
