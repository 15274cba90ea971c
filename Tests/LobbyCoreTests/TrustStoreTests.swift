import LobbyCore
import LobbyTestSupport
import Testing

/// What a reload tells about the keys, and which keys are near their last day.
@Suite("Trust store changes")
struct TrustStoreTests {
    static func day(_ day: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: day)! }

    @Test("a key installed, one revoked and one past its last day are each told once")
    func changes() {
        let approvers = Approvers()
        let old = approvers.trust
        let added = PersonalKey(holder: "周强", validUntil: Self.day(20))
        let revoked = approvers.director.publicKey.keyID
        let new = TrustStore(
            keys: (approvers.keys + [added]).map(\.publicKey),
            revoked: [.init(keyID: revoked, date: Self.day(25), reason: "laptop stolen")], roster: approvers.roster)
        let changes = new.changes(since: old, today: Self.day(25), reported: [])
        #expect(
            changes == [
                .init(kind: .keyAdded, keyID: added.publicKey.keyID, holder: "周强", detail: ""),
                .init(kind: .keyRevoked, keyID: revoked, holder: "陈刚", detail: "laptop stolen"),
                .init(kind: .keyExpired, keyID: added.publicKey.keyID, holder: "周强", detail: "2026-11-20"),
            ])
        #expect(new.changes(since: new, today: Self.day(25), reported: [added.publicKey.keyID]).isEmpty)
        // On its last day a key is still good.
        #expect(new.changes(since: new, today: Self.day(20), reported: []).isEmpty)
    }

    @Test("expiries list the keys with a last day, by the roster's names, revoked ones left out")
    func expiries() {
        let deputy = PersonalKey(holder: "wang", validUntil: Self.day(30))
        let approvers = Approvers(
            drafter: PersonalKey(holder: "李明"), reviewer: deputy, director: PersonalKey(holder: "陈刚"),
            publisher: PersonalKey(holder: "张三", validUntil: Self.day(28)))
        var trust = approvers.trust
        trust.roster.entries[1].name = "王芳"  // the roster's name, not the key file's "wang"
        #expect(trust.expiries.map(\.holder) == ["张三", "王芳"])
        trust = TrustStore(
            keys: approvers.keys.map(\.publicKey),
            revoked: [.init(keyID: approvers.publisher.publicKey.keyID, date: nil, reason: "left")],
            roster: approvers.roster)
        #expect(trust.expiries.map(\.keyID) == [deputy.publicKey.keyID])
    }
}
