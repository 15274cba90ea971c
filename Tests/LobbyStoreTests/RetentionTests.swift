import Foundation
import GRDB
import LobbyCore
import LobbyTestSupport
import Testing

@testable import LobbyStore

@Suite("Event log retention")
struct RetentionTests {
    let directory: TemporaryDirectory
    let path: String
    static let day0 = Date(timeIntervalSince1970: 1_790_000_000)

    init() throws {
        directory = try TemporaryDirectory()
        path = "\(directory.path)/lobbyd.sqlite"
    }

    func tenDays() throws -> EventLog {
        let log = try EventLog(path: path)
        for day in 0..<10 {
            try log.append(
                EventEntry(
                    date: Self.day0.addingTimeInterval(Double(day) * 86_400), kind: .dailyCheck,
                    detail: ["day": "\(day)"]))
        }
        return log
    }

    @Test("a log made with the first schema is upgraded and still verifies")
    func upgradeFromFirstSchema() throws {
        var first = DatabaseMigrator()
        first.registerMigration("v1-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT NOT NULL, kind TEXT NOT NULL,
                        detail TEXT NOT NULL, actor TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
                    CREATE INDEX events_by_time ON events(ts);
                    CREATE INDEX events_by_kind ON events(kind, ts);
                    CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    """)
        }
        try first.migrate(try DatabaseQueue(path: path))
        let log = try EventLog(path: path)
        try log.append(EventEntry(date: Self.day0, kind: .daemonStart))
        #expect(try log.verify() == .intact(rows: 1))
        let applied = try DatabaseQueue(path: path).read {
            try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(applied == ["v1-events", "v2-retention"])
    }

    @Test("pruning removes only old events, and the remaining chain still verifies")
    func prune() throws {
        let log = try tenDays()
        #expect(try log.prune(olderThan: Self.day0.addingTimeInterval(5 * 86_400), batch: 2) == 5)
        #expect(try log.events().map(\.id) == [6, 7, 8, 9, 10])
        #expect(try log.verify() == .intact(rows: 5))
        #expect(throws: DatabaseError.self) {
            try DatabaseQueue(path: path).write { try $0.execute(sql: "DELETE FROM events WHERE id = 7") }
        }
        #expect(throws: DatabaseError.self) {
            try DatabaseQueue(path: path).write { try $0.execute(sql: "DELETE FROM retention_checkpoints") }
        }
    }

    @Test("a crash between the checkpoint and the deletions leaves a log that still verifies")
    func interruptedPrune() throws {
        let log = try tenDays()
        let fifth = try #require(try log.events(limit: 5).last)
        try DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: "INSERT INTO retention_checkpoints (up_to_id, hash, ts) VALUES (?, ?, ?)",
                arguments: [fifth.id, fifth.hash, "x"])
        }
        #expect(try log.verify() == .intact(rows: 5))
        #expect(try log.prune(olderThan: Self.day0.addingTimeInterval(5 * 86_400)) == 5)
        #expect(try log.verify() == .intact(rows: 5))
    }
}
