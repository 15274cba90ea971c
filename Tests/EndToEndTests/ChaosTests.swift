import Foundation
import LobbyCore
import LobbyStore
import LobbyTestSupport
import Synchronization
import Testing

/// The whole daemon killed with SIGKILL, again and again, while playlists arrive, the sign is
/// being uploaded to and an operator's client writes a burst of events: after each restart the
/// screen is right at once, and at the end nothing acknowledged is missing.
@Suite("kill -9 chaos", .serialized)
struct ChaosTests {
    @Test("kill -9 during ingestion, uploads and event bursts: no file lost, no acknowledged event lost, chain intact")
    func chaos() throws {
        let hall = try TemporaryDirectory()
        let spool = "\(hall.path)/spool"
        try FileManager.default.createDirectory(atPath: "\(spool)/incoming", withIntermediateDirectories: true)
        try hall.writeHallConfiguration(extra: "[control]\noperators_group = \"\(Self.ownGroup)\"")
        let simulator = try hall.startSimulatedSign()
        defer { simulator.stop() }
        let approvers = try Approvers.demo()
        let template = try String(contentsOfFile: RepositoryFiles.path("playlists/hall-news.toml"), encoding: .utf8)
        var dropped: [String] = []
        let acknowledged = Atomic<Int>(0)
        var generator = SystemRandomNumberGenerator()
        let rounds = 8
        for round in 0..<rounds {
            for index in 0..<3 {
                let name = "chaos-\(round)-\(index)"
                let bytes = Array(
                    template.replacingOccurrences(of: "id = \"hall-news\"", with: "id = \"\(name)\"").utf8)
                try AtomicFile.write(Array(approvers.sheet(for: bytes).utf8), to: "\(spool)/incoming/\(name).toml.sig")
                try AtomicFile.write(bytes, to: "\(spool)/incoming/\(name).toml")
                dropped.append(name)
            }
            let daemon = try RunningProgram(
                "lobbyd", ["--config", "\(hall.path)/lobbyd.toml", "--clock-start", "2026-11-25T10:00:00"])
            // Within one tick of the restart the screen is on again (a window is open).
            #expect(
                daemon.waitForLine { $0.contains("screen_on: 工作日开放时段 08:20-12:00") } != nil,
                "round \(round): \(daemon.output)")
            // An operator's burst of events, acknowledged one by one, until the kill cuts it.
            let burst = Thread {
                guard var client = try? LineClient(path: "\(hall.path)/control.sock"), client.readLine() != nil else {
                    return
                }
                for check in 0..<10_000 {
                    client.send(
                        Array("{\"command\":\"daily-check\",\"note\":\"round \(round) check \(check)\"}\n".utf8))
                    guard client.readLine()?.contains("\"class\":\"DONE\"") == true else { return }
                    acknowledged.add(1, ordering: .relaxed)
                }
            }
            burst.start()
            // A random point during ingestion, upload and the burst: fault injection, not a wait.
            usleep(UInt32.random(in: 20_000...300_000, using: &generator))
            daemon.stop()  // SIGKILL
        }
        // A last run finishes what the kills interrupted.
        let final = try RunningProgram(
            "lobbyd", ["--config", "\(hall.path)/lobbyd.toml", "--clock-start", "2026-11-25T10:30:00"])
        defer { final.stop() }
        #expect(final.waitForLine { $0.contains("screen_on") } != nil)
        var next = 0
        for _ in SpoolCrashTests.list("\(spool)/incoming").filter({ $0.hasSuffix(".toml") }) {
            let line = final.waitForLine(from: next) {
                $0.contains("playlist_accepted") || $0.contains("playlist_rejected")
            }
            #expect(line != nil, "lobbyd did not finish the waiting files")
            next = line?.next ?? next
        }
        // Stopped first: the event is written before the file moves, and a graceful stop lets
        // the last move finish; and no event is appended between counting and verifying.
        #expect(final.terminate(SIGTERM, timeout: .seconds(10)))
        #expect(SpoolCrashTests.list("\(spool)/incoming").isEmpty)
        let accepted = SpoolCrashTests.list("\(spool)/accepted")
        let quarantined = try SpoolCrashTests.quarantined(in: "\(spool)/rejected")
        for name in dropped {
            let times = accepted.filter { $0.hasSuffix("-\(name).toml") }.count + (quarantined.contains(name) ? 1 : 0)
            #expect(times == 1, "\(name) accepted once, or quarantined (the kill hit it)")
        }
        #expect(quarantined.count <= rounds, "at most the file being processed at each kill is quarantined")
        #expect(
            SpoolCrashTests.list("\(spool)/rejected").filter { $0.hasSuffix(".toml") }.count == quarantined.count,
            "nothing else is rejected")
        let log = try EventLog(path: "\(hall.path)/state/lobbyd.sqlite")
        let checks = try log.events(kinds: ["daily_check"], limit: 1_000_000).count
        #expect(checks >= acknowledged.load(ordering: .relaxed), "every acknowledged event is in the log")
        #expect(acknowledged.load(ordering: .relaxed) > 0, "the bursts ran")
        let rows = try log.events(limit: 10_000_000).count
        let verification = try log.verify()
        #expect(verification == .intact(rows: rows), "\(verification), \(rows) rows")
        #expect(try log.events(kinds: ["daemon_start"]).count == rounds + 1)
        print(
            "reliability: chaos: \(rounds) kill -9, \(dropped.count) playlists dropped (\(dropped.count - quarantined.count) accepted once, \(quarantined.count) quarantined), "
                + "\(acknowledged.load(ordering: .relaxed)) events acknowledged, \(checks) logged, \(rows) rows verified, lost 0"
        )
    }

    static var ownGroup: String { String(cString: getgrgid(getgid())!.pointee.gr_name) }
}
