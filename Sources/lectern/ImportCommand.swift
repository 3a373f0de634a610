import ArgumentParser
import Foundation
import LecternReports
import LecternStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import AI-tutor logs exported from Frappe into the state database.",
        discussion: """
            Reads REST lists ({"data":[…]}), single documents ({"data":{…}}), bench export-json arrays, \
            JSON Lines and Data Import CSV exports (labels or fieldnames as headers). A folder imports its \
            files in name order. The DocType comes from --doctype, else a record's doctype field, else the \
            file name ("AI Proxy Log.json", ai_proxy_log.csv). Rows are upserted by name: a newer modified \
            replaces, the same or older is unchanged. Rows that fail validation and files that cannot be \
            read go to the rejects table with file and line; everything else still arrives. \
            Exit status: 0 all imported, 1 some row or file rejected, 2 fatal error.
            """)

    @Argument(help: "Export files or folders of them.")
    var paths: [String]

    @Option(help: "Treat every record as this DocType (e.g. \"AI Proxy Log\").")
    var doctype: String?

    @Option(help: "IANA time zone of naive datetimes (the Frappe site's zone).")
    var timezone = "UTC"

    @Option(help: "The state database.")
    var state = "output/state.sqlite"

    func run() throws {
        guard let zone = TimeZone(identifier: timezone) else {
            printError("lectern: unknown time zone \"\(timezone)\" (use an IANA name such as Europe/Stockholm)")
            throw ExitCode(2)
        }
        let summaries: [FileImportSummary]
        do {
            let files = try LogImporter.expand(paths)
            let directory = (state as NSString).deletingLastPathComponent
            if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let store = try StateStore(path: state)
            let importer = try LogImporter(database: store.database, options: ImportOptions(doctype: doctype, timeZone: zone))
            summaries = try importer.importFiles(files)
        } catch let error as ImportError {
            printError("lectern: \(error.message)")
            throw ExitCode(2)
        } catch let error as StoreError {
            printError("lectern: \(error.message)")
            throw ExitCode(2)
        }
        for summary in summaries {
            if let failure = summary.failure { printError("error: \(failure)") }
            for message in summary.rejectMessages { printError("rejected: \(message)") }
            if summary.rejected > summary.rejectMessages.count && summary.failure == nil {
                printError("rejected: \(summary.file): \(summary.rejected - summary.rejectMessages.count) more (see the rejects table)")
            }
            print(ImportReport.line(summary))
        }
        print(ImportReport.totals(summaries))
        if summaries.contains(where: { $0.rejected > 0 }) { throw ExitCode(1) }
    }
}

/// The summary lines of an import.
enum ImportReport {
    static func line(_ s: FileImportSummary) -> String {
        let kind = s.failure != nil ? "unreadable" : (s.doctypes.isEmpty ? "no DocType" : s.doctypes.joined(separator: ", "))
        return "\(s.file) (\(kind)): \(s.read) read, \(s.upserted) upserted, \(s.unchanged) unchanged, \(s.rejected) rejected"
    }

    static func totals(_ all: [FileImportSummary]) -> String {
        func sum(_ key: KeyPath<FileImportSummary, Int>) -> Int { all.reduce(0) { $0 + $1[keyPath: key] } }
        return "total: \(all.count) files, \(sum(\.read)) read, \(sum(\.upserted)) upserted, \(sum(\.unchanged)) unchanged, \(sum(\.rejected)) rejected"
    }
}
