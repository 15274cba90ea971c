import Foundation
import LobbyCore
import PropertyBased
import Testing

@Suite("Control requests")
struct ControlRequestTests {
    static func parse(_ text: String) throws(ControlRequestError) -> ControlRequest {
        try ControlRequest.parse(Array(text.utf8))
    }

    static let until = ControlTime.parse("2026-11-25T12:00:00+08:00")!

    /// Every command in its fullest form, and what it must parse to.
    static let valid: [(String, ControlRequest)] = [
        (#"{"command":"status"}"#, .status),
        (#"{"command":"watch"}"#, .watch),
        (#"{"command":"playlists"}"#, .playlists),
        (#"{"command":"reload"}"#, .reload),
        (#"{"command":"events"}"#, .events(kinds: [], since: nil, limit: 100)),
        (
            #"{"command":"events","kinds":["screen_on","override"],"since":"2026-11-25T12:00:00+08:00","limit":5}"#,
            .events(kinds: [.screenOn, .override], since: until, limit: 5)
        ),
        (#"{"command":"schedule","days":3}"#, .schedule(from: nil, days: 3)),
        (
            #"{"command":"override","state":"off","until":"2026-11-25T04:00:00Z","reason":" 消防演练 "}"#,
            .override(state: .off, until: until, reason: "消防演练")
        ),
        (
            #"{"command":"override","state":"clear","reason":"done"}"#,
            .override(state: .clear, until: nil, reason: "done")
        ),
        (
            #"{"command":"maintenance","action":"start","note":"清洁","pattern":"checkerboard"}"#,
            .maintenanceStart(note: "清洁", pattern: .checkerboard)
        ),
        (#"{"command":"maintenance","action":"end"}"#, .maintenanceEnd(note: "")),
        (#"{"command":"daily-check","note":"无坏点"}"#, .dailyCheck(note: "无坏点")),
        (#"{"command":"test-pattern","pattern":"amber","minutes":10}"#, .testPattern(.amber, minutes: 10)),
        (#"{"command":"test-pattern","pattern":"all-on"}"#, .testPattern(.allOn, minutes: 5)),
    ]

    @Test("every command parses with its fields", arguments: valid)
    func parses(text: String, expected: ControlRequest) throws {
        #expect(try Self.parse(text) == expected)
    }

    @Test("only changing commands need an operator")
    func changes() {
        #expect(Self.valid.filter { $0.1.changesState }.count == 8)
        #expect(!ControlRequest.status.changesState && ControlRequest.reload.changesState)
    }

    /// One bad request per row and the words its error must contain.
    static let invalid: [(String, String)] = [
        ("", "not JSON"),
        ("status", "not JSON"),
        ("[]", "one JSON object"),
        ("{}", "missing \"command\""),
        (#"{"command":7}"#, "missing \"command\""),
        (#"{"command":"launch"}"#, "unknown command \"launch\""),
        (#"{"command":"status","verbose":true}"#, "unknown field(s) \"verbose\""),
        (#"{"command":"override","state":"off"}"#, "missing \"reason\""),
        (#"{"command":"override","state":"off","reason":"   "}"#, "missing \"reason\""),
        (#"{"command":"override","state":"dim","reason":"x"}"#, "\"on\", \"off\" or \"clear\""),
        (#"{"command":"override","state":"off","reason":"x","until":"noon"}"#, "not a date and time with offset"),
        (#"{"command":"override","state":"off","reason":"x","untill":"2026-11-25T12:00:00Z"}"#, "\"untill\""),
        (#"{"command":"maintenance","action":"pause"}"#, "\"start\" or \"end\""),
        (#"{"command":"maintenance","action":"start"}"#, "missing \"note\""),
        (#"{"command":"maintenance","action":"start","note":"x","pattern":"plaid"}"#, "unknown pattern"),
        (#"{"command":"daily-check"}"#, "missing \"note\""),
        (#"{"command":"test-pattern"}"#, "missing \"pattern\""),
        (#"{"command":"test-pattern","pattern":"red","minutes":0}"#, "from 1 to 60"),
        (#"{"command":"test-pattern","pattern":"red","minutes":true}"#, "whole number"),
        (#"{"command":"test-pattern","pattern":"red","minutes":2.5}"#, "whole number"),
        (#"{"command":"events","kinds":["screen_dim"]}"#, "unknown event kind"),
        (#"{"command":"events","kinds":"screen_on"}"#, "list of strings"),
        (#"{"command":"schedule","days":400}"#, "from 1 to 366"),
        (#"{"command":"daily-check","note":7}"#, "must be a string"),
        // A field given twice could show a reader one command and run another.
        (#"{"command":"status","command":"reload"}"#, "\"command\" is given twice"),
        (#"{"command":"status","\u0063ommand":"reload"}"#, "\"command\" is given twice"),
        (#"{"command":"daily-check","note":"a","note":"b"}"#, "\"note\" is given twice"),
        (#"{"command":"status","lang":"fr"}"#, "\"lang\" must be \"zh\" or \"en\""),
        (#"{"command":"status","lang":7}"#, "\"lang\" must be \"zh\" or \"en\""),
        // Reasons and notes are one line of plain text: they reach terminals and the report.
        (#"{"command":"override","state":"clear","reason":"bye\n## 伪造的标题"}"#, "control or text-direction"),
        (#"{"command":"override","state":"clear","reason":"bye\u001b[2J"}"#, "control or text-direction"),
        (#"{"command":"daily-check","note":"ok\u0000"}"#, "control or text-direction"),
        (#"{"command":"emergency","action":"clear","reason":"\u202eevil"}"#, "control or text-direction"),
        (#"{"command":"maintenance","action":"end","note":"done\u2066x"}"#, "control or text-direction"),
        (#"{"command":"maintenance","action":"start","note":"a\u2028b"}"#, "control or text-direction"),
        (#"{"command":"daily-check","note":"RLM \u200f ALM \u061c"}"#, "control or text-direction"),
        (#"{"command":"daily-check","note":"e"# + String(repeating: "\u{301}", count: 600) + #""}"#, "longer than 500"),
    ]

    @Test("bad requests are refused with what is wrong", arguments: invalid)
    func refuses(text: String, expected: String) {
        #expect {
            try Self.parse(text)
        } throws: { error in
            (error as? ControlRequestError)?.words.english.contains(expected) == true
        }
    }

    @Test("a note longer than 500 characters is refused; a line over 64 KiB too")
    func limits() {
        let long = String(repeating: "长", count: 501)
        #expect(throws: ControlRequestError.self) { try Self.parse(#"{"command":"daily-check","note":"\#(long)"}"#) }
        let huge = [UInt8](repeating: UInt8(ascii: " "), count: ControlProtocol.maximumLineBytes + 1)
        #expect {
            try ControlRequest.parse(huge)
        } throws: { ($0 as? ControlRequestError)?.words.english.contains("longer than 65536") == true }
    }

    /// JSONSerialization reads UTF-16 and UTF-32 too; the duplicate check reads UTF-8 bytes.
    @Test("a line in UTF-16 or UTF-32 is refused, not read past the duplicate check")
    func onlyUTF8() {
        let twice = #"{"command":"status","command":"reload"}"#
        let utf16 = twice.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf32 = twice.unicodeScalars.flatMap { [UInt8($0.value & 0xFF), 0, 0, 0] }
        for line in [utf16, utf32] {
            #expect {
                try ControlRequest.parse(line)
            } throws: { ($0 as? ControlRequestError)?.words.english.contains("in UTF-8") == true }
        }
    }

    @Test("random bytes never crash the parser and always give a reason")
    func randomBytes() async {
        await propertyCheck(count: 500, input: Gen.uint8().array(of: 0...200)) { bytes in
            do {
                _ = try ControlRequest.parse(bytes)
            } catch {
                #expect(!"\(error)".isEmpty)
            }
        }
    }

    @Test("replies carry their class, snake_case keys, and decode back")
    func replies() throws {
        let line = ControlCoding.line(EventRecord(ts: "t", kind: "daily_check", actor: "li", detail: ["note": "好"]))
        #expect(line.last == 0x0A)
        #expect(ControlCoding.replyClass(of: line.dropLast()) == "EVENT")
        #expect(try ControlCoding.decode(EventRecord.self, from: line.dropLast()).detail == ["note": "好"])
        let status = String(decoding: ControlCoding.line(VersionReply(release: "1.0")), as: UTF8.self)
        #expect(status == "{\"class\":\"VERSION\",\"proto\":1,\"release\":\"1.0\"}\n")
    }

    /// A request of kind `choice`, with fields drawn from the other numbers, inside what lobbyd
    /// accepts.
    static func request(_ choice: Int, second: Int, number: Int, pick: Int) -> ControlRequest {
        let date = Date(timeIntervalSince1970: Double(second))
        let text = ["消防演练", "a 'quoted' \"note\"", "检修\t电源", "x"][pick]
        let pattern = TestPattern.allCases[pick % TestPattern.allCases.count]
        switch choice {
        case 0: return .status
        case 1: return .watch
        case 2: return .playlists
        case 3: return .reload
        case 4:
            return .events(kinds: Array(EventKind.allCases.prefix(pick)), since: pick == 0 ? nil : date, limit: number)
        case 5: return .schedule(from: pick == 0 ? nil : date, days: number % 366 + 1)
        case 6:
            return .override(
                state: ControlRequest.OverrideState.allCases[pick % 3], until: pick == 0 ? nil : date, reason: text)
        case 7: return .maintenanceStart(note: text, pattern: pick == 0 ? nil : pattern)
        case 8: return .maintenanceEnd(note: pick == 0 ? "" : text)
        case 9: return .dailyCheck(note: text)
        default: return .testPattern(pattern, minutes: number % 60 + 1)
        }
    }

    @Test("what lobbyctl writes, lobbyd reads back as the same request, with the reply's language")
    func roundTrip() async {
        await propertyCheck(
            count: 500, input: Gen.int(in: 0...10), Gen.int(in: 1_700_000_000...1_900_000_000),
            Gen.int(in: 1...10_000), Gen.int(in: 0...3)
        ) { choice, second, number, pick in
            let request = Self.request(choice, second: second, number: number, pick: pick)
            let line = request.line(replyIn: .english)
            #expect(line.last == 0x0A)
            #expect((try? ControlRequest.parse(line.dropLast())) == request, "\(String(decoding: line, as: UTF8.self))")
            #expect(ControlRequest.read(line.dropLast()).language == .english)
        }
    }
}
