import Foundation
import GRDB
import LobbyCore
import LobbyTestSupport
import PropertyBased
import Testing

@testable import LobbyStore

/// `verify-log` checks a long chain in two halves at once, and reads a million anchors as slices
/// of their file: both held to the plain way (one pass; `Int64(String)`).
@Suite("Chain checked in halves")
struct ChainHalvesTests {
    /// A log of `count` rows, with one row edited or deleted (by someone with sqlite3), or none.
    static func log(rows count: Int, damage: (row: Int, delete: Bool)?, in directory: TemporaryDirectory) throws
        -> EventLog
    {
        let path = "\(directory.path)/lobbyd.sqlite"
        let log = try EventLog(path: path)
        for index in 0..<count {
            try log.append(
                EventEntry(
                    date: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), kind: .screenOn,
                    detail: ["n": "\(index)"]))
        }
        if let damage {
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "DROP TRIGGER events_append_only_update")
                try db.execute(sql: "DROP TRIGGER events_append_only_delete")
                try db.execute(
                    sql: damage.delete
                        ? "DELETE FROM events WHERE id = ?" : "UPDATE events SET detail = '{}' WHERE id = ?",
                    arguments: [damage.row])
            }
        }
        return log
    }

    /// Every row damaged in turn, each way, and none: the halves name what one pass names, the
    /// row at the seam between them included; with an anchor to start from and an end too.
    @Test func halvesAgreeWithOnePass() throws {
        let count = 13
        var cases: [(row: Int, delete: Bool)?] = [nil]
        for row in 1...count { cases += [(row, false), (row, true)] }
        for damage in cases {
            let directory = try TemporaryDirectory()
            let log = try Self.log(rows: count, damage: damage, in: directory)
            for last in [nil, Int64(7), Int64(12)] {
                let onePass = try log.verify(upTo: last, from: nil, halvesFrom: .max)
                #expect(
                    try log.verify(upTo: last, from: nil, halvesFrom: 2) == onePass, "\(String(describing: damage))")
            }
            let anchor = try DatabaseQueue(path: log.path).read { db in
                try Row.fetchOne(db, sql: "SELECT id, hash FROM events WHERE id <= 3 ORDER BY id DESC LIMIT 1")
            }.map { ChainAnchor(ts: "2026-01-01T00:00:00.000Z", reason: .write, row: $0[0], hash: $0[1]) }
            #expect(
                try log.verify(upTo: nil, from: anchor, halvesFrom: 2)
                    == log.verify(upTo: nil, from: anchor, halvesFrom: .max))
        }
    }

    /// Review: a retention checkpoint at the smallest row number (or a text SQLite casts to it)
    /// made the span between the ends overflow, and `verify-log` and the report crash.
    @Test func checkpointAtTheEndsOfInt64() throws {
        for row in ["-9223372036854775808", "'-99999999999999999999999'", "9223372036854775807"] {
            let directory = try TemporaryDirectory()
            let log = try Self.log(rows: 5, damage: nil, in: directory)
            try DatabaseQueue(path: log.path).write { db in
                try db.execute(
                    sql:
                        "INSERT INTO retention_checkpoints VALUES (\(row), '\(String(repeating: "0", count: 64))', 't')"
                )
            }
            #expect(
                try log.verify(upTo: nil, from: nil, halvesFrom: 2)
                    == log.verify(upTo: nil, from: nil, halvesFrom: .max), "\(row)")
        }
    }

    /// The row field of an anchor line reads as `Int64(String)` reads it: signs, overflow, junk.
    @Test func rowNumbersAsInt64ReadsThem() async {
        let alphabet = Array("0123456789+- x9".utf8)
        await propertyCheck(count: 2_000, input: Gen.int(in: 0..<alphabet.count).array(of: 0...21)) { picks in
            let bytes = picks.map { alphabet[$0] }
            #expect(ChainAnchor.decimal(bytes[...]) == Int64(String(decoding: bytes, as: UTF8.self)))
        }
        for text in ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809"] {
            #expect(ChainAnchor.decimal(Array(text.utf8)[...]) == Int64(text), "\(text)")
        }
    }

    /// An anchor read from a line is the anchor written: its time, reason, row and hash.
    @Test func lineReadsBackAsWritten() {
        let written = ChainAnchor(
            ts: "2026-11-29T15:00:00.000Z", reason: .hourly, row: 1234, hash: String(repeating: "3f", count: 32))
        let read = ChainAnchor(line: ArraySlice("\(written)".utf8))
        #expect(read == written)
        #expect(read?.ts == written.ts && read?.hash == written.hash && read?.row == 1234)
        #expect(ChainAnchor(line: ArraySlice("2026 hourly 12x \(written.hash)".utf8)) == nil)
        #expect(ChainAnchor(line: ArraySlice("2026 weekly 12 \(written.hash)".utf8)) == nil)
        #expect(ChainAnchor(line: ArraySlice("2026 hourly 12 \(written.hash)0".utf8)) == nil)
    }
}
