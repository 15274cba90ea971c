import Foundation
import GRDB
import Testing

@testable import LobbyStore

/// The chain's hash is the log's format: a faster way to compute it must give the same bytes, or
/// every log written before would stop verifying. Checked against Python's hashlib.
@Suite("Chain hash")
struct ChainHashTests {
    @Test("a row's hash is SHA-256 over its fields joined by U+001F, in lowercase hex, as hashlib computes it")
    func matchesHashlib() {
        // python3 -c "import hashlib; print(hashlib.sha256('\x1f'.join(['0'*64,
        //   '2026-11-25T00:20:00.000Z', 'screen_on', '{\"message\":\"工作日开放时段\"}',
        //   'schedule']).encode()).hexdigest())"
        let hash = StoredEvent.chainHash(
            previous: String(repeating: "0", count: 64), ts: "2026-11-25T00:20:00.000Z", kind: "screen_on",
            detail: #"{"message":"工作日开放时段"}"#, actor: "schedule")
        #expect(hash == "10d325af6a75f7d16aa35ffb3b00150b6ca1acef01c3fb0e89bda36639b24cf1")
    }
}

/// Issue 24: a report reads a month of proof-of-play details in place instead of through
/// SQLite's json_extract; what it reads must be what lobbyd wrote, or what a full parser reads.
@Suite("Event detail JSON")
struct DetailJSONTests {
    static let pieces = ["a", "#", "3", " ", "工作日", "\"", "\\", "\n", "\u{1}", "é", "😀", ":", ",", "{", "}", "/"]

    func text(_ generator: inout SystemRandomNumberGenerator) -> String {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }
            .joined()
    }

    /// As the report reads it: in place, else through the full parser.
    func read(_ json: String) -> (inPlace: [String: String]?, either: [String: String]) {
        Array(json.utf8).withUnsafeBytes { bytes in
            let inPlace = EventLog.flatJSON(bytes)
            return (inPlace, inPlace ?? StoredEvent.strings(bytes))
        }
    }

    @Test("what lobbyd writes reads back the same, in place whenever nothing needs unescaping")
    func roundTrip() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var detail: [String: String] = [:]
            for index in 0..<Int.random(in: 0...4, using: &generator) {
                detail["k\(index)\(text(&generator))"] = text(&generator)
            }
            let json = EventLog.json(detail)
            let (inPlace, either) = read(json)
            #expect(either == detail, "\(json)")
            #expect((inPlace != nil) == !json.contains("\\"), "\(json)")
        }
    }

    @Test("anything but a flat object of plain strings is left to the full parser")
    func leftToTheParser() {
        for json in [
            #"{"a":1}"#, #"{"a":"b"} "#, #"["a"]"#, #"{"a":"b""#, #"{"a" :"b"}"#, "{", #"{"a":"b",}"#,
            #"{"a":"\u0041"}"#,
            "{\"a\":\"\u{1}\"}", #"{"a":"b"}x"#,
        ] {
            #expect(read(json).inPlace == nil, "\(json)")
        }
        #expect(read("{}").inPlace == [:])
        #expect(read(#"{"a":1}"#).either == ["a": "1"])
    }
}

/// A tampered log's "99999999999999999999" seconds stopped a report (an overflow); the report now
/// reads numbers as SQLite's CAST does, which is what its SQL read before.
@Suite("Detail numbers")
struct DetailNumberTests {
    @Test("a detail's number reads as SQLite's CAST(… AS INTEGER) reads it")
    func asSQLiteCasts() throws {
        let database = try DatabaseQueue()
        for text in [
            "30", " 37", "+38", "-5", "\t7", "99999999999999999999", "-99999999999999999999", "abc", "", "12abc",
            "1e3", "39.9", "- 5", "0030", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        ] {
            let sqlite = try database.read { db in
                try Int.fetchOne(db, sql: "SELECT CAST(? AS INTEGER)", arguments: [text])
            }
            #expect(EventLog.integer(text) == sqlite, "\(text)")
        }
    }
}
