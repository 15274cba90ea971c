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

/// Issue 24: a year's log has about as many anchors as rows (one per write), so the anchors are
/// checked in one pass over the rows, and a month's report reads only the end of the anchor
/// file and checks the chain from the last anchor before every row it reads.
extension EventLogAnchorTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    /// The log's anchor file, with no log beside it: what these tests write is only anchors.
    func anchorFileAlone() throws -> AnchorFile {
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        return AnchorFile(log: path)
    }

    /// `count` events a day apart from 1 September 2026, each anchored after its write, as
    /// lobbyd does.
    func log(days count: Int) throws -> EventLog {
        let log = try EventLog(path: path)
        let first = Self.zone.parseInstant("2026-09-01T09:00")!
        for day in 0..<count {
            let date = first.addingTimeInterval(Double(day) * 86_400)
            try log.append(
                EventEntry(date: date, kind: .dailyCheck, detail: ["note": "第 \(day) 天"], actor: "1000:zhang"))
            try log.anchor(day == 0 ? .start : .write, at: date.addingTimeInterval(1))
        }
        return log
    }

    /// What each anchor's row holds, one query each: the oracle the one-pass check must agree with.
    func oracle(_ anchors: [ChainAnchor], in log: EventLog) throws -> [String] {
        let rows = try log.events(limit: 10_000)
        let last = rows.last?.id ?? 0
        return anchors.filter { $0.reason != .checkpoint && $0.row > 0 }.compactMap { anchor in
            guard let row = rows.first(where: { $0.id == anchor.row }) else {
                return anchor.row > last
                    ? Messages.Store.tailDeleted(last: last, row: anchor.row, at: anchor.ts).description
                    : Messages.Store.rowMissing(anchor.row, at: anchor.ts).description
            }
            return row.hash == anchor.hash ? nil : Messages.Store.rewritten(anchor.row, at: anchor.ts).description
        }
    }

    @Test("the one-pass anchor check agrees with one query per anchor, on anchors in any order")
    func onePassAgreesWithOracle() throws {
        let log = try log(days: 60)
        try raw("DROP TRIGGER events_append_only_delete; DELETE FROM events WHERE id IN (7, 8, 30) OR id > 55")
        let rows = try log.events(limit: 100)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let anchors = (0..<Int.random(in: 1...40, using: &generator)).map { _ -> ChainAnchor in
                let row = Int64.random(in: 1...70, using: &generator)
                let real = rows.first { $0.id == row }?.hash
                let hash =
                    Bool.random(using: &generator)
                    ? real ?? String(repeating: "0", count: 64) : String(repeating: "a", count: 64)
                return ChainAnchor(ts: "2026-09-01T01:00:00.000Z", reason: .write, row: row, hash: hash)
            }
            let found = try log.verify(against: anchors).problems
            #expect(found == (try oracle(anchors, in: log)), "\(anchors.map(\.row))")
        }
    }

    @Test("anchors read since a time (with the one before) or since the last start (with every checkpoint)")
    func readSince() throws {
        let file = try anchorFileAlone()
        let lines: [(String, ChainAnchor.Reason)] = [
            ("2026-09-01T00:00:00.000Z", .start), ("2026-09-02T00:00:00.000Z", .checkpoint),
            ("2026-09-03T00:00:00.000Z", .write), ("2026-09-04T00:00:00.000Z", .hourly),
            ("2026-10-01T00:00:00.000Z", .start), ("2026-10-02T00:00:00.000Z", .stop),
        ]
        for (index, (ts, reason)) in lines.enumerated() {
            try file.append(
                ChainAnchor(ts: ts, reason: reason, row: Int64(index), hash: String(repeating: "b", count: 64)))
        }
        func rows(since: String?) throws -> [Int64] {
            try file.read(since.map { .since($0) } ?? .all).anchors.map(\.row)
        }
        #expect(try rows(since: nil) == [0, 1, 2, 3, 4, 5])
        #expect(try rows(since: "2026-10-01T00:00:00.000Z") == [3, 4, 5])
        #expect(try rows(since: "2026-09-03T12:00:00.000Z") == [2, 3, 4, 5])
        #expect(try rows(since: "2026-08-01T00:00:00.000Z") == [0, 1, 2, 3, 4, 5])
        #expect(try rows(since: "2026-12-01T00:00:00.000Z") == [5])
        #expect(try file.read(.fromLastStart).anchors.map(\.row) == [1, 4, 5])
    }

    func october(_ log: EventLog) throws -> MonthlyReport {
        let schedule = Schedule(
            configuration: Configuration(),
            calendar: try WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar")]))
        return try log.monthlyReport(
            year: 2026, month: 10, schedule: schedule, now: Self.zone.parseInstant("2026-11-15T09:00")!)
    }

    @Test(
        "a month's report checks the chain from the last anchor before every row it reads to the first after the month"
    )
    func reportFromAnchor() throws {
        let log = try log(days: 75)
        // The report reads 30 September's row (the last before the month): the anchor of the
        // 29th's is where the check starts. It ends at the row of the first anchor written after
        // the month, 1 November's.
        let intact = try october(log)
        #expect(intact.verifiedFrom == 30 && intact.chainHead?.row == 61)
        #expect(intact.verification == .intact(rows: 33) && intact.anchorProblems.isEmpty)
        // An edit before all that is `verify-log`'s to find, not the October report's …
        try raw("DROP TRIGGER events_append_only_update; UPDATE events SET actor = 'x' WHERE id = 12")
        #expect(try october(log).isIntact)
        #expect(try log.verify() == .broken(row: 12, reason: EventLog.Verification.edited))
        // … but a row moved from there into the month is the report's (its time is not in the hash
        // the report checks, but the row is where its time says it is not) …
        try raw("UPDATE events SET ts = '2026-10-15T01:00:00.000Z' WHERE id = 5")
        let moved = try Language.$scoped.withValue(.english) { try october(log) }
        #expect(
            moved.anchorProblems.contains { $0.hasPrefix("row 5 lies outside rows 30 to 62 that this report checks") })
        try raw("UPDATE events SET ts = '2026-09-05T01:00:00.000Z' WHERE id = 5")
        // … and so is an edit in the month, or after it (a row moved out of the month).
        try raw("UPDATE events SET actor = 'x' WHERE id = 40")
        #expect(try october(log).verification == .broken(row: 40, reason: EventLog.Verification.edited))
        try raw("UPDATE events SET actor = '1000:zhang' WHERE id = 40")
        #expect(try october(log).isIntact)
        try raw("UPDATE events SET ts = '2099-01-01T00:00:00.000Z' WHERE id = 61")
        #expect(try october(log).verification == .broken(row: 61, reason: EventLog.Verification.edited))
    }

    @Test("the bisection that finds a time in the anchor file agrees with reading it all")
    func bisection() throws {
        let file = try anchorFileAlone()
        var generator = SystemRandomNumberGenerator()
        let start = Self.zone.parseInstant("2026-01-01T00:00")!
        var seconds = 0.0
        for row in 0..<600 {
            // Irregular gaps, and times written twice, as a burst of writes in one millisecond.
            seconds += [0, 0.5, 1, 60, 3_600].randomElement(using: &generator)!
            let reason: ChainAnchor.Reason = [.write, .write, .hourly, .start].randomElement(using: &generator)!
            try file.append(
                ChainAnchor(
                    ts: EventTime.format(start.addingTimeInterval(seconds)), reason: reason, row: Int64(row),
                    hash: String(repeating: "c", count: 64)), sync: false)
        }
        let all = try file.read().anchors
        for _ in 0..<200 {
            let since = EventTime.format(
                start.addingTimeInterval(Double.random(in: -100...(seconds + 100), using: &generator)))
            let from = all.lastIndex { $0.ts < since } ?? all.startIndex
            #expect(try file.read(.since(since)).anchors == Array(all[from...]), "\(since)")
        }
    }

    @Test("a checkpoint table of the wrong types is read, not a crash of verify, the report or lobbyd's start")
    func checkpointOfTheWrongTypes() throws {
        let log = try log(days: 40)
        try raw(
            """
            DROP TABLE retention_checkpoints; CREATE TABLE retention_checkpoints (up_to_id, hash, ts);
            INSERT INTO retention_checkpoints VALUES ('3', 5, 'y');
            """)
        #expect(try log.verify() == .broken(row: 4, reason: EventLog.Verification.notFollowing))
        #expect(!(try log.verify(against: AnchorFile(log: path).read().anchors).problems.isEmpty))
        // Below the report's base anchor: verify-log's to find, as any change before the month.
        #expect(try october(log).isIntact)
    }
}
