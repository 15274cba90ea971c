import Foundation
import LobbyCore
import LobbyProtocol
import Logging
import Synchronization

/// Runs `SerialLink` against a real transport on its own thread: performs the actions, turns what
/// happens into events, and reconnects forever. Content to show is handed over with `show(_:)`
/// from any thread; the newest always wins. The daemon runs it with `run` (as a service: it
/// returns when the thread has ended, after a stop request or the task's cancellation); the
/// thread is woken by one self-pipe, which it polls beside the port.
///
/// The clocks and the way a port is opened are injected: the soak test runs the same loop
/// (`LinkLoop`) by hand, in virtual time, against an in-process simulated sign.
public final class LinkDriver: Sendable {
    private struct Shared {
        var desired: SignProgram?
        /// Uploaded ahead while `desired` is `nil` (a dark screen).
        var staged: SignProgram?
        var version = 0
        var stopping = false
        var blankBeforeStop = false
        var started = false
        var status = LinkStatus()
        /// The thread has ended; `run` waits for it here.
        var hasFinished = false
        var onFinish: CheckedContinuation<Void, Never>?
    }

    private let path: String
    private let serial: Configuration.Serial
    private let controller: any Controller
    private let zone: TimeZone
    private let report: @Sendable (LinkReport) -> Void
    /// Where what the sign holds is recorded between runs (`SignLedger`); `nil`: nowhere.
    let ledgerPath: String?
    let healthInterval: Duration
    let clocks: Clocks
    let open: @Sendable (String, Configuration.Serial) throws(LinkError) -> any Transport
    private let shared: Mutex<Shared>
    /// The one way to wake the thread: `show` and `stop` write a byte, the loop polls the read
    /// end (beside the port when one is open).
    let wakePipe: (read: Int32, write: Int32) = {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return (-1, -1) }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        return (ends[0], ends[1])
    }()
    private let finished = DispatchSemaphore(value: 0)

    public init(
        path: String, serial: Configuration.Serial, controller: any Controller, zone: TimeZone,
        healthInterval: Duration = .seconds(15), ledgerPath: String? = nil, clocks: Clocks = .system,
        open: @escaping @Sendable (String, Configuration.Serial) throws(LinkError) -> any Transport = TransportFactory
            .open,
        report: @escaping @Sendable (LinkReport) -> Void
    ) {
        self.healthInterval = healthInterval
        self.ledgerPath = ledgerPath
        self.clocks = clocks
        self.open = open
        shared = Mutex(Shared(status: LinkStatus(since: clocks.wall())))
        self.path = path
        self.serial = serial
        self.controller = controller
        self.zone = zone
        self.report = report
    }

    deinit {
        close(wakePipe.read)
        close(wakePipe.write)
    }

    public var status: LinkStatus { shared.withLock { $0.status } }

    /// What the screen should show; `nil` for a dark screen. `staging`: while dark, what it
    /// will show next, uploaded ahead so that lighting it later costs only the switch.
    public func show(_ program: SignProgram?, staging: SignProgram? = nil) {
        shared.withLock {
            $0.desired = program
            $0.staged = program == nil ? staging : nil
            $0.version += 1
        }
        wakeUp()
    }

    private func wakeUp() {
        var byte: UInt8 = 1
        _ = Glibc.write(wakePipe.write, &byte, 1)
    }

    /// Whether `start()` has run: the daemon is not ready before its link runs.
    public var hasStarted: Bool { shared.withLock { $0.started } }

    /// Starts the driver thread; it runs until `stop()`.
    public func start() {
        shared.withLock { $0.started = true }
        let thread = Thread { [self] in
            ThreadName.set("lobbyd-link")
            var loop = LinkLoop(driver: self)
            loop.begin()
            while !isStopping {
                loop.sleep(loop.step())
            }
            loop.finish()
            let waiting = shared.withLock { shared in
                shared.hasFinished = true
                defer { shared.onFinish = nil }
                return shared.onFinish
            }
            waiting?.resume()
            finished.signal()
        }
        thread.start()
    }

    /// Starts the thread and returns when it has ended: after `requestStop`, or when the task is
    /// cancelled (a stop, blanking first if `blankingOnStop`). Never blocks a thread of the
    /// caller's while it waits.
    public func run(blankingOnStop: Bool) async {
        start()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ended = shared.withLock { shared in
                    if !shared.hasFinished { shared.onFinish = continuation }
                    return shared.hasFinished
                }
                if ended { continuation.resume() }
            }
        } onCancel: {
            requestStop(blankingFirst: blankingOnStop)
        }
    }

    /// Stops the thread and waits for it, closing the port. With `blankingFirst`, a sign that
    /// is reachable is sent a dark screen before the port closes.
    public func stop(blankingFirst: Bool = false) {
        requestStop(blankingFirst: blankingFirst)
        finished.wait()
    }

    /// Asks the thread to stop (closing the port, after a dark screen if `blankingFirst` and
    /// the sign is reachable) and returns at once.
    public func requestStop(blankingFirst: Bool) {
        shared.withLock {
            if blankingFirst {
                $0.desired = nil
                $0.staged = nil
                $0.version += 1
                $0.blankBeforeStop = true
            }
            $0.stopping = true
        }
        wakeUp()
    }

    // MARK: used by LinkLoop

    var isStopping: Bool { shared.withLock { $0.stopping } }
    var blankBeforeStop: Bool { shared.withLock { $0.blankBeforeStop } }
    func desired() -> (program: SignProgram?, staged: SignProgram?, version: Int) {
        shared.withLock { ($0.desired, $0.staged, $0.version) }
    }
    func update(_ change: (inout LinkStatus) -> Void) { shared.withLock { change(&$0.status) } }
    var configuration: (path: String, serial: Configuration.Serial, controller: any Controller, zone: TimeZone) {
        (path, serial, controller, zone)
    }
    func emit(_ event: LinkReport) { report(event) }
}
