import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// Hardening finding 12: with the disk full, `daily-check` answered "recorded" while the event
/// was lost, `daemon_stop` was lost without a word, and with a full disk at start the screen was
/// not driven at all. lobbyd runs here with its state directory on a full 256 KiB tmpfs in its
/// own mount namespace (root only: CI runs as root).
@Suite("Disk full", .serialized, .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
final class DiskFullTests {
    let hall: TemporaryDirectory
    let simulator: RunningProgram

    init() throws {
        hall = try TemporaryDirectory()
        try hall.dropSamples(["hotline-12345"])
        try FileManager.default.createDirectory(atPath: "\(hall.path)/state", withIntermediateDirectories: true)
        simulator = try hall.startSimulatedSign()
    }

    deinit { simulator.stop() }

    @Test("12: a full disk at start: the screen is driven, an operator's action is refused, the loss is reported")
    func fullAtStart() throws {
        let configuration = try hall.writeHallConfiguration(
            extra: """
                [control]
                operators_group = "\(ControlSocketTests.ownGroup)"
                socket_mode = "0666"
                """)
        let state = "\(hall.path)/state"
        let lobbyd = try BuiltProgram("lobbyd").path
        // A first run accepts the playlist; then the state's disk is full at the next start.
        let first = try RunningProgram("lobbyd", ["--config", configuration, "--clock-start", "2026-11-25T10:00:00"])
        #expect(first.waitForLine { $0.contains("playlist_accepted") } != nil)
        #expect(first.waitForLine { $0.contains("screen_on") } != nil)
        #expect(first.terminate(SIGTERM, timeout: .seconds(10)))
        // A playlist dropped while the disk is full waits: nothing goes on air without its record.
        try hall.dropSamples(["online-services"])
        let script = """
            mount -t tmpfs -o size=256k tmpfs \(state) && \
            { dd if=/dev/zero of=\(state)/filler bs=4k 2>/dev/null; true; } && \
            exec \(lobbyd) --config \(configuration) --clock-start 2026-11-25T10:00:00
            """
        let daemon = try RunningProgram(path: "/usr/bin/unshare", ["-m", "/bin/sh", "-c", script])
        defer { daemon.stop() }
        #expect(daemon.waitForLine { $0.contains("事件日志无法写入") } != nil)
        #expect(
            daemon.waitForLine { $0.contains("online-services.toml 暂缓处理：事件日志现在无法记录它的通过") } != nil)
        // The screen is driven from the spool all the same.
        #expect(simulator.waitForLine(timeout: .seconds(20)) { (simulatorPageCount($0) ?? 0) > 0 } != nil)
        let lobbyctl = try BuiltProgram("lobbyctl")
        let socket = ["--socket", "\(hall.path)/control.sock"]
        let check = try lobbyctl.run(["daily-check", "--note", "屏幕正常"] + socket)
        #expect(check.status != 0)
        #expect(check.standardError.contains("未能记入事件日志，操作未生效"), "\(check.standardError)")
        let override = try lobbyctl.run(["override", "off", "--until", "10:30", "--reason", "演练"] + socket)
        #expect(override.status != 0)
        let status = try lobbyctl.run(["status"] + socket)
        #expect(status.standardOutput.contains("事件日志自"), "\(status.standardOutput)")
        #expect(!status.standardOutput.contains("关屏至"))
        #expect(daemon.terminate(SIGTERM, timeout: .seconds(10)))
        #expect(daemon.waitForLine { $0.contains("条事件无法写入") && $0.contains("随进程一起丢失") } != nil)
    }
}
