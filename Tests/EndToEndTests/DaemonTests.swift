import Foundation
import LobbyCore
import LobbyStore
import LobbyTestSupport
import Testing

/// lobbyd as it runs in a hall, as real processes: lobbyd + lobby-sim on a pty, the wall clock
/// started just before the morning window of a workday.
@Suite("Daemon against the simulated sign", .serialized)
final class DaemonTests {
    let hall: TemporaryDirectory
    let simulator: RunningProgram
    var daemon: RunningProgram?

    init() throws {
        hall = try TemporaryDirectory()
        try hall.writeHallConfiguration()
        try hall.dropSamples(["hotline-12345"])
        simulator = try hall.startSimulatedSign()
    }

    deinit {
        daemon?.stop()
        simulator.stop()
    }

    func startDaemon(at clock: String) throws -> RunningProgram {
        let program = try RunningProgram("lobbyd", ["--config", "\(hall.path)/lobbyd.toml", "--clock-start", clock])
        daemon = program
        return program
    }

    /// Hardening finding 11: after the database was emptied, lobbyd started a fresh log silently.
    @Test("11: an event log emptied while lobbyd was stopped is an alarm at the next start")
    func emptiedLogIsAnAlarm() throws {
        let first = try startDaemon(at: "2026-11-25T10:00:00")
        #expect(first.waitForLine { $0.contains("事件日志末尾（start）") } != nil)
        // The services run (their signal handlers are installed) once the screen is decided.
        #expect(first.waitForLine { $0.contains("screen_on") } != nil)
        #expect(first.terminate(SIGTERM, timeout: .seconds(10)))
        #expect(first.waitForLine { $0.contains("事件日志末尾（stop）") } != nil)
        for suffix in ["", "-wal", "-shm"] { truncate("\(hall.path)/state/lobbyd.sqlite\(suffix)", 0) }
        let second = try startDaemon(at: "2026-11-25T10:05:00")
        #expect(second.waitForLine { $0.contains("log_tampered") && $0.contains("末尾被删除了") } != nil)
        #expect(second.waitForLine { $0.contains("daemon_start") } != nil)
        let verify = try BuiltProgram("lobbyctl").run([
            "verify-log", "--config", "\(hall.path)/lobbyd.toml",
        ])
        #expect(verify.status == 2)
        #expect(verify.standardError.contains("与锚点不符"))
    }

    @Test("the window opening lights the screen; a playlist dropped mid-window appears")
    func windowOpensAndDropAppears() throws {
        let lobbyd = try startDaemon(at: "2026-11-25T08:19:57")
        #expect(lobbyd.waitForLine { $0.contains("screen_off: 工作日，不在开放时段内") } != nil)
        guard
            let on = lobbyd.waitForLine(
                timeout: .seconds(20), { $0.contains("screen_on: 工作日开放时段 08:20-12:00") }),
            let first = simulator.waitForLine(timeout: .seconds(20), { (simulatorPageCount($0) ?? 0) > 0 })
        else {
            Issue.record("the screen did not light up: \(lobbyd.output)")
            return
        }
        try hall.dropSamples(["public-resource-trading"])
        #expect(
            lobbyd.waitForLine(from: on.next) { $0.contains("playlist_accepted: public-resource-trading 第 1 版") }
                != nil)
        let before = simulatorPageCount(first.line) ?? 0
        #expect(simulator.waitForLine(from: first.next) { (simulatorPageCount($0) ?? 0) > before } != nil)
    }

    @Test(
        "a restart mid-window restores the screen within a tick, adopting what the sign holds; SIGTERM stops gracefully"
    )
    func restartMidWindow() throws {
        let first = try startDaemon(at: "2026-11-25T10:00:00")
        // The upload with the playlist on it, not one before the spool accepted it: a stop in
        // the middle of that second upload leaves a sign that must be re-synced.
        let accepted = first.waitForLine(timeout: .seconds(20)) { $0.contains("playlist_accepted") }
        #expect(accepted != nil, "\(first.output)")
        #expect(
            first.waitForLine(from: accepted?.next ?? 0, timeout: .seconds(20)) { $0.contains("控制卡内容已更新") } != nil)
        #expect(first.terminate(SIGTERM, timeout: .seconds(10)))
        #expect(first.waitForLine(timeout: .seconds(5)) { $0.contains("daemon_stop") } != nil)
        let second = try startDaemon(at: "2026-11-25T10:05:00")
        #expect(
            second.waitForLine(timeout: .seconds(5)) { $0.contains("screen_on: 工作日开放时段 08:20-12:00") } != nil)
        // on_stop = "keep": the sign kept its pages and the restarted lobbyd adopts them; only
        // the run sequence goes (no memory table, no picture: 6 KB and 6.5 s at 9600 baud each).
        // `控制卡内容已更新：发送 38 字节`
        let updated = second.waitForLine(timeout: .seconds(20)) { $0.contains("控制卡内容已更新") }
        let bytes = updated.flatMap {
            Int($0.line.split(separator: " ").drop { !$0.hasSuffix("发送") }.dropFirst().first ?? "")
        }
        #expect(bytes.map { $0 < 100 } == true, "\(updated?.line ?? "no upload")")
        #expect(
            !second.output.contains { $0.contains("playlist_accepted") },
            "the archive, not incoming/, restores the playlists")
    }

    @Test("a second lobbyd for the same state directory refuses to start and says why")
    func singleInstance() throws {
        let first = try startDaemon(at: "2026-11-25T10:00:00")
        #expect(first.waitForLine { $0.contains("daemon_start") } != nil)
        let second = try BuiltProgram("lobbyd").run(["--config", "\(hall.path)/lobbyd.toml"])
        #expect(second.status == 1)
        #expect(second.standardError.contains("已有另一个 lobbyd 在使用这个状态目录"))
    }

    /// Finding 11: a row appended with a recomputed hash while lobbyd was stopped.
    @Test("11: a row added while lobbyd was stopped is an alarm at the very next start")
    func rowAddedWhileStopped() throws {
        let first = try startDaemon(at: "2026-11-25T10:00:00")
        #expect(first.waitForLine { $0.contains("screen_on") } != nil)
        #expect(first.terminate(SIGTERM, timeout: .seconds(10)))
        #expect(first.waitForLine { $0.contains("事件日志末尾（stop）") } != nil)
        try EventLog(path: "\(hall.path)/state/lobbyd.sqlite").append(
            EventEntry(date: Date(), kind: .dailyCheck, detail: ["note": "补记"], actor: "forger"))
        let second = try startDaemon(at: "2026-11-25T10:05:00")
        #expect(second.waitForLine { $0.contains("log_tampered") && $0.contains("在 lobbyd 停止期间") } != nil)
    }

    /// Review of issue 23: a trusted-keys directory gone by mistake, then `reload`, took every
    /// playlist off the screen for good.
    @Test("a reload with the trusted-keys directory gone is refused, and the screen keeps its content")
    func reloadWithoutKeys() throws {
        let keys = "\(hall.path)/keys"
        try FileManager.default.copyItem(atPath: RepositoryFiles.path("playlists/demo-keys"), toPath: keys)
        let config = try String(contentsOfFile: "\(hall.path)/lobbyd.toml", encoding: .utf8)
            .replacingOccurrences(of: RepositoryFiles.path("playlists/demo-keys"), with: keys)
        try hall.write("lobbyd.toml", config)
        let lobbyd = try startDaemon(at: "2026-11-25T10:00:00")
        #expect(lobbyd.waitForLine { $0.contains("playlist_accepted: hotline-12345") } != nil)
        try FileManager.default.moveItem(atPath: keys, toPath: "\(keys).away")
        let socket = ["--socket", "\(hall.path)/control.sock"]
        let reload = try BuiltProgram("lobbyctl").run(["reload"] + socket)
        #expect(reload.status != 0)
        #expect(reload.standardError.contains("中没有受信任的发布人公钥"), "\(reload.standardError)")
        let status = try BuiltProgram("lobbyctl").run(["status"] + socket)
        #expect(status.standardOutput.contains("hotline-12345"), "\(status.standardOutput)")
    }

    /// A standing notice whose key is revoked or that expired used to stop every start: under
    /// Restart=always a loop, with the sign showing whatever it last had.
    @Test("a standing notice that does not pass fails the check; lobbyd starts without it and says so")
    func badFallback() throws {
        let notice = "\(hall.path)/notice.toml"
        try FileManager.default.copyItem(atPath: RepositoryFiles.path("playlists/hall-news.toml"), toPath: notice)
        let config =
            try String(contentsOfFile: "\(hall.path)/lobbyd.toml", encoding: .utf8)
            + "\n[content]\nfallback = \"\(notice)\"\n"
        try hall.write("fallback.toml", config)
        let check = try BuiltProgram("lobbyd").run(["--check-config", "--config", "\(hall.path)/fallback.toml"])
        #expect(check.status == 2)
        #expect(check.standardError.contains("缺少 notice.toml.sig"))
        let lobbyd = try RunningProgram(
            "lobbyd", ["--config", "\(hall.path)/fallback.toml", "--clock-start", "2026-11-25T10:00:00"])
        daemon = lobbyd
        #expect(lobbyd.waitForLine { $0.contains("未通过校验；lobbyd 在没有它的情况下运行") } != nil)
        #expect(lobbyd.waitForLine { $0.contains("screen_on") } != nil)
    }

    @Test("every on/off and playlist decision is in the event log, and the chain verifies")
    func eventsAreRecorded() throws {
        let lobbyd = try startDaemon(at: "2026-11-25T08:19:58")
        #expect(
            lobbyd.waitForLine(timeout: .seconds(20)) { $0.contains("screen_on: 工作日开放时段 08:20-12:00") } != nil)
        let config = ["--config", "\(hall.path)/lobbyd.toml"]
        let events = try BuiltProgram("lobbyctl").run(["events"] + config)
        #expect(events.status == 0)
        let kinds = events.standardOutput.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true)[1]
        }
        #expect(kinds.starts(with: ["daemon_start"]))
        #expect(kinds.contains("playlist_accepted") && kinds.contains("screen_off") && kinds.contains("screen_on"))
        #expect(
            events.standardOutput.contains(
                "2026-11-25T08:20:00+08:00  screen_on           schedule   工作日开放时段 08:20-12:00"))
        let json = try BuiltProgram("lobbyctl").run(["events", "--json", "--kind", "screen_on"] + config)
        #expect(
            json.standardOutput.contains("\"kind\":\"screen_on\"")
                && json.standardOutput.contains("\"actor\":\"schedule\""))
        let verify = try BuiltProgram("lobbyctl").run(["verify-log"] + config)
        #expect(verify.status == 0 && verify.standardOutput.contains("链条完整"))
    }
}
