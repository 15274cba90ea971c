import Foundation
import LobbyCore
import LobbyStore
import Synchronization

/// Issue 9's figures, with lobbyd and lobby-sim as real processes:
/// - start → READY=1 (target ≤ 300 ms), against starting `lobbyctl --version` (process and
///   Swift runtime start-up, the floor any daemon pays);
/// - `status` round trips with 200 concurrent clients, p50/p99 (target p99 ≤ 2 ms), against
///   a bare echo over a Unix socket pair in this process (the IPC floor);
/// - idle CPU % and RSS over 60 s with a static playlist (targets ≤ 1 %, ≤ 30 MB), against
///   lobby-sim idling beside it;
/// - how late the screen-on decision is after a window boundary (target ≤ 250 ms), against
///   the player's tick (50 ms).
enum DaemonBenchmark {
    static func run(bin: String, repo: String) throws {
        let hall = try BenchHall.make(name: "daemon", repo: repo, playlists: ["hall-news", "hotline-12345"])
        defer { try? FileManager.default.removeItem(atPath: hall) }
        let sign = try BenchHall.startSign(bin: bin, hall: hall)
        defer { sign.stop() }

        print("daemon: lobbyd + lobby-sim as processes")
        try steady(bin: bin, hall: hall, sign: sign)
        try idleWithMany(bin: bin, repo: repo)
    }

    /// Start, boundary, `status` under load and idle cost with two playlists.
    static func steady(bin: String, hall: String, sign: Watched) throws {
        try startToReady(bin: bin, hall: hall)
        try boundaryLateness(bin: bin, hall: hall)
        let daemon = try Watched(
            "\(bin)/lobbyd", ["--config", "\(hall)/lobbyd.toml", "--clock-start", "2026-11-25T10:00:00"])
        defer { daemon.stop() }
        guard
            sign.waitFor(timeout: 20, { $0.hasPrefix("lobby-sim: pages") && !$0.hasPrefix("lobby-sim: pages 0") })
                != nil
        else { throw BenchmarkError.referenceFailed("lobbyd never lit the simulated sign") }
        try statusUnderLoad(socket: "\(hall)/control.sock")
        // The memory reference: lobbyctl idling in `watch`, the same Swift runtime and
        // Foundation doing nothing.
        let client = try Watched("\(bin)/lobbyctl", ["watch", "--socket", "\(hall)/control.sock"])
        defer { client.stop() }
        try idle(daemon: daemon.pid, reference: sign.pid, memoryReference: client.pid)
    }

    /// Idle CPU with 500 accepted playlists (target ≤ 1 %, issue 24): the tick must not grow
    /// with what is accepted.
    static func idleWithMany(bin: String, repo: String) throws {
        let count = 500
        let hall = try BenchHall.make(name: "daemon-many", repo: repo, playlists: [])
        defer { try? FileManager.default.removeItem(atPath: hall) }
        try BenchHall.addCopies(count, of: "hall-news", hall: hall, repo: repo, bin: bin)
        let sign = try BenchHall.startSign(bin: bin, hall: hall)
        defer { sign.stop() }
        let daemon = try Watched(
            "\(bin)/lobbyd", ["--config", "\(hall)/lobbyd.toml", "--clock-start", "2026-11-25T10:00:00"])
        defer { daemon.stop() }
        let accepted = "\(hall)/spool/accepted"
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline,
            ((try? FileManager.default.contentsOfDirectory(atPath: accepted))?.filter { $0.hasSuffix(".toml") }.count
                ?? 0) < count
        {
            _ = daemon.waitFor(timeout: 0.5) { _ in false }
        }
        guard
            sign.waitFor(timeout: 60, { $0.hasPrefix("lobby-sim: pages") && !$0.hasPrefix("lobby-sim: pages 0") })
                != nil
        else { throw BenchmarkError.referenceFailed("lobbyd never lit the sign with \(count) playlists") }
        let seconds = 30.0
        let (before, simBefore) = (cpuSeconds(daemon.pid), cpuSeconds(sign.pid))
        Thread.sleep(forTimeInterval: seconds)
        let cpu = (cpuSeconds(daemon.pid) - before) / seconds * 100
        let simCPU = (cpuSeconds(sign.pid) - simBefore) / seconds * 100
        print(
            String(
                format:
                    "  idle over %.0f s, screen lit, %d accepted playlists   CPU %.2f %% (lobby-sim %.2f %%; target ≤ 1 %%: %@)",
                seconds, count, cpu, simCPU, cpu <= 1 ? "met" : "NOT met"))
    }

    /// Ten starts; each from spawn to READY=1 on a fake NOTIFY_SOCKET.
    static func startToReady(bin: String, hall: String) throws {
        var samples: [Double] = []
        var floor: [Double] = []
        for round in 0..<10 {
            let notify = try NotifySocket(path: "\(hall)/notify-\(round)")
            let start = ContinuousClock.now
            let daemon = try Watched(
                "\(bin)/lobbyd", ["--config", "\(hall)/lobbyd.toml"],
                environment: ["NOTIFY_SOCKET": notify.path])
            guard notify.waitFor("READY=1", timeout: 10) else {
                daemon.stop()
                throw BenchmarkError.referenceFailed("lobbyd sent no READY=1")
            }
            samples.append((ContinuousClock.now - start).inSeconds * 1000)
            daemon.terminateAndWait()
            let referenceStart = ContinuousClock.now
            let reference = Process()
            reference.executableURL = URL(fileURLWithPath: "\(bin)/lobbyctl")
            reference.arguments = ["--version"]
            reference.standardOutput = FileHandle.nullDevice
            try reference.run()
            reference.waitUntilExit()
            floor.append((ContinuousClock.now - referenceStart).inSeconds * 1000)
        }
        let p50 = median(samples)
        print(
            String(
                format:
                    "  start → READY=1      p50 %6.1f ms  max %6.1f ms   (lobbyctl --version %5.1f ms, ratio %.1f×; target ≤ 300 ms: %@)",
                p50, samples.max()!, median(floor), p50 / median(floor), samples.max()! <= 300 ? "met" : "NOT met"))
    }

    /// Ten starts just before 08:20 on a workday; the screen_on event's time minus 08:20:00.
    static func boundaryLateness(bin: String, hall: String) throws {
        var lateness: [Double] = []
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        for round in 0..<10 {
            let day = String(format: "2026-11-%02d", [2, 3, 4, 5, 6, 9, 10, 11, 12, 13][round])
            let daemon = try Watched(
                "\(bin)/lobbyd", ["--config", "\(hall)/lobbyd.toml", "--clock-start", "\(day)T08:19:59"])
            let log = try EventLog(path: "\(hall)/state/lobbyd.sqlite")
            let boundary = zone.parseInstant("\(day)T08:20")!
            var found: Date?
            let deadline = Date().addingTimeInterval(10)
            while found == nil, Date() < deadline {
                _ = daemon.waitFor(timeout: 0.2) { _ in false }
                // Within the hour: start-ups measured on the real clock earlier in this run leave
                // a screen_on of their own when the bench runs inside an opening window.
                found = try log.events(since: boundary, until: boundary.addingTimeInterval(3600), kinds: ["screen_on"])
                    .first?.date
            }
            daemon.terminateAndWait()
            guard let found else { throw BenchmarkError.referenceFailed("no screen_on after \(day) 08:20") }
            lateness.append(found.timeIntervalSince(boundary) * 1000)
        }
        print(
            String(
                format:
                    "  window boundary → screen_on decided   p50 %5.1f ms  max %5.1f ms   (tick 50 ms, ratio %.1f×; target ≤ 250 ms: %@)",
                median(lateness), lateness.max()!, lateness.max()! / 50, lateness.max()! <= 250 ? "met" : "NOT met"))
    }

    /// 200 clients connected at once. Paced: each asks `status` every 100 ms (2,000 requests
    /// a second, 200 dashboards refreshing ten times a second), staggered over the interval;
    /// this is the target's figure. Saturated: each asks again as soon as it has its answer, so
    /// 200 requests are always queued on 2 cores shared with the 200 client threads; this
    /// shows throughput, and its latency is queueing (200 × the cost of one request).
    static func statusUnderLoad(socket path: String) throws {
        let echo = echoRoundTrip()
        for paced in [true, false] {
            let (sorted, elapsed) = try statusRound(socket: path, clients: 200, rounds: paced ? 30 : 50, paced: paced)
            let p50 = sorted[sorted.count / 2]
            let p99 = sorted[Int(Double(sorted.count) * 0.99) - 1]
            let label = paced ? "status, 200 clients, each every 100 ms" : "status, 200 clients, saturated     "
            print(
                String(
                    format:
                        "  %@   p50 %6.3f ms  p99 %6.3f ms  %6.0f req/s   (bare socket echo %6.3f ms, ratio %.0f×%@)",
                    label, p50, p99, Double(sorted.count) / elapsed, echo, p50 / echo,
                    paced ? "; target p99 ≤ 2 ms: \(p99 <= 2 ? "met" : "NOT met")" : ""))
        }
        // Issue 24's case: 200 clients send one request each at the same moment (a burst, as
        // dashboards refreshed by one timer do), 20 times; the p99 over all of them. The floor
        // is the same burst against the least a server can do: one thread answering each line
        // with a line as long as lobbyd's status, on the same cores as the 200 clients.
        let (p50, p99) = try burstPercentiles(socket: path)
        let floor = try EchoServer(path: path + ".echo", reply: statusLength(socket: path))
        defer { floor.stop() }
        let (floor50, floor99) = try burstPercentiles(socket: floor.path)
        print(
            String(
                format:
                    "  status, 200 clients at once, 20 bursts   p50 %6.3f ms  p99 %6.3f ms   (bare echo server, same burst: p50 %6.3f ms  p99 %6.3f ms, ratio %.1f×; target p99 ≤ 5 ms: %@)",
                p50, p99, floor50, floor99, p99 / floor99, p99 <= 5 ? "met" : "NOT met"))
        let (polled50, polled99) = try PollingBurst.percentiles(socket: path)
        let (polledFloor50, polledFloor99) = try PollingBurst.percentiles(socket: floor.path)
        print(
            String(
                format:
                    "  status, 200 at once from one poll(2) client   p50 %6.3f ms  p99 %6.3f ms   (bare echo server: p50 %6.3f ms  p99 %6.3f ms, ratio %.1f×; target p99 ≤ 5 ms: %@)",
                polled50, polled99, polledFloor50, polledFloor99, polled99 / polledFloor99,
                polled99 <= 5 ? "met" : "NOT met"))
    }

    static func burstPercentiles(socket path: String) throws -> (p50: Double, p99: Double) {
        var burst: [Double] = []
        for _ in 0..<20 {
            burst += try statusRound(socket: path, clients: 200, rounds: 1, paced: false).0
        }
        burst.sort()
        return (burst[burst.count / 2], burst[Int(Double(burst.count) * 0.99) - 1])
    }

    /// The length of lobbyd's `status` line now.
    static func statusLength(socket path: String) throws -> Int {
        var socket = try LineSocket(path: path)
        defer { socket.close() }
        _ = socket.readLine()
        socket.send("{\"command\":\"status\"}\n")
        guard let line = socket.readLine() else { throw BenchmarkError.referenceFailed("no status line") }
        return line.utf8.count + 1
    }

    static func statusRound(socket path: String, clients: Int, rounds: Int, paced: Bool) throws -> ([Double], Double) {
        let samples = Mutex<[Double]>([])
        let failures = Atomic<Int>(0)
        let connected = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for client in 0..<clients {
            connected.enter()
            done.enter()
            Thread {
                defer { done.leave() }
                // The previous round's connections are let go as their clients close them: a
                // refusal ("too many connections") while lobbyd counts them is tried again.
                var admitted: LineSocket?
                for _ in 0..<100 where admitted == nil {
                    guard var socket = try? LineSocket(path: path) else { break }
                    if socket.readLine()?.contains("\"class\":\"VERSION\"") == true {
                        admitted = socket
                    } else {
                        socket.close()
                        Thread.sleep(forTimeInterval: 0.02)
                    }
                }
                guard var socket = admitted else {
                    failures.add(1, ordering: .relaxed)
                    connected.leave()
                    return
                }
                defer { socket.close() }
                connected.leave()
                go.wait()
                let interval = Duration.milliseconds(100)
                var next = ContinuousClock.now + interval * (Double(client) / Double(clients))
                var mine: [Double] = []
                for _ in 0..<rounds {
                    if paced {
                        // Pacing the load, not waiting for an event: each client's request slot.
                        Thread.sleep(forTimeInterval: max(0, (next - ContinuousClock.now).inSeconds))
                        next += interval
                    }
                    let start = ContinuousClock.now
                    socket.send("{\"command\":\"status\"}\n")
                    guard socket.readLine()?.contains("\"class\":\"STATUS\"") == true else {
                        failures.add(1, ordering: .relaxed)
                        return
                    }
                    mine.append((ContinuousClock.now - start).inSeconds * 1000)
                }
                samples.withLock { $0 += mine }
            }.start()
        }
        connected.wait()
        let start = ContinuousClock.now
        for _ in 0..<clients { go.signal() }
        done.wait()
        let elapsed = (ContinuousClock.now - start).inSeconds
        let sorted = samples.withLock { $0.sorted() }
        guard failures.load(ordering: .relaxed) == 0, !sorted.isEmpty else {
            throw BenchmarkError.referenceFailed("\(failures.load(ordering: .relaxed)) status client(s) failed")
        }
        return (sorted, elapsed)
    }

    /// Median round trip of one line through a socket pair to an echoing thread.
    static func echoRoundTrip() -> Double {
        var pair: [Int32] = [0, 0]
        socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair)
        let (near, far) = (pair[0], pair[1])
        Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(far, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                _ = send(far, buffer, count, 0)
            }
        }.start()
        var samples: [Double] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let line = Array("{\"command\":\"status\"}\n".utf8)
        for _ in 0..<2000 {
            let start = ContinuousClock.now
            _ = send(near, line, line.count, 0)
            _ = recv(near, &buffer, buffer.count, 0)
            samples.append((ContinuousClock.now - start).inSeconds * 1000)
        }
        close(near)
        close(far)
        return median(samples)
    }

    /// CPU time used over 60 s of a lit screen with nothing changing, and the resident set.
    static func idle(daemon: Int32, reference: Int32, memoryReference: Int32) throws {
        let seconds = 60.0
        let (daemonBefore, simBefore) = (cpuSeconds(daemon), cpuSeconds(reference))
        Thread.sleep(forTimeInterval: seconds)
        let daemonCPU = (cpuSeconds(daemon) - daemonBefore) / seconds * 100
        let simCPU = (cpuSeconds(reference) - simBefore) / seconds * 100
        let rss = memoryMiB(daemon, "/proc/\(daemon)/status", "VmRSS:")
        let anonymous = memoryMiB(daemon, "/proc/\(daemon)/status", "RssAnon:")
        let proportional = memoryMiB(daemon, "/proc/\(daemon)/smaps_rollup", "Pss:")
        print(
            String(
                format:
                    "  idle over %.0f s, screen lit, static playlists   CPU %.2f %% (lobby-sim %.2f %%; target ≤ 1 %%: %@)",
                seconds, daemonCPU, simCPU, daemonCPU <= 1 ? "met" : "NOT met"))
        let floor = memoryMiB(memoryReference, "/proc/\(memoryReference)/status", "VmRSS:")
        print(
            String(
                format:
                    "  memory: RSS %.1f MB, of which private (anonymous) %.1f MB; PSS %.1f MB   (idle lobbyctl watch: RSS %.1f MB, ratio %.1f×; target ≤ 30 MB: RSS %@, private %@)",
                rss * 1.048576, anonymous * 1.048576, proportional * 1.048576, floor * 1.048576, rss / floor,
                rss * 1.048576 <= 30 ? "met" : "NOT met", anonymous * 1.048576 <= 30 ? "met" : "NOT met"))
        let parts = residentByMapping(daemon).map { String(format: "%@ %.1f MB", $0.name, $0.mib * 1.048576) }
        print("    resident by mapping: \(parts.joined(separator: ", "))")
    }

    /// Where the resident set is, from /proc/PID/smaps: the program's own file, the Swift runtime
    /// and Foundation (with ICU), the fonts, other shared libraries, and memory of its own.
    static func residentByMapping(_ pid: Int32) -> [(name: String, mib: Double)] {
        // Read to the end: a /proc file says its size is 0, and a sized read stops short.
        guard let data = FileHandle(forReadingAtPath: "/proc/\(pid)/smaps")?.readDataToEndOfFile() else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        let program = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? "?"
        let names = ["its program file", "Swift runtime and Foundation", "fonts", "other libraries", "anonymous"]
        var kilobytes = [Double](repeating: 0, count: names.count)
        var current = names.count - 1
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), first.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
                let file = fields.count > 5 ? String(fields[5]) : ""
                current =
                    file == program
                    ? 0
                    : file.contains("/lib/swift/")
                        ? 1 : file.hasPrefix("/usr/share/fonts") ? 2 : file.hasPrefix("/") ? 3 : 4
            } else if fields.first == "Rss:", fields.count > 1 {
                kilobytes[current] += Double(fields[1]) ?? 0
            }
        }
        return zip(names, kilobytes).map { ($0, $1 / 1024) }
    }

    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Fields after the command: state is 0, utime 11, stime 12 (in clock ticks).
        let ticks = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// A `kB` figure from a /proc file, in MiB.
    static func memoryMiB(_ pid: Int32, _ file: String, _ key: String) -> Double {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) })
        else { return 0 }
        return (Double(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0) / 1024
    }

    static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }
}

/// Calls `body` with `path` as a Unix socket address (the benchmarks cannot use the tests'
/// LobbyTestSupport, which has the same helper).
func withUnixAddress<Result>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result)
    -> Result
{
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
}

/// A Unix datagram socket standing in for systemd's notify socket.
final class NotifySocket {
    let path: String
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard withUnixAddress(path, { bind(descriptor, $0, $1) }) == 0 else {
            throw BenchmarkError.referenceFailed("cannot bind \(path)")
        }
    }

    deinit { close(descriptor) }

    func waitFor(_ message: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var poll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&poll, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000))) > 0 else { continue }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0, String(decoding: buffer[..<count], as: UTF8.self) == message { return true }
        }
        return false
    }
}

/// A blocking line client for the control socket.
struct LineSocket {
    let descriptor: Int32
    private var pending: [UInt8] = []

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard withUnixAddress(path, { connect(descriptor, $0, $1) }) == 0 else {
            Glibc.close(descriptor)
            throw BenchmarkError.referenceFailed("cannot connect to \(path)")
        }
    }

    func close() { Glibc.close(descriptor) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL))
    }

    mutating func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                defer { pending.removeFirst(newline + 1) }
                return String(decoding: pending[..<newline], as: UTF8.self)
            }
            var buffer = [UInt8](repeating: 0, count: 16_384)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            pending += buffer[..<count]
        }
    }
}

/// The floor for a burst of requests: one thread with poll(2) that greets each connection as
/// lobbyd does and answers every read with a fixed `STATUS` line of `reply` bytes.
final class EchoServer: @unchecked Sendable {
    let path: String
    private let listener: Int32
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(path: String, reply length: Int) throws {
        self.path = path
        unlink(path)
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard withUnixAddress(path, { bind(listener, $0, $1) }) == 0, listen(listener, 512) == 0 else {
            throw BenchmarkError.referenceFailed("cannot listen on \(path)")
        }
        let prefix = Array(#"{"class":"STATUS","padding":""#.utf8)
        let reply =
            prefix + [UInt8](repeating: UInt8(ascii: "x"), count: max(0, length - prefix.count - 3))
            + Array(#""}"#.utf8) + [0x0A]
        let greeting = Array(#"{"class":"VERSION"}"#.utf8) + [0x0A]
        Thread { [self] in
            serve(reply: reply, greeting: greeting)
            finished.signal()
        }.start()
    }

    private func serve(reply: [UInt8], greeting: [UInt8]) {
        var watched = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopping.load(ordering: .relaxed) {
            guard poll(&watched, nfds_t(watched.count), 100) > 0 else { continue }
            var accepted: [pollfd] = []
            for index in watched.indices where watched[index].revents != 0 {
                let descriptor = watched[index].fd
                if descriptor == listener {
                    let client = accept(listener, nil, nil)
                    guard client >= 0 else { continue }
                    _ = Glibc.send(client, greeting, greeting.count, Int32(MSG_NOSIGNAL))
                    accepted.append(pollfd(fd: client, events: Int16(POLLIN), revents: 0))
                } else if recv(descriptor, &buffer, buffer.count, 0) > 0 {
                    _ = Glibc.send(descriptor, reply, reply.count, Int32(MSG_NOSIGNAL))
                } else {
                    Glibc.close(descriptor)
                    watched[index].fd = -1
                }
            }
            watched = watched.filter { $0.fd >= 0 } + accepted
        }
        for entry in watched where entry.fd != listener { Glibc.close(entry.fd) }
    }

    func stop() {
        stopping.store(true, ordering: .relaxed)
        finished.wait()
        Glibc.close(listener)
        unlink(path)
    }
}
