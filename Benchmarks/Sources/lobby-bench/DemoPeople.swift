import LobbyCore

/// The demo hall's four hands (`playlists/demo-keys/`), signing a playlist's approval sheet as
/// `lobbyctl approve` and `lobbyctl sign` would, dated 2026-11-16 … 19.
struct DemoPeople {
    let hands: [(step: ApprovalSheet.Step, key: PersonalKey)]

    init(repo: String) throws {
        func key(_ name: String) throws -> PersonalKey {
            try PersonalKey.load(path: "\(repo)/playlists/demo-keys/\(name).key")
        }
        func day(_ day: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: day)! }
        hands = [
            (.init(role: .draft, keyID: "", date: day(16), section: "综合科"), try key("demo-drafter")),
            (.init(role: .review, keyID: "", date: day(17), confidentiality: "通过"), try key("demo-reviewer")),
            (.init(role: .approve, keyID: "", date: day(18), confidentiality: "通过"), try key("demo-director")),
            (.init(role: .publish, keyID: "", date: day(19)), try key("demo-publisher")),
        ]
    }

    func sheet(for bytes: [UInt8]) throws -> ApprovalSheet {
        try ApprovalSheet.signing(bytes, by: hands)
    }
}
