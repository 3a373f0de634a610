import Foundation
import Testing
import LecternStore

/// `withRollbackJournal`: a rollback journal inside when the connection is alone, the
/// write-ahead log inside when another is open, the log again afterwards either way, and a
/// thrown error still rolls the transaction back.
struct RollbackJournalTests {
    static func database() throws -> (Database, String) {
        let path = NSTemporaryDirectory() + "lectern-journal-" + UUID().uuidString + ".sqlite"
        let database = try Database(path: path)
        try database.execute("CREATE TABLE t (x INTEGER)")
        return (database, path)
    }

    @Test func aloneItUsesARollbackJournal() throws {
        let (database, _) = try Self.database()
        let inside = try database.withRollbackJournal { () throws -> String in
            try database.transaction { try database.execute("INSERT INTO t VALUES (1)") }
            return try database.journalMode
        }
        #expect(inside == "truncate")
        #expect(try database.journalMode == "wal")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try database.withRollbackJournal {
                try database.transaction { try database.execute("INSERT INTO t VALUES (2)"); throw Stop() }
            }
        }
        let count = try database.prepare("SELECT count(*) FROM t")
        #expect(try count.step() && count.int(0) == 1)
        #expect(try database.journalMode == "wal")
    }

    @Test func anotherConnectionKeepsTheLog() throws {
        let (database, path) = try Self.database()
        let reader = try Database(path: path)
        let read = try reader.prepare("SELECT count(*) FROM t")
        #expect(try read.step())   // a read in progress
        let inside = try database.withRollbackJournal { try database.journalMode }
        #expect(inside == "wal")
        #expect(try database.journalMode == "wal")
    }
}
