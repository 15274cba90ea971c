import Foundation
import GRDB
import LobbyCore
import LobbyStore
import LobbyTestSupport
import Testing

/// Hardening finding 11: an attacker with the database file could delete the tail, move the
/// retention checkpoint, append a row with a recomputed hash or empty the file, and the log
/// still verified "intact". Each is now caught against the anchors written outside the database.
@Suite("Event log anchors")
struct EventLogAnchorTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = "\(directory.path)/state/lobbyd.sqlite"
    }

    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A daemon's life: start, 5 events, an hourly anchor, 4 more events, stop.
    func lived() throws -> EventLog {
        let log = try EventLog(path: path)
        try log.anchor(.start, at: Self.start)
        for index in 0..<9 {
            if index == 5 { try log.anchor(.hourly, at: Self.start.addingTimeInterval(3_600)) }
            try log.append(
                EventEntry(
                    date: Self.start.addingTimeInterval(Double(index) * 600), kind: .dailyCheck,
                    detail: ["note": "检查 \(index)"], actor: "1000:zhang"))
        }
        try log.anchor(.stop, at: Self.start.addingTimeInterval(7_200))
        return log
    }

    /// The problems in English, the wording these tests were written in.
    func problems(_ log: EventLog) throws -> [String] {
        try Language.$scoped.withValue(.english) {
            try log.verify(against: try AnchorFile(log: path).read().anchors).problems
        }
    }

    func raw(_ sql: String) throws {
        try DatabaseQueue(path: path).write { db in try db.execute(sql: sql) }
    }

    @Test("an untouched log agrees with its anchors")
    func untouched() throws {
        let log = try lived()
        #expect(try problems(log).isEmpty)
        #expect(try AnchorFile(log: path).read().anchors.map(\.row) == [0, 5, 9])
    }

    @Test("11: the tail deleted behind the triggers' back is found")
    func tailDeleted() throws {
        let log = try lived()
        try raw("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE id > 6")
        #expect(try log.verify() == .intact(rows: 6))
        #expect(
            try problems(log) == [
                "the log ends at row 6 but held row 9 at 2026-09-21T16:13:20.000Z: its tail was deleted"
            ])
    }

    @Test("11: rows deleted under a forged retention checkpoint are found")
    func forgedCheckpoint() throws {
        let log = try lived()
        try raw(
            """
            INSERT INTO retention_checkpoints (up_to_id, hash, ts)
                SELECT id, hash, '2026-09-21T14:00:00.000Z' FROM events WHERE id = 7;
            DELETE FROM events WHERE id <= 7
            """)
        #expect(try log.verify() == .intact(rows: 2))
        #expect(try problems(log).contains { $0.contains("retention checkpoint up to row 7 is in no anchor") })
    }

    @Test("11: a row appended with a recomputed hash while lobbyd was stopped is found at the next start")
    func appendedWhileStopped() throws {
        let log = try lived()
        try log.append(
            EventEntry(date: Self.start.addingTimeInterval(900), kind: .dailyCheck, detail: ["note": "补记"], actor: "x"))
        #expect(try log.verify() == .intact(rows: 10))
        try log.anchor(.start, at: Self.start.addingTimeInterval(9_000))
        let found = try problems(log)
        #expect(
            found == [
                "rows 10–10 were written while lobbyd was stopped, between 2026-09-21T16:13:20.000Z and 2026-09-21T16:43:20.000Z"
            ], "\(found)")
    }

    @Test(
        "11 (review): after a kill -9, a row appended before the next start is found, and so is a deleted anchor file")
    func appendedAfterUncleanStop() throws {
        let log = try EventLog(path: path)
        try log.anchor(.start, at: Self.start)
        try log.append(EventEntry(date: Self.start, kind: .daemonStart))
        try log.anchor(.write, at: Self.start)
        // kill -9 here: no stop anchor. Then a forged row, then the next start.
        try log.append(EventEntry(date: Self.start, kind: .dailyCheck, detail: ["note": "补记"], actor: "x"))
        try log.anchor(.start, at: Self.start.addingTimeInterval(60))
        #expect(try problems(log).contains { $0.hasPrefix("rows 2–2 were written after lobbyd's last anchor") })
        try FileManager.default.removeItem(atPath: AnchorFile(log: path).path)
        #expect(try problems(log).contains { $0.contains("the log has 2 rows but no anchor") })
    }

    @Test("11: a database emptied to 0 bytes is found, not taken for a fresh start")
    func emptied() throws {
        _ = try lived()
        for suffix in ["", "-wal", "-shm"] { truncate(path + suffix, 0) }
        let reopened = try EventLog(path: path)
        #expect(try reopened.verify() == .intact(rows: 0))
        #expect(try problems(reopened).contains { $0.contains("the log ends at row 0 but held row 9") })
    }

    @Test("11: legitimate retention is anchored and keeps the log consistent")
    func retention() throws {
        let log = try lived()
        #expect(try log.prune(olderThan: Self.start.addingTimeInterval(2_000)) == 4)
        #expect(try problems(log).isEmpty)
    }

    @Test("11: the recovery command printed for a damaged log recovers every row, and verify-log agrees")
    func recovery() throws {
        _ = try lived()
        // The command the corrupt-log error prints, run as a technician would.
        let command = LobbyStoreError.corrupt(path: path, reason: "test").description
        let recover = try #require(command.range(of: "mv ")).lowerBound
        let script = String(command[recover...]).replacingOccurrences(
            of: " && lobbyctl verify-log --database \(path)", with: "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(script)")
        let recovered = try EventLog(path: path)
        let verification = try recovered.verify()
        #expect(verification == .intact(rows: 9), "\(verification)")
        #expect(try problems(recovered).isEmpty)
    }

    @Test("an anchor line torn by a power cut or a full disk does not spoil the next one")
    func tornLine() throws {
        let log = try lived()
        let file = AnchorFile(log: path)
        let before = try file.read().anchors
        // A line cut short, as a full disk or a power cut leaves it.
        let handle = try #require(FileHandle(forWritingAtPath: file.path))
        handle.seekToEndOfFile()
        handle.write(Data("write 43 800e9c".utf8))
        handle.closeFile()
        let next = try log.anchor(.hourly, at: Self.start.addingTimeInterval(7_200))
        let (anchors, unreadable) = try file.read()
        #expect(anchors == before + [next] && unreadable == 1)
        #expect(try log.verify(against: anchors).problems.isEmpty)
    }
}
