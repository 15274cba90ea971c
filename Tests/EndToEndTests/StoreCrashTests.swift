import Foundation
import LobbyStore
import LobbyTestSupport
import Testing

/// kill -9 during a burst of event writes: every event acknowledged before the kill is in the
/// log after a restart, and the chain verifies.
@Suite("Event log survives kill -9")
struct StoreCrashTests {
    @Test("every acknowledged event survives kill -9 and the chain verifies", arguments: [200, 1500, 4000])
    func killDuringBurst(acknowledgedBeforeKill: Int) throws {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/lobbyd.sqlite"
        let burst = try RunningProgram("store-burst", [path])
        guard
            let acknowledged = burst.waitForLine(from: acknowledgedBeforeKill - 1, timeout: .seconds(30), { _ in true })
        else {
            Issue.record("the writer did not get going: \(burst.output.suffix(3))")
            return
        }
        burst.stop()  // SIGKILL, mid-burst
        let lastAcknowledged = try #require(burst.output.compactMap { Int64($0) }.max())
        #expect(lastAcknowledged >= Int64(acknowledged.line) ?? 0)
        let log = try EventLog(path: path)
        #expect(
            try log.events(since: nil, until: nil, limit: 1, offset: Int(lastAcknowledged) - 1).first?.id
                == lastAcknowledged)
        guard case .intact(let rows) = try log.verify() else {
            Issue.record("the chain does not verify after kill -9")
            return
        }
        #expect(Int64(rows) >= lastAcknowledged)
    }
}
