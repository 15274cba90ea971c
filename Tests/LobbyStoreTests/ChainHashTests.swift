import Foundation
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
