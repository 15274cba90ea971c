import Foundation
import LobbyCore
import LobbyProtocol
import Logging
import Synchronization

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
    /// When to send everything again to a sign that cannot say whether it still holds it
    /// (`Controller.refreshInterval`): set by each confirmed upload.
    var refreshAt: ContinuousClock.Instant?
    /// An upload came before anything was decided (`upload`) and owed the sign its clock: the
    /// first decision's upload sets it.
    var owesClock = false
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
        if let due = refreshAt, due <= driver.clocks.monotonic(), link.state == .ready {
            refreshAt = nil
            handle(.refreshDue)
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
        let deadline = [retryAt, healthAt, clockAt, refreshAt].compactMap { $0 }.min() ?? now + .seconds(1)
        return min(.seconds(1), max(.zero, deadline - now))
    }

    /// Sleeps until the sign sends something (or hangs up), `show` wakes it, or `timeout`
    /// passes: new content leaves at once, and an idle link costs nothing.
    func sleep(_ timeout: Duration) {
        var descriptors = [pollfd(fd: driver.wakePipe.read, events: Int16(POLLIN), revents: 0)]
        if let port = transport?.pollDescriptor {
            descriptors.append(pollfd(fd: port, events: Int16(POLLIN), revents: 0))
        }
        _ = poll(&descriptors, nfds_t(descriptors.count), Int32(clamping: timeout.milliseconds))
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
        let clock = controller.setClock(hour: hour, minute: minute, isoWeekday: now.date.weekday)
        // A card whose clock lobbyd does not set: nothing to send, nothing to align.
        guard !clock.isEmpty else { return (hour, minute) }
        for transmission in clock { try send(transmission) }
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
    mutating func upload(_ controller: any Controller, withClock owed: Bool) -> SerialLink.Event? {
        guard let transport else { return .transmissionFailed(Messages.Link.portClosed.description) }
        let (program, staged, version) = driver.desired()
        // Nothing decided yet: lobbyd is starting and the player's first decision is a tick
        // away. The sign keeps what it shows meanwhile, rather than blinking dark at a restart;
        // the first decision's upload carries what this one owed (`owesClock`).
        guard version > 0 else {
            owesClock = owesClock || owed
            return nil
        }
        let withClock = owed || owesClock
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
            var problems = reply.problems
            let expected = transmissions.reduce(0) { $0 + $1.answers }
            if let answered = reply.answersBefore, answered < expected {
                // Frames the sign never answered: lost on the line, damaged beyond reading.
                problems.append(Messages.Link.unanswered(expected - answered, of: expected).description)
            }
            refused = !problems.isEmpty
            if refused { reportRefused(problems, total: total) }
            if refused && changesMemory && controller.keepsManifest && reply.manifest == nil {
                // The manifest file the upload wrote is gone: the sign lost its memory while it
                // was receiving (a power cut), and refused what came after.
                logger.warning("\(Messages.Link.resetDuringUpload)")
                driver.emit(.signReset)
            }
            // After the confirmation, so that the time sent is the time it arrives (computed
            // before the upload, it lagged by the whole upload, and a lag of minutes reads as a
            // power cut at the next probe), and last, because the memory configuration at the
            // start of a re-sync may erase the clock (protocol-docs/alpha.md).
            if withClock {
                try sendClock(controller)
                owesClock = false
            }
        } catch {
            memory = SignMemory()
            return .transmissionFailed(error.description)
        }
        sentVersion = version
        refreshAt = controller.refreshInterval.map { driver.clocks.monotonic() + $0 }
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
