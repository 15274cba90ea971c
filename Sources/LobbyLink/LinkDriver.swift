import Foundation
import LobbyCore
import LobbyProtocol
import Logging
import Synchronization

/// What the link reports to the rest of the daemon (and, through it, the event log).
public enum LinkReport: Sendable, Equatable {
    case up
    case down(cause: String)
    /// Everything the screen should show is on the sign, which confirmed it.
    case synced(bytes: Int)
    /// The sign lost power or was reset since the last sync (its manifest or clock says so): it was dark
    /// until the re-sync that follows.
    case signReset
    /// The sign reported problems with an upload: it refused packets (what it shows is not what
    /// was sent) or received them damaged.
    case signRefused(problems: String)
    /// The sign's clock was off (it still held its content) and was set to `hour:minute`.
    case clockSet(hour: Int, minute: Int)
    /// After a `signReset` or a refused upload, an upload that puts everything back was
    /// confirmed clean.
    case signRestored
}

/// The link as the operator sees it: "link down since 09:14:03, 12 retries".
public struct LinkStatus: Sendable, Equatable {
    public var state: SerialLink.State = .closed
    public var since = Date()
    public var retries = 0
    public var lastError: String?
    /// Upload progress: bytes sent of the current upload, and its size.
    public var bytesSent = 0
    public var bytesTotal = 0
    public var lastUpload: Date?
    /// What the sign said went wrong with the last upload, until one is confirmed clean.
    public var signProblems: String?
}

/// Runs `SerialLink` against a real transport on its own thread: performs the actions, turns what
/// happens into events, and reconnects forever. Content to show is handed over with `show(_:)`
/// from any thread; the newest always wins.
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
    }

    private let path: String
    private let serial: Configuration.Serial
    private let controller: any Controller
    private let zone: TimeZone
    private let report: @Sendable (LinkReport) -> Void
    /// Where what the sign holds is recorded between runs (`SignLedger`); `nil`: nowhere.
    fileprivate let ledgerPath: String?
    fileprivate let healthInterval: Duration
    fileprivate let clocks: Clocks
    fileprivate let open: @Sendable (String, Configuration.Serial) throws(LinkError) -> any Transport
    private let shared: Mutex<Shared>
    private let wake = DispatchSemaphore(value: 0)
    /// A self-pipe signalled with `wake`: an idle, ready link polls its read end beside the port.
    fileprivate let wakePipe: (read: Int32, write: Int32) = {
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
        wake.signal()
        var byte: UInt8 = 1
        _ = Glibc.write(wakePipe.write, &byte, 1)
    }

    /// Whether `start()` has run: the daemon is not ready before its link runs.
    public var hasStarted: Bool { shared.withLock { $0.started } }

    /// Starts the driver thread; it runs until `stop()`.
    public func start() {
        shared.withLock { $0.started = true }
        let thread = Thread { [self] in
            var loop = LinkLoop(driver: self)
            loop.begin()
            while !isStopping {
                loop.sleep(loop.step())
            }
            loop.finish()
            finished.signal()
        }
        thread.name = "lobbyd-link"
        thread.start()
    }

    /// Stops the thread and waits for it, closing the port. With `blankingFirst`, a sign that
    /// is reachable is sent a dark screen before the port closes.
    public func stop(blankingFirst: Bool = false) {
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
        finished.wait()
    }

    // MARK: used by LinkLoop

    fileprivate var isStopping: Bool { shared.withLock { $0.stopping } }
    fileprivate var blankBeforeStop: Bool { shared.withLock { $0.blankBeforeStop } }
    fileprivate func desired() -> (program: SignProgram?, staged: SignProgram?, version: Int) {
        shared.withLock { ($0.desired, $0.staged, $0.version) }
    }
    fileprivate func update(_ change: (inout LinkStatus) -> Void) { shared.withLock { change(&$0.status) } }
    fileprivate func wait(_ timeout: Duration) {
        _ = wake.wait(timeout: .now() + .milliseconds(Int(timeout.milliseconds)))
    }
    fileprivate var configuration:
        (path: String, serial: Configuration.Serial, controller: any Controller, zone: TimeZone)
    {
        (path, serial, controller, zone)
    }
    fileprivate func emit(_ event: LinkReport) { report(event) }
}

/// The driver thread's loop and its state: the port, what the sign holds, timers. The thread runs
/// `begin`, then `step` and `sleep` until stopped, then `finish`; the soak test calls `step` by
/// hand in virtual time, with a transport that never blocks.
public struct LinkLoop {
    let driver: LinkDriver
    var link: SerialLink
    var transport: Transport?
    var memory = SignMemory()
    /// What the sign held at the last confirmed upload, and the token stored with it.
    var ledger: SignLedger?
    var sentVersion = -1
    /// When the bytes written so far will have crossed the line, at the configured speed.
    var lineBusyUntil: ContinuousClock.Instant
    var retryAt: ContinuousClock.Instant?
    var healthAt: ContinuousClock.Instant?
    /// A `signReset` or an upload's `signRefused` was reported, and the sign has not been
    /// confirmed whole since (`signRestored` then).
    var isContentIncomplete = false
    /// The sign has answered a probe for its manifest: it keeps one, so a probe it does not
    /// answer for it means it lost it.
    var signKeepsManifest = false
    /// The port was just opened: its first probe allows for bytes left in the line (`probe`).
    var isFreshPort = false
    /// When to set the sign's clock again, on the turn of a minute (`sendClock`).
    var clockAt: ContinuousClock.Instant?
    /// `finish` has begun: its own last upload (a dark screen) is not cut short.
    var isFinishing = false
    let logger = Logger(label: "lobbyd.link")

    /// lobbyd is stopping: an upload in progress stops at the next transmission, so that a
    /// stop never waits for minutes of bytes (systemd allows 20 s). The sign then holds the
    /// pending manifest (or none), so the next start re-syncs it.
    var isInterrupted: Bool { driver.isStopping && !isFinishing }

    public init(driver: LinkDriver) {
        self.driver = driver
        link = SerialLink(healthInterval: driver.healthInterval)
        lineBusyUntil = driver.clocks.monotonic()
        if let path = driver.ledgerPath {
            do {
                ledger = try SignLedger.load(path)
            } catch {
                logger.warning("\(Messages.Link.ignoringLedger(path, "\(error)"))")
            }
        }
    }

    /// Opens the port and syncs the sign.
    public mutating func begin() {
        let (path, _, _, _) = driver.configuration
        logger.info("\(Messages.Link.using(TransportFactory.kind(of: path), for: path))")
        handle(.start)
    }

    /// Does what is due now: sends new content to a ready sign, reads what the sign sent (a
    /// hang-up fails the link), runs the retry and health timers. Returns how long the loop may
    /// sleep before a timer is due (at most a second).
    public mutating func step() -> Duration {
        if link.state == .ready && driver.desired().version != sentVersion { handle(.contentChanged) }
        if let transport {
            do { _ = try transport.read(timeout: .zero) } catch { handle(.transmissionFailed("\(error)")) }
        }
        if let due = retryAt, due <= driver.clocks.monotonic() {
            retryAt = nil
            handle(.retryDue)
        }
        if let due = healthAt, due <= driver.clocks.monotonic() {
            healthAt = nil
            handle(.healthCheckDue)
        }
        if let due = clockAt, due <= driver.clocks.monotonic() {
            clockAt = nil
            if link.state == .ready {
                do {
                    try alignClock(driver.configuration.controller)
                } catch {
                    handle(.transmissionFailed(error.description))
                }
            }
        }
        let now = driver.clocks.monotonic()
        let deadline = [retryAt, healthAt, clockAt].compactMap { $0 }.min() ?? now + .seconds(1)
        return min(.seconds(1), max(.zero, deadline - now))
    }

    /// Sleeps until the sign sends something (or hangs up), `show` wakes it, or `timeout`
    /// passes: new content leaves at once, and an idle link costs nothing.
    func sleep(_ timeout: Duration) {
        guard let port = transport?.pollDescriptor else {
            driver.wait(timeout)
            return
        }
        var descriptors = [
            pollfd(fd: port, events: Int16(POLLIN), revents: 0),
            pollfd(fd: driver.wakePipe.read, events: Int16(POLLIN), revents: 0),
        ]
        _ = poll(&descriptors, 2, Int32(clamping: timeout.milliseconds))
        var drained = [UInt8](repeating: 0, count: 64)
        while Glibc.read(driver.wakePipe.read, &drained, drained.count) > 0 {}
    }

    /// After `stop`: blanks the sign if asked to and it is reachable, and closes the port.
    public mutating func finish() {
        isFinishing = true
        if driver.blankBeforeStop && link.state == .ready && driver.desired().version != sentVersion {
            handle(.contentChanged)
        }
        transport?.close()
    }

    /// Feeds an event to the state machine and performs the actions, which may raise more events.
    mutating func handle(_ first: SerialLink.Event) {
        var events = [first]
        while !events.isEmpty {
            let actions = link.handle(events.removeFirst())
            // Status first: whoever hears "link down" and asks must see why.
            let link = self.link
            driver.update {
                if $0.state != link.state { $0.since = driver.clocks.wall() }
                $0.state = link.state
                $0.retries = link.retries
                $0.lastError = link.lastError
            }
            for action in actions {
                if let event = perform(action) { events.append(event) }
            }
        }
    }

    mutating func perform(_ action: SerialLink.Action) -> SerialLink.Event? {
        let (path, serial, controller, _) = driver.configuration
        switch action {
        case .open:
            do {
                transport = try driver.open(path, serial)
                isFreshPort = true
                return .opened
            } catch {
                return .openFailed(error.description)
            }
        case .close:
            transport?.close()
            transport = nil
        case .probe:
            return probe(controller)
        case .resync:
            memory = SignMemory()
            return upload(controller, withClock: true)
        case .adopt:
            memory = ledger?.memory ?? SignMemory()
            logger.notice("\(Messages.Link.adopting)")
            return upload(controller, withClock: false)
        case .setClock:
            do {
                let (hour, minute) = try sendClock(controller)
                logger.warning("\(Messages.Link.clockSet(String(format: "%02d:%02d", hour, minute)))")
                driver.emit(.clockSet(hour: hour, minute: minute))
            } catch {
                return .transmissionFailed(error.description)
            }
        case .sendChanges:
            return upload(controller, withClock: false)
        case .scheduleRetry(let delay):
            retryAt = driver.clocks.monotonic() + delay
        case .scheduleHealthCheck(let delay):
            healthAt = driver.clocks.monotonic() + delay
        case .linkUp:
            logger.notice("\(Messages.Link.up(path))")
            driver.emit(.up)
        case .linkDown(let cause):
            logger.warning("\(Messages.Link.down(path, cause))")
            driver.emit(.down(cause: cause))
        case .signReset:
            logger.warning("\(Messages.Link.reset(path))")
            driver.emit(.signReset)
            isContentIncomplete = true
        }
        return nil
    }

    mutating func probe(_ controller: any Controller) -> SerialLink.Event {
        // The first probe on a port just opened may queue behind what a lobbyd killed in the
        // middle of an upload left in the line's buffers: a port's worth of bytes.
        let deadline =
            isFreshPort
            ? Self.probeDeadline + .seconds(driver.configuration.serial.wireSeconds(bytes: Self.portBuffer))
            : Self.probeDeadline
        isFreshPort = false
        do {
            guard let reply = try ask(controller, within: deadline) else { return .probeUnanswered }
            let now = driver.configuration.zone.localTime(of: driver.clocks.wall())
            let seconds = Int(now.secondOfDay)
            let manifest: SerialLink.ManifestCheck =
                switch reply.manifest {
                // A sign that has answered for its manifest before and does not now lost it:
                // that alone is a reset, whatever its clock says (lobbyd may have set the clock
                // just after the cut, `alignClock`).
                case nil: signKeepsManifest ? .other : .unknown
                // The same token, for the memory layout configured now (a panel resized since is
                // laid out differently: everything goes again).
                case ledger?.token where ledger?.layout == controller.memoryLayout: .ours
                default: .other
                }
            return .probeAnswered(
                clockAgrees: reply.agrees(hour: seconds / 3600, minute: seconds / 60 % 60), manifest: manifest)
        } catch {
            return .transmissionFailed(error.description)
        }
    }

    /// How long a probe of an idle line waits for its answer.
    static let probeDeadline = Duration.seconds(2)
    /// Bytes a serial port or pseudo-terminal buffers on the way out (Linux: 4 KiB).
    static let portBuffer = 4096

    /// Sends the controller's probe and waits up to `deadline` for the answer; `nil` if none came.
    mutating func ask(_ controller: any Controller, within deadline: Duration) throws(LinkError) -> ProbeReply? {
        try send(controller.probe())
        guard let transport else {
            throw LinkError.writeFailed(path: driver.configuration.path, reason: Messages.Link.portClosed.description)
        }
        var received: [UInt8] = []
        let end = driver.clocks.monotonic() + deadline
        while driver.clocks.monotonic() < end && !isInterrupted {
            received += try transport.read(timeout: .milliseconds(100))
            guard let reply = controller.probeReply(in: received) else { continue }
            if reply.manifest != nil { signKeepsManifest = true }
            // Outside an upload, what the register says is about probes and clocks, or about a
            // packet cut short when lobbyd stopped or the cable came out: the journal's, not an
            // event (`upload` reports what the sign refused of its content).
            if !reply.problems.isEmpty {
                logger.notice("\(Messages.Link.sinceProbe(reply.problems.joined(separator: ", ")))")
            }
            return reply
        }
        return nil
    }

    /// Writes `transmission`, falling silent where it asks: until the bytes before the pause
    /// have crossed the line (the port's buffers hold seconds of them), and then for
    /// `Transmission.pause` and a margin.
    mutating func send(_ transmission: Transmission) throws(LinkError) {
        guard let transport else {
            throw LinkError.writeFailed(path: driver.configuration.path, reason: Messages.Link.portClosed.description)
        }
        let serial = driver.configuration.serial
        for (index, part) in transmission.parts.enumerated() {
            if index > 0 { try idle(until: lineBusyUntil + Transmission.pause + .milliseconds(20)) }
            // Wire time at the configured speed, doubled, plus slack for a slow sign.
            let seconds = serial.wireSeconds(bytes: part.count)
            try transport.write(Array(part), timeout: .milliseconds(Int(seconds * 2000) + 2000))
            lineBusyUntil = max(driver.clocks.monotonic(), lineBusyUntil) + .seconds(seconds)
        }
    }

    /// Waits until `deadline`, reading (the sign sends nothing unasked), so that a test in
    /// virtual time passes it too.
    func idle(until deadline: ContinuousClock.Instant) throws(LinkError) {
        while let transport, driver.clocks.monotonic() < deadline {
            _ = try transport.read(timeout: deadline - driver.clocks.monotonic())
        }
    }

    /// The upload is written: the ledger records what the sign holds once it has handled it,
    /// under a new token, saved before the token goes to the sign after the upload. The sign
    /// handles packets in order, so it shows that token only once it has handled the upload;
    /// until then it shows the pending mark (or nothing), which matches no ledger.
    mutating func recordSent(_ controller: any Controller) throws(LinkError) {
        let confirmed = SignLedger(token: SignLedger.newToken(), memory: memory, layout: controller.memoryLayout)
        if let path = driver.ledgerPath {
            do {
                try confirmed.save(path)
            } catch {
                // Kept in memory all the same (a reconnect still adopts; the next start re-syncs,
                // which is safe): without it every probe would find a foreign token and re-sync.
                logger.error("\(Messages.Link.cannotRecord(path, "\(error)"))")
            }
        }
        ledger = confirmed
        try send(controller.writeManifest(confirmed.token))
    }

    /// Sets the sign's clock to the time its packets will arrive; returns the hour and minute
    /// sent. The sign's clock holds hours and minutes only and counts its minute from when it is
    /// set, so a clock set at 08:20:40 runs 40 s behind: unless `aligned` is false, it is set
    /// again when the next minute turns (`clockAt`), to within the line's delay.
    @discardableResult
    mutating func sendClock(_ controller: any Controller, aligned: Bool = true) throws(LinkError) -> (
        hour: Int, minute: Int
    ) {
        let onTheLine = clockOnTheLine(controller)
        // To the nearest second: at 08:20:59.6 the sign is set to 08:21.
        let arrival = (driver.clocks.wall().timeIntervalSince1970 + onTheLine).rounded()
        let now = driver.configuration.zone.localTime(of: Date(timeIntervalSince1970: arrival))
        let seconds = Int(now.secondOfDay)
        let (hour, minute) = (seconds / 3600, seconds / 60 % 60)
        for clock in controller.setClock(hour: hour, minute: minute, isoWeekday: now.date.weekday) {
            try send(clock)
        }
        if aligned && seconds % 60 > 1 {
            // A second early, for the probe that goes first (`alignClock`).
            clockAt = driver.clocks.monotonic() + .seconds(60 - seconds % 60 - 1)
        }
        return (hour, minute)
    }

    /// Seconds the packet that sets the time of day takes to cross the line (the clock's first
    /// packet; its digits vary, its length does not).
    func clockOnTheLine(_ controller: any Controller) -> Double {
        driver.configuration.serial.wireSeconds(
            bytes: controller.setClock(hour: 0, minute: 0, isoWeekday: 1).first?.bytes.count ?? 0)
    }

    /// Sets the sign's clock so that it arrives as the next minute turns, if a probe shows that
    /// the sign still holds what lobbyd last confirmed. A sign that lost power since must not
    /// have its clock set: for a sign that keeps no manifest, the clock is what reveals the
    /// power cut at the next health probe.
    mutating func alignClock(_ controller: any Controller) throws(LinkError) {
        guard let reply = try ask(controller, within: Self.probeDeadline), let token = ledger?.token,
            reply.manifest == token
        else { return }
        let onTheLine = clockOnTheLine(controller)
        let second = driver.configuration.zone.localTime(of: driver.clocks.wall()).secondOfDay
        let toTheTurn = 60 - second.truncatingRemainder(dividingBy: 60)
        guard toTheTurn < 3 else {
            // The turn passed while the probe was out (a slow answer): the next one, then.
            clockAt = driver.clocks.monotonic() + .seconds(toTheTurn - 1)
            return
        }
        try idle(until: max(lineBusyUntil, driver.clocks.monotonic() + .seconds(max(0, toTheTurn - onTheLine))))
        try sendClock(controller, aligned: false)
    }

    /// Drives the panel-power relay, if the hall has one: off with a dark screen, on otherwise.
    func switchPanelPower(on: Bool, transport: Transport) {
        let serial = driver.configuration.serial
        guard let relay = serial.powerRelay else { return }
        do {
            try transport.setControlLine(
                ControlLine(rawValue: relay.rawValue)!, active: on == serial.powerRelayActiveHigh)
        } catch {
            logger.error("\(Messages.Link.relay("\(error)"))")
        }
    }

    /// The sign refused part of an upload (or received it damaged): what it shows is not what
    /// was sent, so it is reported, the status keeps a warning until an upload is clean, and no
    /// ledger on disk may let a restart adopt it. (This run keeps its ledger, which matches the
    /// sign's token: otherwise every health probe would read the sign as reset and send
    /// everything again, a loop. `SerialLink` decides whether to send again.)
    mutating func reportRefused(_ problems: [String], total: Int) {
        let text = problems.joined(separator: ", ")
        logger.error("\(Messages.Link.refusedUpload(total, text))")
        driver.update { $0.signProblems = text }
        driver.emit(.signRefused(problems: text))
        isContentIncomplete = true
        if let path = driver.ledgerPath {
            do {
                try SignLedger.remove(path)
            } catch {
                logger.error("\(Messages.Link.cannotRemove(path, "\(error)"))")
            }
        }
    }

    /// An upload cut short by a stop: what the sign holds is unknown (its manifest says so).
    mutating func interrupted(after sent: Int, of total: Int) -> SerialLink.Event? {
        logger.notice(
            "\(Messages.Link.cutShort(sent: sent, total: total))")
        memory = SignMemory()
        return nil
    }

    /// Sends what the screen should show (and the clock, at a re-sync), with progress in status.
    mutating func upload(_ controller: any Controller, withClock: Bool) -> SerialLink.Event? {
        guard let transport else { return .transmissionFailed(Messages.Link.portClosed.description) }
        let (program, staged, version) = driver.desired()
        var transmissions: [Transmission]
        do {
            if let program {
                (transmissions, memory) = try controller.program(program, memory: memory)
            } else {
                (transmissions, memory) = controller.blank(memory: memory)
                // Dark first, then the next opening's pages, so that lighting it costs a switch;
                // what cannot be staged goes when the screen lights, as before.
                if let staged, let staging = try? controller.stage(staged, memory: memory) {
                    (transmissions, memory) = (transmissions + staging.transmissions, staging.memory)
                }
            }
        } catch {
            logger.error("\(Messages.Link.cannotShow("\(error)"))")
            sentVersion = version
            return nil
        }
        let changesMemory = LinkPlan.changesMemory(transmissions)
        transmissions = LinkPlan.marked(transmissions, controller: controller)
        switchPanelPower(on: program != nil, transport: transport)
        let total = transmissions.reduce(0) { $0 + $1.bytes.count }
        driver.update {
            $0.bytesSent = 0
            $0.bytesTotal = total
        }
        for transmission in transmissions {
            if isInterrupted { return interrupted(after: driver.status.bytesSent, of: total) }
            do {
                try send(transmission)
            } catch {
                memory = SignMemory()
                return .transmissionFailed(error.description)
            }
            driver.update { $0.bytesSent += transmission.bytes.count }
        }
        // A write returns once the bytes are in the port's buffers, which hold seconds of them
        // (4 KB is 4.3 s at 9600 baud). The upload is done when the sign answers a read sent
        // after it: it handles packets in order, so the answer proves it has every byte before.
        // The wait allows for all of them still to cross the line.
        let inFlight = Duration.seconds(2 * driver.configuration.serial.wireSeconds(bytes: total))
        var refused = false
        do {
            // The new manifest goes before the confirming probe, so that the answer confirms it
            // too (sent after, a cable pulled at once lost it, and the next start re-synced).
            if changesMemory { try recordSent(controller) }
            guard let reply = try ask(controller, within: inFlight + Self.probeDeadline) else {
                if isInterrupted { return interrupted(after: total, of: total) }
                logger.warning("\(Messages.Link.unconfirmed(total))")
                memory = SignMemory()  // what it holds is unknown: everything goes again
                return .probeUnanswered
            }
            refused = !reply.problems.isEmpty
            if refused { reportRefused(reply.problems, total: total) }
            if refused && changesMemory && reply.manifest == nil {
                // The manifest file the upload wrote is gone: the sign lost its memory while it
                // was receiving (a power cut), and refused what came after.
                logger.warning("\(Messages.Link.resetDuringUpload)")
                driver.emit(.signReset)
            }
            // After the confirmation, so that the time sent is the time it arrives (computed
            // before the upload, it lagged by the whole upload, and a lag of minutes reads as a
            // power cut at the next probe), and last, because the memory configuration at the
            // start of a re-sync may erase the clock (protocol-docs/alpha.md).
            if withClock { try sendClock(controller) }
        } catch {
            memory = SignMemory()
            return .transmissionFailed(error.description)
        }
        sentVersion = version
        driver.update {
            $0.lastUpload = driver.clocks.wall()
            if !refused { $0.signProblems = nil }
        }
        driver.emit(.synced(bytes: total))
        if isContentIncomplete && !refused && program != nil {
            isContentIncomplete = false
            driver.emit(.signRestored)
        }
        // What the sign holds is not what was sent: everything goes again, once (`SerialLink`).
        return refused ? .signRefused : nil
    }
}
