import Foundation
import LobbyTestSupport
import Testing

/// The metrics file against the schedule and a link fault, with lobbyd and lobby-sim as
/// processes. Each file is checked by Prometheus's own parser (`promtool check metrics`,
/// Debian's prometheus package) before its values are read.
@Suite("Prometheus metrics", .serialized)
struct MetricsTests {
    @Test("the textfile follows the window closing at 12:00 and a link fault")
    func metricsFollowScheduleAndFault() throws {
        let hall = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: "\(hall.path)/metrics", withIntermediateDirectories: true)
        try hall.dropSamples(["hotline-12345"])
        try hall.writeHallConfiguration(
            extra: "[metrics]\ntextfile = \"\(hall.path)/metrics/lobbyd.prom\"\ninterval_seconds = 1")
        let renames = try RenameWatch(directory: "\(hall.path)/metrics")
        let simulator = try hall.startSimulatedSign()
        defer { simulator.stop() }
        let lobbyd = try RunningProgram(
            "lobbyd", ["--config", "\(hall.path)/lobbyd.toml", "--clock-start", "2026-11-25T11:59:53"])
        defer { lobbyd.stop() }
        #expect(
            simulator.waitForLine(timeout: .seconds(20)) { (simulatorPageCount($0) ?? 0) > 0 } != nil)

        // Inside the morning window, lit.
        let open = try renames.nextMetrics(path: "\(hall.path)/metrics/lobbyd.prom")
        #expect(open["lobbyd_build_info{version=\"0.1.0\"}"] == 1)
        #expect(open["lobbyd_screen_on"] == 1 && open["lobbyd_screen_required"] == 1)
        #expect(open["lobbyd_screen_lit"] == 1 && open["lobbyd_link_up"] == 1)
        #expect(open["lobbyd_screen_cause{cause=\"schedule\"}"] == 1)
        #expect(open["lobbyd_playlists_active"] == 1 && open["lobbyd_playlists_accepted_total"] == 1)
        // 08:20 to about 11:59:55 is required so far.
        #expect((12_900...13_200).contains(open["lobbyd_required_seconds_today"] ?? 0))

        // After 12:00 the window is closed and nothing more is required today until 14:20.
        #expect(lobbyd.waitForLine(timeout: .seconds(20)) { $0.contains("screen_off: 工作日，不在开放时段内") } != nil)
        // The first file after the log line may have been computed just before it.
        _ = try renames.nextMetrics(path: "\(hall.path)/metrics/lobbyd.prom")
        let closed = try renames.nextMetrics(path: "\(hall.path)/metrics/lobbyd.prom")
        #expect(closed["lobbyd_screen_on"] == 0 && closed["lobbyd_screen_required"] == 0)
        #expect(closed["lobbyd_screen_lit"] == 0)
        #expect(closed["lobbyd_required_seconds_today"] == 13_200, "08:20-12:00 is 3 h 40 min")
        #expect((1...20).contains(closed["lobbyd_lit_seconds_today"] ?? 0), "lit from 11:59:5x only")

        // The cable is pulled: the link goes down and the counter says so.
        simulator.stop()
        #expect(lobbyd.waitForLine(timeout: .seconds(20)) { $0.contains("link_down") } != nil)
        // Renames queued before the fault are read first (a loaded machine writes several while
        // the test waits): the file must say "down" within the next ten.
        var fault = try renames.nextMetrics(path: "\(hall.path)/metrics/lobbyd.prom")
        for _ in 0..<10 where fault["lobbyd_link_up"] != 0 {
            fault = try renames.nextMetrics(path: "\(hall.path)/metrics/lobbyd.prom")
        }
        #expect(fault["lobbyd_link_up"] == 0 && (fault["lobbyd_link_down_total"] ?? 0) >= 1)
    }
}

/// Waits for files renamed into a directory (how the metrics file is replaced), by inotify.
final class RenameWatch {
    private let descriptor: Int32

    init(directory: String) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0, inotify_add_watch(descriptor, directory, UInt32(IN_MOVED_TO)) >= 0 else {
            throw POSIXError(.EIO)
        }
    }

    deinit { close(descriptor) }

    /// The next version of `path`, validated by promtool, as `name{labels}` → value.
    /// Versions written before the call are skipped: the next one is written after it.
    func nextMetrics(path: String, timeout: Double = 20) throws -> [String: Double] {
        var poll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Glibc.poll(&poll, 1, 0) > 0 { _ = read(descriptor, &buffer, buffer.count) }
        guard Glibc.poll(&poll, 1, Int32(timeout * 1000)) > 0 else {
            Issue.record("no metrics written within \(timeout) s")
            return [:]
        }
        _ = read(descriptor, &buffer, buffer.count)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let check = try BuiltProgram(path: "/usr/bin/promtool").run(["check", "metrics"], standardInput: text)
        #expect(check.status == 0, "promtool: \(check.standardOutput)\(check.standardError)")
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            values[String(line[..<space])] = Double(line[line.index(after: space)...])
        }
        return values
    }
}
