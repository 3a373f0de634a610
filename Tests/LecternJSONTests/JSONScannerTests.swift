import Testing
import LecternJSON

/// Runs `body` on the UTF-8 bytes of `text`.
func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
    try withBytes(Array(text.utf8), body)
}

func withBytes<T>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
    try bytes.withUnsafeBufferPointer(body)
}

/// The syntax error a whole-value scan of `text` reports, or nil if it is valid.
func syntaxError(_ text: String) -> JSONSyntaxError? {
    withBytes(text) { bytes -> JSONSyntaxError? in
        var scanner = JSONScanner(bytes)
        do {
            _ = try scanner.value()
            try scanner.expectEnd()
            return nil
        } catch {
            return error as? JSONSyntaxError
        }
    }
}

func decoded(_ literal: String) throws -> [UInt8] {
    try withBytes(literal) { bytes in
        var scanner = JSONScanner(bytes)
        let span = try scanner.value()
        var out: [UInt8] = []
        JSONStringDecoder.append(UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]), to: &out)
        return out
    }
}

struct JSONScannerTests {
    @Test func acceptsValidJSONAndReportsKinds() throws {
        for text in [#"{"a":[1,-2.5e+3,0,true,false,null],"b":{"c":"d"},"e":""}"#, " [ ] ", "{}", "-0", "\"x\"", "1E2"] {
            #expect(syntaxError(text) == nil, "\(text)")
        }
        let kinds = try withBytes(#"{"s":"plain","e":"a\nb","n":12.5,"t":true,"f":false,"z":null,"o":{},"a":[]}"#) { bytes in
            var scanner = JSONScanner(bytes)
            var members: [JSONMember] = []
            try scanner.members(into: &members)
            return members.map(\.value.kind)
        }
        #expect(kinds == [.string, .escapedString, .number, .true, .false, .null, .object, .array])
    }

    @Test func rejectsInvalidJSONWithItsLine() {
        let cases: [(String, Int)] = [
            ("{\"a\": 1,}", 1), ("[1,\n2,\n]", 3), ("{'a': 1}", 1), ("[01]", 1), ("[1.]", 1), ("[-]", 1),
            ("[\"tab\there\"]", 1), ("[\"line\nbreak\"]", 1), ("[\"bad \\x escape\"]", 1), ("[\"\\u12G4\"]", 1),
            ("{\"a\" 1}", 1), ("[tru]", 1), ("[1 2]", 1), ("{\"a\":1}\n\n{\"b\":2}", 3), ("", 1), ("[NaN]", 1),
        ]
        for (text, line) in cases {
            let error = syntaxError(text)
            #expect(error != nil, "\(text) was accepted")
            #expect(error?.line == line, "\(text): \(String(describing: error))")
        }
    }

    @Test func aTruncatedDocumentReportsItsLastLine() {
        let error = syntaxError("{\"data\": [\n  {\"name\": \"a\"},\n  {\"name\": \"b")
        #expect(error == JSONSyntaxError(line: 3, reason: "a string is not closed"))
        #expect(syntaxError("[\n{\"a\": 1},\n")?.line == 3)
    }

    @Test func nestingIsLimited() {
        let limit = JSONScanner.maximumDepth
        #expect(syntaxError(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)) == nil)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(syntaxError(tooDeep)?.reason == "nested deeper than \(limit) levels")
        // Far deeper input fails the same way, without exhausting the stack.
        #expect(syntaxError(String(repeating: "{\"a\":", count: 100_000))?.reason == "nested deeper than \(limit) levels")
    }

    @Test func escapesDecodeToUTF8() throws {
        #expect(try decoded(#""a\"b\\c\/d\b\f\n\r\t""#) == Array("a\"b\\c/d\u{8}\u{C}\n\r\t".utf8))
        #expect(try decoded(#""\u00e9\u20AC""#) == Array("é€".utf8))
        #expect(try decoded(#""\ud83d\ude00""#) == [0xF0, 0x9F, 0x98, 0x80])   // 😀, one surrogate pair
        #expect(try decoded(#""\u0000""#) == [0])
        // A surrogate without its partner cannot be UTF-8: it becomes U+FFFD.
        #expect(try decoded(#""\ud83dx""#) == [0xEF, 0xBF, 0xBD, UInt8(ascii: "x")])
        #expect(try decoded(#""\ude00""#) == [0xEF, 0xBF, 0xBD])
    }

    @Test func bytesThatAreNotUTF8PassThroughStrings() throws {
        let bytes: [UInt8] = Array("[\"caf".utf8) + [0xE9, 0xFF] + Array("\"]".utf8)
        let span = try withBytes(bytes) { buffer -> JSONSpan in
            var scanner = JSONScanner(buffer)
            _ = try scanner.enterArray()
            return try scanner.value()
        }
        #expect(span == JSONSpan(kind: .string, start: 2, end: 7))
    }

    @Test func aOneMegabyteStringIsOneSpan() throws {
        let long = String(repeating: "abcdefgh\\n", count: 100_000) + "é"
        let span = try withBytes("{\"content\":\"\(long)\"}") { bytes -> JSONSpan in
            var scanner = JSONScanner(bytes)
            var members: [JSONMember] = []
            try scanner.members(into: &members)
            return members[0].value
        }
        #expect(span.kind == .escapedString && span.count == long.utf8.count)
    }

    @Test func compactDropsWhitespaceAndWritesStringsOneWay() throws {
        let text = "[ {\"url\" : \"\\/lms\\/x\", \"n\": 1.50 },\n  \"caf\\u00e9\" ]"
        let compact = withBytes(text) { bytes -> String in
            var out: [UInt8] = []
            JSONCompact.append(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(compact == #"[{"url":"/lms/x","n":1.50},"café"]"#)
    }
}
