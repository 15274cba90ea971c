import Foundation
import LobbyDaemon
import Testing

@Suite("Proof of play")
struct ProofOfPlayTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    @Test("lit time is shared by pages and tallied once per item per hour")
    func hourlyTallies() {
        var proof = ProofOfPlay(zone: Self.zone)
        let items = [
            (key: "news#1#0", category: "service-hall", pages: 3),
            (key: "hotline#2#0", category: "hotline-12345", pages: 1),
        ]
        let nine = Self.zone.parseInstant("2026-11-25T09:00")!
        for second in 0..<3600 {
            #expect(proof.record(1, at: nine.addingTimeInterval(Double(second)), items: items).isEmpty)
        }
        let tallies = proof.record(1, at: Self.zone.parseInstant("2026-11-25T10:00")!, items: items)
        #expect(tallies.map(\.item) == ["hotline#2#0", "news#1#0"])
        #expect(tallies.map(\.seconds) == [900, 2700])
        #expect(tallies.allSatisfy { $0.hourStart == nine })
        #expect(proof.flush().map(\.seconds) == [0.25, 0.75])
    }

    @Test("nothing is tallied while the screen is dark")
    func dark() {
        var proof = ProofOfPlay(zone: Self.zone)
        _ = proof.record(50, at: Self.zone.parseInstant("2026-11-25T12:30")!, items: [])
        #expect(proof.flush().isEmpty)
    }
}
