import Foundation
import LobbyCore
import Testing

@testable import LobbyStore

/// The report rebuilds the operators' steering from the events and asks `ScreenPolicy` why a
/// required minute was dark, so it weighs overrides, maintenance and test patterns as lobbyd did.
@Suite("Screen facts")
struct ScreenFactsTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static func at(_ time: String) -> Date { zone.parseInstant("2026-11-18T\(time)")! }

    static func event(_ kind: EventKind, _ detail: [String: String] = [:], by actor: String = "1002:wang")
        -> StoredEvent
    {
        let json = String(decoding: try! JSONEncoder().encode(detail), as: UTF8.self)
        return StoredEvent(id: nil, ts: "", kind: kind.rawValue, detail: json, actor: actor, previousHash: "", hash: "")
    }

    @Test("an override on inside an override off: dark before and after it, as lobbyd kept both")
    func stackedOverrides() {
        var facts = ScreenFacts(running: true, linkUp: true)
        facts.apply(
            Self.event(.override, ["state": "off", "until": "2026-11-18T12:00:00+08:00"]), at: Self.at("10:00"))
        facts.apply(Self.event(.override, ["state": "on", "until": "2026-11-18T11:00:00+08:00"]), at: Self.at("10:30"))
        #expect(facts.cause(at: Self.at("10:15")) == .manualOff)
        #expect(facts.cause(at: Self.at("10:45")) == nil)
        #expect(facts.cause(at: Self.at("11:15")) == .manualOff, "the earlier override is in force again")
        #expect(facts.cause(at: Self.at("12:00")) == nil)
        #expect(facts.nextExpiry(after: Self.at("10:45")) == Self.at("11:00"))
        facts.apply(Self.event(.override, ["state": "clear"]), at: Self.at("11:20"))
        #expect(facts.cause(at: Self.at("11:30")) == nil)
    }

    @Test("maintenance and a test pattern count as maintenance, ahead of an override and of a link down")
    func technicianFirst() {
        var facts = ScreenFacts(running: true, linkUp: false)
        facts.apply(
            Self.event(.override, ["state": "off", "until": "2026-11-18T12:00:00+08:00"]), at: Self.at("10:00"))
        facts.apply(Self.event(.testPattern, ["pattern": "red", "minutes": "10"], by: "1001:li"), at: Self.at("10:05"))
        #expect(facts.cause(at: Self.at("10:10")) == .maintenance)
        #expect(facts.cause(at: Self.at("10:15")) == .manualOff, "the pattern ran out")
        facts.apply(Self.event(.maintenanceStart, by: "1001:li"), at: Self.at("10:20"))
        #expect(facts.cause(at: Self.at("13:00")) == .maintenance)
        facts.apply(Self.event(.maintenanceEnd, by: "1001:li"), at: Self.at("13:10"))
        #expect(facts.cause(at: Self.at("13:20")) == .linkDown)
    }
}
