import Foundation
import PropertyBased
import Testing

@testable import LobbyCore

/// The control socket's own JSON writer against Foundation's `JSONEncoder` with the options it
/// replaces (the reference: an independent implementation of the same output), over random
/// replies of every kind whose strings reach every escaping rule.
@Suite struct ControlLineEncoderTests {
    /// What the control protocol wrote before: Foundation's encoder, one line.
    static func reference(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [0x0A]
    }

    static func expectSame(_ value: some Encodable, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let ours = String(decoding: ControlCoding.line(value), as: UTF8.self)
        let theirs = String(decoding: try reference(value), as: UTF8.self)
        #expect(ours == theirs, sourceLocation: sourceLocation)
    }

    @Test func everyReplyKindAsFoundationWritesIt() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var random = Random(seed: seed)
            try Self.expectSame(random.status())
            try Self.expectSame(random.events())
            try Self.expectSame(random.playlists())
            try Self.expectSame(
                ScheduleReply(
                    transitions: (0..<random.count(4)).map { _ in
                        .init(at: random.text(), on: random.flag(), reason: random.text())
                    }))
            try Self.expectSame(VersionReply(release: random.text(), language: random.flag() ? .english : nil))
            try Self.expectSame(ErrorReply(random.text()))
            try Self.expectSame(DoneReply(random.text()))
            try Self.expectSame(WatchReply())
        }
    }

    /// Every number a `Double` can be that is finite, by its bits.
    @Test func doublesAsFoundationWritesThem() async {
        await propertyCheck(count: 2_000, input: Gen.uint64()) { bits in
            let number = Double(bitPattern: bits)
            guard number.isFinite else { return }
            try Self.expectSame(["n": number])
            try Self.expectSame(["n": Float(number)])
        }
        for number in [0.0, -0.0, 1, 1.5, 100, 1e16, 1e-7, 123_456_789.125, 0.1] { try? Self.expectSame(["n": number]) }
    }

    @Test func notANumberIsAnErrorNotALine() {
        #expect(throws: EncodingError.self) { try ControlLineEncoder.encode(["n": Double.nan]) }
        #expect(throws: EncodingError.self) { try ControlLineEncoder.encode([Double.infinity]) }
    }

    /// Keys as Foundation turns them into snake_case, including runs of capitals, digits and
    /// underscores; dictionary keys stay as they are; objects sorted by their keys' bytes.
    @Test func keysAsFoundationWritesThem() throws {
        try Self.expectSame(
            Shapes(
                keys: [
                    "myURLProperty", "a1B", "_private", "already_snake", "XMLHttp", "ABC", "lastError", "b", "B",
                    "é", "a", "Zed", "ids2Names",
                ]))
        try Self.expectSame(["lastError": 1, "B": 2, "a": 3, "_x": 4, "a10": 5, "a9": 6, "é": 7])
        try Self.expectSame(Nested())
    }

    // MARK: random replies

    struct Random: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
        mutating func count(_ most: Int) -> Int { Int.random(in: 0...most, using: &self) }
        mutating func flag() -> Bool { Bool.random(using: &self) }
        mutating func number() -> Int {
            flag() ? Int.random(in: -5...5_000, using: &self) : Int(truncatingIfNeeded: next())
        }
        mutating func maybe<T>(_ make: (inout Random) -> T) -> T? { flag() ? make(&self) : nil }

        /// Text that reaches every escape: quotes, backslashes, slashes, each control
        /// character, DEL, Chinese, an emoji, U+2028.
        mutating func text() -> String {
            let pieces: [String] = [
                "\"", "\\", "/", "\u{7F}", "好", "工作日开放时段", "😀", "\u{2028}", "a", "Z", " ", "08:20",
                "2026-11-25T10:00:00+08:00",
            ]
            var result = ""
            for _ in 0..<count(6) {
                if Int.random(in: 0..<4, using: &self) == 0 {
                    result.unicodeScalars.append(Unicode.Scalar(UInt8.random(in: 0..<0x20, using: &self)))
                } else {
                    result += pieces[Int.random(in: 0..<pieces.count, using: &self)]
                }
            }
            return result
        }

        mutating func texts() -> [String] { (0..<count(4)).map { _ in text() } }

        mutating func status() -> StatusReport {
            StatusReport(
                release: text(), now: text(),
                screen: .init(on: flag(), reason: text(), cause: text(), since: maybe { $0.text() }),
                next: maybe { .init(at: $0.text(), on: $0.flag()) },
                showing: .init(
                    playlists: texts(), items: texts(), pages: number(), fallback: flag(), omitted: number()),
                link: .init(
                    device: text(), state: text(), since: text(), retries: number(), lastError: maybe { $0.text() },
                    bytesSent: number(), bytesTotal: number(),
                    etaSeconds: maybe { Double.random(in: 0...100_000, using: &$0) }, lastUpload: maybe { $0.text() }),
                overrides: (0..<count(3)).map { _ in
                    .init(on: flag(), from: text(), until: text(), reason: text(), actor: text())
                },
                maintenance: maybe { .init(since: $0.text(), actor: $0.text(), note: $0.text(), pattern: $0.text()) },
                testPattern: maybe { .init(pattern: $0.text(), until: $0.text(), actor: $0.text()) },
                dailyCheck: maybe { $0.text() }, warnings: texts(), timeZone: maybe { $0.text() })
        }

        mutating func events() -> EventsReply {
            EventsReply(
                events: (0..<count(4)).map { _ in
                    var detail: [String: String] = [:]
                    for _ in 0..<count(5) { detail[text()] = text() }
                    return EventRecord(ts: text(), kind: text(), actor: text(), detail: detail)
                })
        }

        mutating func playlists() -> PlaylistsReply {
            PlaylistsReply(
                active: (0..<count(3)).map { _ in
                    .init(id: text(), version: number(), title: text(), items: number(), accepted: text())
                },
                accepted: texts(), rejected: (0..<count(3)).map { _ in .init(file: text(), reason: text()) },
                waiting: maybe { random in
                    (0..<random.count(3)).map { _ in
                        .init(
                            file: random.text(), waitsFor: [.signature, .playlist, .none][random.count(2)],
                            secondsLeft: random.maybe { $0.number() })
                    }
                })
        }
    }

    struct Named: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A type whose coding keys are the given strings.
    struct Shapes: Encodable {
        var keys: [String]
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Named.self)
            for (index, key) in keys.enumerated() {
                try container.encode(index, forKey: Named(stringValue: key))
            }
        }
    }

    /// Every way the Encoder protocol nests: nested keyed and unkeyed containers, super
    /// encoders, single values, nil, a key given twice, a type that encodes nothing.
    struct Nested: Encodable {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        enum Key: String, CodingKey { case first, secondKey, third, again }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            var inner = container.nestedContainer(keyedBy: Key.self, forKey: .first)
            try inner.encodeNil(forKey: .third)
            try inner.encode([1, 2], forKey: .secondKey)
            var list = container.nestedUnkeyedContainer(forKey: .secondKey)
            try list.encode("a")
            try list.encodeNil()
            var deeper = list.nestedContainer(keyedBy: Key.self)
            try deeper.encode(Nothing(), forKey: .first)
            var single = list.superEncoder().singleValueContainer()
            try single.encode(UInt8(7))
            try list.encode(Int16(-3))
            try container.encode("once", forKey: .again)
            try container.encode("twice", forKey: .again)
            var parent = container.superEncoder().container(keyedBy: Key.self)
            try parent.encode(true, forKey: .third)
            var keyed = container.superEncoder(forKey: .third).unkeyedContainer()
            try keyed.encode(2.5)
        }
    }
}
