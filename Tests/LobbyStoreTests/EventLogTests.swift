import Foundation
import GRDB
import LobbyCore
import LobbyTestSupport
import Testing

@testable import LobbyStore

@Suite("Event log")
struct EventLogTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = "\(directory.path)/state/lobbyd.sqlite"
    }

    func filled(_ count: Int = 5) throws -> EventLog {
        let log = try EventLog(path: path)
        for index in 0..<count {
            try log.append(
                EventEntry(
                    date: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)),
                    kind: index.isMultiple(of: 2) ? .screenOn : .screenOff,
                    detail: ["reason": "workday window 08:20-12:00", "n": "\(index)"]))
        }
        return log
    }

    /// A raw connection, as someone with the file and sqlite3 would have.
    func raw() throws -> DatabaseQueue { try DatabaseQueue(path: path) }

    @Test("a new log is created and migrated from empty, and reopening keeps every row")
    func migrations() throws {
        _ = try filled(3)
        let reopened = try EventLog(path: path)
        #expect(try reopened.events().count == 3)
        let migrations = try raw().read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1-events", "v2-retention"])
        let journal = try raw().read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test("a commit is synced to disk (synchronous=FULL on the writer), and the files are not for others")
    func durableAndPrivate() throws {
        let log = try filled(1)
        // GRDB sets NORMAL when it turns WAL on; FULL must be what the writer has after that.
        #expect(try log.writePool { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        for file in [path, "\(path)-wal", "\(path)-shm"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode & 0o007 == 0, "\(file) is mode \(String(mode, radix: 8))")
        }
        // A log an earlier release left 0644 is closed to others when it is opened again.
        for file in [path, "\(path)-wal", "\(path)-shm"] { chmod(file, 0o644) }
        _ = try EventLog(path: path)
        for file in [path, "\(path)-wal", "\(path)-shm"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode == 0o640, "\(file) is mode \(String(mode, radix: 8))")
        }
    }

    @Test("the append-only triggers refuse UPDATE and DELETE")
    func appendOnly() throws {
        _ = try filled()
        let queue = try raw()
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE events SET kind = 'screen_on' WHERE id = 2") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "DELETE FROM events WHERE id = 2") }
        }
    }

    @Test("an intact chain verifies; a hand-edited row is named")
    func editedRow() throws {
        let log = try filled()
        #expect(try log.verify() == .intact(rows: 5))
        try raw().write { db in
            try db.execute(sql: "DROP TRIGGER events_append_only_update")
            try db.execute(sql: "UPDATE events SET detail = '{\"reason\":\"holiday\"}' WHERE id = 3")
        }
        #expect(try log.verify() == .broken(row: 3, reason: "its content does not match its hash (the row was edited)"))
    }

    @Test("a deleted row is found at the row after it")
    func deletedRow() throws {
        let log = try filled()
        try raw().write { db in
            try db.execute(sql: "DROP TRIGGER events_append_only_delete")
            try db.execute(sql: "DELETE FROM events WHERE id = 2")
        }
        #expect(
            try log.verify()
                == .broken(row: 3, reason: "it does not follow the row before it (a row was removed or inserted)"))
    }

    @Test("a damaged database file is refused at start with the recovery command")
    func corrupt() throws {
        try FileManager.default.createDirectory(atPath: "\(directory.path)/state", withIntermediateDirectories: true)
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        do {
            _ = try EventLog(path: path)
            Issue.record("a damaged database was opened")
        } catch {
            guard case .corrupt = error else {
                Issue.record("expected .corrupt, got \(error)")
                return
            }
            #expect(
                error.description.contains(
                    "mv \(path) \(path).damaged && { [ ! -e \(path)-wal ] || mv \(path)-wal \(path).damaged-wal; }"))
        }
    }

    @Test("events can be read by time range and kind, a page at a time")
    func queries() throws {
        let log = try filled(10)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(try log.events(kinds: ["screen_off"]).count == 5)
        #expect(
            try log.events(since: start.addingTimeInterval(2), until: start.addingTimeInterval(5)).map(\.id) == [
                3, 4, 5,
            ])
        #expect(try log.events(limit: 3, offset: 3).map(\.id) == [4, 5, 6])
        let first = try #require(try log.events(limit: 1).first)
        #expect(first.detail == "{\"n\":\"0\",\"reason\":\"workday window 08:20-12:00\"}")
        #expect(first.ts == "2026-09-21T14:13:20.000Z" && first.actor == "daemon")
    }

    @Test("a reader holding a snapshot does not stop the writer (WAL)")
    func readerDoesNotBlockWriter() throws {
        let log = try filled(1)
        let reader = try raw()
        try reader.read { db in
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events")
            try log.append(EventEntry(date: Date(), kind: .dailyCheck, actor: "1000:zhang"))
        }
        #expect(try log.events().count == 2)
    }
}

@Suite("Event log batches")
struct EventLogBatchTests {
    @Test("a batch keeps the chain intact, appended after single events")
    func batch() throws {
        let directory = try TemporaryDirectory()
        let log = try EventLog(path: "\(directory.path)/lobbyd.sqlite")
        try log.append(EventEntry(date: Date(), kind: .daemonStart))
        let entries = (0..<100).map {
            EventEntry(date: Date().addingTimeInterval(Double($0)), kind: .screenOn, detail: ["n": "\($0)"])
        }
        #expect(try log.appendBatch(entries) == 101)
        #expect(try log.verify() == .intact(rows: 101))
    }
}

@Suite("Event log encoding")
struct EventEncodingTests {
    @Test("times are written to the millisecond in UTC and read back exactly")
    func time() throws {
        let date = Date(timeIntervalSince1970: 1_790_000_000.123)
        #expect(EventTime.format(date) == "2026-09-21T14:13:20.123Z")
        #expect(try #require(EventTime.parse("2026-09-21T14:13:20.123Z")).timeIntervalSince1970 == 1_790_000_000.123)
        #expect(EventTime.parse("2026-09-21T14:13:20Z") == nil && EventTime.parse("2026-02-30T00:00:00.000Z") == nil)
    }

    @Test("details are JSON with sorted keys, escaped, and parse back")
    func detail() throws {
        let directory = try TemporaryDirectory()
        let log = try EventLog(path: "\(directory.path)/l.sqlite")
        let detail = ["z": "last", "a": "引号\"和\\反斜杠\n换行\u{1}"]
        try log.append(EventEntry(date: Date(), kind: .dailyCheck, detail: detail))
        let stored = try #require(try log.events().first)
        #expect(stored.detail.hasPrefix("{\"a\":") && stored.detail.hasSuffix("\"z\":\"last\"}"))
        #expect(try JSONDecoder().decode([String: String].self, from: Data(stored.detail.utf8)) == detail)
    }
}
