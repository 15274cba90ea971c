import Foundation
import LobbyCore
import LobbyRender
import Synchronization

/// Issue 7's figure: from a playlist written into incoming/ to its page arriving at the sign,
/// p50 and p95 over 50 drops, with lobbyd and lobby-sim as real processes. The simulator receives
/// at unlimited speed, so wire time is excluded. Target: p95 ≤ 100 ms.
enum LatencyBenchmark {
    static func run(bin: String, repo: String) throws {
        let hall = try BenchHall.make(name: "latency", repo: repo, playlists: [])
        defer { try? FileManager.default.removeItem(atPath: hall) }
        let sign = try BenchHall.startSign(bin: bin, hall: hall)
        defer { sign.stop() }
        let daemon = try Watched(
            "\(bin)/lobbyd", ["--config", "\(hall)/lobbyd.toml", "--clock-start", "2026-11-25T10:00:00"])
        defer { daemon.stop() }
        let people = try DemoPeople(repo: repo)
        let renderer = try TextRenderer(configuration: Configuration())
        var latencies: [Double] = []
        for round in 0...50 {
            let text = "基准测试第\(round + 1)次：新播放单上屏所需时间"
            let bytes = Array(playlist(version: round + 1, text: text).utf8)
            let page = try renderer.pages(for: PlaylistItem(category: "service-hall", text: text, path: "items[0]"))[0]
            let hash = String(page.contentHash, radix: 16)
            try AtomicFile.write(
                Array(try people.sheet(for: bytes).fileText.utf8), to: "\(hall)/spool/incoming/bench-\(round).toml.sig")
            let start = ContinuousClock.now
            try AtomicFile.write(bytes, to: "\(hall)/spool/incoming/bench-\(round).toml")
            guard let seen = sign.waitFor(timeout: 10, { $0.hasPrefix("lobby-sim: pages") && $0.contains(hash) }) else {
                throw BenchmarkError.referenceFailed("drop \(round) never reached the sign")
            }
            if round > 0 {
                latencies.append((seen - start).inSeconds * 1000)
            }
        }
        latencies.sort()
        let p50 = latencies[latencies.count / 2]
        let p95 = latencies[Int(Double(latencies.count) * 0.95) - 1]
        print(
            "latency: playlist written to incoming/ → its page at the sign, 50 drops, lobbyd + lobby-sim (no wire time)"
        )
        print(
            String(
                format: "  p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms   (target p95 ≤ 100 ms: %@)", p50, p95,
                latencies.last!, p95 <= 100 ? "met" : "NOT met"))
    }

    static func playlist(version: Int, text: String) -> String {
        """
        id = "bench"
        version = \(version)
        title = "基准测试"
        valid_from = 2026-01-01
        valid_until = 2030-12-31
        [[items]]
        category = "service-hall"
        text = "\(text)"
        """
    }
}

/// Output lines with the instant each arrived, shared with the pipe's handler.
final class LineLog: Sendable {
    let lines = Mutex<[(ContinuousClock.Instant, String)]>([])
    let partial = Mutex("")
    let arrived = DispatchSemaphore(value: 0)

    func append(_ data: Data) {
        let now = ContinuousClock.now
        let complete = partial.withLock { text -> [String] in
            text += String(decoding: data, as: UTF8.self)
            let pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
            text = String(pieces.last ?? "")
            return pieces.dropLast().map(String.init)
        }
        guard !complete.isEmpty else { return }
        lines.withLock { $0 += complete.map { (now, $0) } }
        arrived.signal()
    }
}

/// A child process whose output lines are timestamped as they arrive.
final class Watched: Sendable {
    private let process: Process
    private let log = LineLog()

    init(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [log] handle in log.append(handle.availableData) }
        try process.run()
    }

    /// The first line satisfying `matches` (consuming it), within `timeout` seconds.
    func waitForLine(timeout: Double, _ matches: (String) -> Bool) -> String? {
        var found: String?
        _ = waitFor(timeout: timeout) { line in
            guard matches(line) else { return false }
            found = line
            return true
        }
        return found
    }

    /// When the first line satisfying `matches` arrived (consuming it), within `timeout` seconds.
    func waitFor(timeout: Double, _ matches: (String) -> Bool) -> ContinuousClock.Instant? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let found = log.lines.withLock { lines -> ContinuousClock.Instant? in
                guard let index = lines.firstIndex(where: { matches($0.1) }) else { return nil }
                let instant = lines[index].0
                lines.removeSubrange(...index)
                return instant
            }
            if let found { return found }
            guard log.arrived.wait(timeout: .now() + max(0, deadline.timeIntervalSinceNow)) == .success else {
                return nil
            }
        }
    }

    var pid: Int32 { process.processIdentifier }

    /// SIGTERM, and waits for the graceful stop (the next start needs the instance lock).
    func terminateAndWait() {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        var status: Int32 = 0
        waitpid(process.processIdentifier, &status, 0)
    }
}
