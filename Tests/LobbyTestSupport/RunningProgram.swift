import Foundation

/// A package executable running in the background, whose output lines a test can wait for.
/// Waiting is on the lines themselves (a condition variable), never on a timer guess.
public final class RunningProgram: @unchecked Sendable {
    private let process = Process()
    private let lines = EventInbox<String>()
    private var partial = ""
    private let partialLock = NSLock()

    public convenience init(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        try self.init(path: BuiltProgram(name).path, arguments, environment: environment)
    }

    /// Any program, such as the installed lobbyd or `unshare` running it.
    public init(path: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = BuiltProgram.environment(environment)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // A blocking read on a thread of its own, not `readabilityHandler`: tearing down that
        // handler's dispatch read source races libdispatch's epoll bookkeeping on Linux and can
        // crash the whole test process (swift-corelibs-libdispatch#949, corelibs-foundation#3276).
        // The thread ends at end of file, when the program and everything it started have exited.
        let reading = output.fileHandleForReading
        Thread { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(reading.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                self?.append(Data(buffer[..<count]))
            }
            try? reading.close()
        }.start()
    }

    deinit { stop() }

    /// Resident memory (VmRSS) in kilobytes, from /proc.
    public var residentKilobytes: Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// The first line at or after `start` that satisfies `matches`, waiting up to `timeout`.
    /// Returns the line and the index after it, to wait for the next event from there.
    @discardableResult
    public func waitForLine(from start: Int = 0, timeout: Duration = .seconds(15), _ matches: (String) -> Bool) -> (
        line: String, next: Int
    )? {
        lines.waitFor(from: start, timeout: timeout, matches).map { ($0.event, $0.next) }
    }

    public var output: [String] { lines.all }

    public var pid: Int32 { process.processIdentifier }

    /// Sends `signal` and waits up to `timeout` for the program to exit; `true` if it did.
    /// (A graceful stop: the caller can then check what the program logged on the way out.)
    public func terminate(_ signal: Int32, timeout: Duration) -> Bool {
        let pid = process.processIdentifier
        guard pid > 0, kill(pid, 0) == 0 else { return true }
        let exited = DispatchSemaphore(value: 0)
        Thread {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            exited.signal()
        }.start()
        kill(pid, signal)
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return exited.wait(timeout: .now() + seconds) == .success
    }

    /// Ends the program and reaps it. Reaped with waitpid directly: on Linux,
    /// `Process.waitUntilExit` waits for Foundation's own exit notification, which does not
    /// arrive while a test holds the thread it would be delivered on.
    public func stop() {
        let pid = process.processIdentifier
        guard pid > 0, kill(pid, 0) == 0 else { return }
        kill(pid, SIGKILL)  // SIGTERM may be blocked in a child spawned from a test thread
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    private func append(_ data: Data) {
        partialLock.lock()
        partial += String(decoding: data, as: UTF8.self)
        let pieces = partial.split(separator: "\n", omittingEmptySubsequences: false)
        partial = String(pieces.last ?? "")
        partialLock.unlock()
        for line in pieces.dropLast() { lines.post(String(line)) }
    }
}

/// Events delivered from another thread (a driver's callback), waited for in order.
public final class EventInbox<Event: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var events: [Event] = []

    public init() {}

    public func post(_ event: Event) {
        condition.lock()
        events.append(event)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits up to `timeout` for an event after index `start` that satisfies `matches`.
    public func waitFor(from start: Int = 0, timeout: Duration = .seconds(15), _ matches: (Event) -> Bool) -> (
        event: Event, next: Int
    )? {
        let deadline = Date().addingTimeInterval(
            Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
        condition.lock()
        defer { condition.unlock() }
        var index = start
        while true {
            while index < events.count {
                if matches(events[index]) { return (events[index], index + 1) }
                index += 1
            }
            guard condition.wait(until: deadline) else { return nil }
        }
    }

    public var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return events.count
    }

    /// Every event so far, in order.
    public var all: [Event] {
        condition.lock()
        defer { condition.unlock() }
        return events
    }
}
