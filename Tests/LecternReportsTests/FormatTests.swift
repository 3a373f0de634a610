import Foundation
import Testing
import LecternReports
import LecternStore

struct FormatTests {
    @Test func everyFormatGivesTheSameRows() throws {
        let exports: [(String, String)] = [
            ("AI Proxy Log.json", ProxyRows.json(["data": ProxyRows.objects()])),
            ("ai_proxy_log.json", ProxyRows.json(ProxyRows.objects())),
            ("AI Proxy Log.jsonl", ProxyRows.objects().map(ProxyRows.json).joined(separator: "\n") + "\n"),
            ("AI Proxy Log.csv", ProxyRows.csv(header: ProxyRows.labels)),
            ("ai-proxy-log.csv", ProxyRows.csv(header: ProxyRows.fields)),
        ]
        var tables: [[[String]]] = []
        for (name, text) in exports {
            let fixture = try ImportFixture()
            let summary = try fixture.importFile(try fixture.write(name, text))
            #expect(summary.failure == nil, "\(name)")
            #expect(summary.doctypes == ["AI Proxy Log"], "\(name)")
            #expect((summary.read, summary.upserted, summary.rejected) == (3, 3, 0), "\(name)")
            tables.append(try fixture.rows(ProxyRows.select))
        }
        #expect(tables[0].count == 3)
        for (n, table) in tables.enumerated() { #expect(table == tables[0], "\(exports[n].0)") }
        let first = tables[0][0]
        #expect(first[2] == "1772359200.25")           // 2026-03-01 10:00:00.25 UTC
        #expect(first[10] == "812.5")
        #expect(first[12] == "NULL")                   // empty error_message stays NULL
        #expect(tables[0][1][12] == "upstream timeout, \"retry\" later")
        #expect(tables[0][1][11] == "504")
    }

    @Test func singleDocumentEnvelope() throws {
        let fixture = try ImportFixture()
        let path = try fixture.write("one.json", ProxyRows.json(["data": ProxyRows.objects()[1]]))
        let summary = try fixture.importFile(path, doctype: "AI Proxy Log")
        #expect((summary.read, summary.upserted) == (1, 1))
        #expect(try fixture.rows("SELECT name, status_code FROM ai_proxy_log") == [["PL-2", "504"]])
    }

    @Test func csvWithBOMQuotesEmbeddedNewlinesAndCRLF() throws {
        let fixture = try ImportFixture()
        let text = "ID,Status,Latency (ms),Error Message,Modified\r\n"
            + "a1,error,10,\"line one\r\nline \"\"two\"\", with comma\",2026-01-01 00:00:00\r\n"
            + "a2,success,11,\"\",2026-01-01 00:00:00\r\n"
            + "a3,success,fast,,2026-01-01 00:00:00\r\n"
        let path = try fixture.writeBytes("AI Proxy Log.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let summary = try fixture.importFile(path)
        #expect((summary.read, summary.upserted, summary.rejected) == (3, 2, 1))
        #expect(try fixture.rows("SELECT name, error_message, latency_ms FROM ai_proxy_log ORDER BY name")
                == [["a1", "line one\r\nline \"two\", with comma", "10.0"], ["a2", "NULL", "11.0"]])
        // The first record spans lines 2-3, so the bad one is on line 5.
        #expect(try fixture.rows("SELECT file, line, record, reason FROM rejects")
                == [[path, "5", "3", "latency_ms: not a number (fast)"]])
        // The BOM is not part of the first header: `ID` was recognised as `name`.
        #expect(try fixture.rows("SELECT extra_json FROM ai_proxy_log WHERE name = 'a1'") == [["{}"]])
    }

    /// Every record's fields, read with `CSVReader` one record at a time.
    func csvFields(_ text: String) throws(MalformedFile) -> [[String]] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(MalformedFile) in
            var reader = CSVReader(buffer)
            var record = CSVRecord()
            var all: [[String]] = []
            while try reader.next(into: &record) { all.append((0..<record.fieldCount).map(record.field)) }
            return all
        }
    }

    @Test func csvReaderRejectsBrokenQuotes() throws {
        #expect(throws: MalformedFile.self) { try csvFields("a,b\n1,\"open\n2,3\n") }
        do {
            _ = try csvFields("a,b\n1,\"x\"y\n")
            Issue.record("text after a closing quote was accepted")
        } catch {
            #expect(error.line == 2)
        }
        #expect(try csvFields("a,\"\"\n\"\",\n") == [["a", ""], ["", ""]])
    }

    @Test func doctypeFromOptionFieldOrFileName() throws {
        let fixture = try ImportFixture()
        let row: [String: Any] = ["name": "X1", "status": "success", "latency_ms": 5]
        // From a field, whatever the file is called.
        var tagged = row; tagged["doctype"] = "AI Proxy Log"
        let byField = try fixture.importFile(try fixture.write("export.json", ProxyRows.json([tagged])))
        #expect(byField.doctypes == ["AI Proxy Log"] && byField.upserted == 1)
        // From the option, overriding the file name.
        let byOption = try fixture.importFile(try fixture.write("AI Chat Message.json", ProxyRows.json([["name": "X2", "status": "error"]])),
                                              doctype: "ai_proxy_log")
        #expect(byOption.doctypes == ["AI Proxy Log"] && byOption.upserted == 1)
        // From the file name.
        let byName = try fixture.importFile(try fixture.write("ai_proxy_log.jsonl", ProxyRows.json(["name": "X3"]) + "\n"))
        #expect(byName.doctypes == ["AI Proxy Log"] && byName.upserted == 1)
        #expect(try fixture.rows("SELECT name FROM ai_proxy_log ORDER BY name") == [["X1"], ["X2"], ["X3"]])
        // Nowhere: rejected, saying how to name it.
        let nowhere = try fixture.importFile(try fixture.write("dump.json", ProxyRows.json([row])))
        #expect(nowhere.rejected == 1)
        #expect(nowhere.rejectMessages.first?.contains("no DocType") == true)
        #expect(throws: ImportError.self) { try fixture.importer(doctype: "AI Nonsense") }
    }

    @Test func folderImportsItsFilesInOrder() throws {
        let fixture = try ImportFixture()
        try fixture.write("b.json", ProxyRows.json([["doctype": "AI Proxy Log", "name": "B"]]))
        try fixture.write("a.json", ProxyRows.json([["doctype": "AI Proxy Log", "name": "A"]]))
        try fixture.write(".hidden.json", "not json")
        let summaries = try fixture.importer().importFiles([fixture.directory + "/in"])
        #expect(summaries.map { ($0.file as NSString).lastPathComponent } == ["a.json", "b.json"])
        #expect(throws: ImportError.self) { try LogImporter.expand([fixture.directory + "/missing"]) }
    }
}
