import LobbyDaemon
import Testing

@Suite("Spool pairing")
struct SpoolPairingTests {
    let start = ContinuousClock.now

    @Test("a playlist and its signature are ingested together, whichever comes first")
    func eitherOrder() {
        var pairing = SpoolPairing(grace: .seconds(30))
        #expect(pairing.arrived("a.toml", at: start).isEmpty)
        #expect(pairing.arrived("a.toml.sig", at: start + .seconds(1)) == [.ingest(stem: "a")])
        #expect(pairing.arrived("b.toml.sig", at: start).isEmpty)
        #expect(pairing.arrived("b.toml", at: start + .seconds(29)) == [.ingest(stem: "b")])
        #expect(pairing.nextDeadline == nil)
    }

    @Test("a playlist alone is ingested once the grace period passes (and rejected for its missing signature)")
    func lonePlaylist() {
        var pairing = SpoolPairing(grace: .seconds(30))
        _ = pairing.arrived("a.toml", at: start)
        #expect(pairing.nextDeadline == start + .seconds(30))
        #expect(pairing.tick(at: start + .seconds(29)).isEmpty)
        #expect(pairing.tick(at: start + .seconds(30)) == [.ingest(stem: "a")])
        #expect(pairing.tick(at: start + .seconds(60)).isEmpty)
    }

    @Test("a signature alone is rejected as an orphan after the grace period")
    func orphanSignature() {
        var pairing = SpoolPairing(grace: .seconds(30))
        _ = pairing.arrived("a.toml.sig", at: start)
        #expect(pairing.tick(at: start + .seconds(30)) == [.rejectOrphanSignature(stem: "a")])
    }

    @Test(
        "temporary names are ignored and other files are rejected, never left unexplained",
        arguments: [
            (".a.toml.123.tmp", true), ("a.toml~", true), ("a.toml.part", true), ("notes.txt", false),
            ("a.TOML", false),
        ])
    func otherNames(name: String, temporary: Bool) {
        var pairing = SpoolPairing()
        #expect(pairing.arrived(name, at: start) == (temporary ? [] : [.rejectStray(name: name)]))
    }
}
