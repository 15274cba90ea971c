import Foundation
import LobbyCore
import LobbyLink
import LobbyStore
import Logging

/// The player's state between ticks and one tick of it: `PlayerService` runs `tick` every 50 ms;
/// the soak test runs it by hand in virtual time.
struct PlayerLoop {
    let service: PlayerService
    let player: Player
    private var last: ScreenDecision?
    private var lastWall: Date
    private var lastMonotonic: ContinuousClock.Instant
    private var lastWatchdog: ContinuousClock.Instant
    private var calendarGate = OncePerDay()
    private var staleGate = OncePerDay()
    private var retentionGate = OncePerDay()
    private var lastStatus = ""
    private var applied: AppliedSchedule?
    private var appliedFor: (date: LocalDate, generation: Int)?
    /// `content_missing` was logged and the screen is still dark for want of content.
    private var contentMissing = false
    private var proof: ProofOfPlay
    private var ready = false

    init(service: PlayerService, player: Player) {
        self.service = service
        self.player = player
        lastWall = service.clock.now()
        lastMonotonic = service.clock.monotonic()
        lastWatchdog = lastMonotonic
        proof = ProofOfPlay(zone: service.settings.snapshot.schedule.timeZone)
    }

    private var settings: LiveSettings { service.settings }
    private var board: PlaylistBoard { service.board }
    private var steering: SteeringBoard { service.steering }
    private var view: PlayerBoard { service.view }
    private var link: LinkDriver { service.link }
    private var clock: WallClock { service.clock }
    private var notifier: SystemdNotifier { service.notifier }
    private var recorder: EventRecorder { service.recorder }

    /// Writes the proof of play still being counted.
    mutating func finish() {
        record(proof.flush())
    }

    /// What must the screen show now? Hands it to the link when it changes, logs on and off,
    /// publishes what `status` reads, and keeps systemd informed.
    mutating func tick() {
        // The control socket is bound and the database open before the group starts; the
        // link thread is the last thing systemd waits for.
        if !ready && link.hasStarted {
            notifier.notify("READY=1")
            ready = true
        }
        let now = clock.now()
        let current = settings.snapshot
        let schedule = current.schedule
        let wallStep = now.timeIntervalSince(lastWall)
        let monotonic = clock.monotonic()
        let monotonicStep = monotonic - lastMonotonic
        let drift = abs(wallStep - monotonicStep.inSeconds)
        if drift > 2 {
            event(
                .clockJump,
                Messages.Daemon.clockJump(Int(wallStep), in: "\(monotonicStep)").description,
                level: .warning)
        }
        (lastWall, lastMonotonic) = (now, monotonic)
        recordSchedule(current, at: now)
        let decision = player.decide(
            at: now, schedule: schedule, store: board.snapshot, fallback: service.fallback, steering: steering.snapshot)
        let shown = link.status.state == .ready && decision.program != nil
        let items = zip(decision.items, decision.itemPages).map {
            (key: $0, category: $1.category, pages: $1.pages)
        }
        record(proof.record(shown ? min(wallStep, 1) : 0, at: now, items: shown ? items : []))
        if decision.program != last?.program || decision.staged != last?.staged {
            link.show(decision.program, staging: decision.staged)
        }
        if decision.state.isOn != last?.state.isOn {
            event(
                decision.state.isOn ? .screenOn : .screenOff, "\(decision.state.reason)",
                detail: ["cause": decision.state.cause], actor: decision.state.actor)
        }
        // What `status` and the metrics read: the lit time every tick, the decision when it changes.
        let today = schedule.timeZone.localTime(of: now).date
        let changed = decision.program != last?.program || decision.state != last?.state
        view.publish { view in
            if view.litDay != today { (view.litDay, view.litSeconds) = (today, 0) }
            if shown { view.litSeconds += max(0, min(wallStep, 1)) }
            guard changed else { return }
            if decision.state.isOn != view.decision?.state.isOn { view.since = now }
            view.decision = decision
            view.playlists = Array(
                Set(decision.items.map { $0.split(separator: "#").prefix(2).joined(separator: "@") })
            )
            .sorted()
        }
        if decision.omitted > 0 && decision.omitted != last?.omitted {
            event(
                .rotationTruncated,
                Messages.Daemon.rotationTruncated(decision.omitted).description,
                level: .warning)
        }
        if decision.isFallback && last?.isFallback != true {
            event(.fallbackShown, Messages.Daemon.fallbackShown.description, level: .warning)
        }
        // Dark for want of content: logged when it begins, at a window's start as well as when
        // content runs out inside one, so the report can name the cause of every dark minute.
        // (Not before the spool has restored the accepted playlists: a start is not a gap.)
        let isMissing = decision.state.isOn && decision.program == nil && board.isLoaded
        if isMissing && !contentMissing {
            event(
                .contentMissing, Messages.Daemon.contentMissing.description,
                level: .warning)
        } else if contentMissing && !isMissing && decision.state.isOn {
            event(.contentRestored, Messages.Daemon.contentRestored.description)
        }
        contentMissing = isMissing
        last = decision
        checkWarnings(at: now, current: current)
        if retentionGate.shouldEmit(on: today) {
            recorder.prune(keepingDays: service.retentionDays, now: now)
        }
        recorder.anchorIfDue(at: now)
        // systemd hears the status when it changes, and the watchdog at half its interval.
        let words = Messages.Daemon.systemdStatus(
            on: decision.state.isOn, reason: "\(decision.state.reason)", link: "\(link.status.state)",
            degraded: recorder.degradedSince != nil)
        let status = "STATUS=\(words)"
        if status != lastStatus {
            notifier.notify(status)
            lastStatus = status
        }
        if let interval = notifier.watchdogInterval, monotonic - lastWatchdog >= interval {
            notifier.notify("WATCHDOG=1")
            lastWatchdog = monotonic
        }
    }
    /// Logs the rules that decide today's required minutes when they are first applied (start),
    /// may have changed (a reload) or a new day begins (midnight). Compared by day and settings
    /// generation first: the calendar's version is a digest, not for every tick.
    private mutating func recordSchedule(_ current: LiveSettings.Current, at now: Date) {
        let date = current.schedule.timeZone.localTime(of: now).date
        guard appliedFor?.date != date || appliedFor?.generation != current.generation else { return }
        appliedFor = (date, current.generation)
        let today = AppliedSchedule(schedule: current.schedule, date: date)
        guard today != applied else { return }
        applied = today
        let windows = today.windows.isEmpty ? nil : today.windows.map(\.description).joined(separator: ", ")
        event(
            .scheduleApplied,
            Messages.Daemon.applied(
                "\(today.day.date)", workday: today.day.isWorkday, reason: Messages.Calendar.reason(today.day.reason),
                windows: windows
            ).description,
            detail: today.detail, level: .info)
    }

    private mutating func checkWarnings(at now: Date, current: LiveSettings.Current) {
        let schedule = current.schedule
        let content = current.configuration.content
        let today = schedule.timeZone.localTime(of: now).date
        let warnings = schedule.calendar.warnings(on: today)
        if !warnings.isEmpty, calendarGate.shouldEmit(on: today) {
            for warning in warnings { event(.calendarMissing, "\(warning)", level: .warning) }
        }
        if board.isLoaded, board.snapshot.isStale(at: now, days: content.staleDays), staleGate.shouldEmit(on: today) {
            event(
                .contentStale,
                Messages.Daemon.contentStale(days: content.staleDays).description,
                level: .warning)
        }
    }

    /// One log line per event, with its kind as metadata (the event log takes these over).
    /// One `frame_shown` event per item and hour.
    private func record(_ tallies: [ProofOfPlay.Tally]) {
        for tally in tallies where tally.seconds >= 0.5 {
            recorder.record(
                .frameShown,
                Messages.Daemon.shown(
                    tally.item, seconds: Int(tally.seconds.rounded()),
                    hour: settings.snapshot.schedule.timeZone.iso8601(tally.hourStart)
                ).description,
                detail: [
                    "item": tally.item, "category": tally.category, "seconds": "\(Int(tally.seconds.rounded()))",
                    "hour": EventTime.format(tally.hourStart),
                ],
                actor: "schedule", at: clock.now(), level: .debug)
        }
    }

    private func event(
        _ kind: EventKind, _ message: String, detail: [String: String] = [:], actor: String = "schedule",
        level: Logger.Level = .notice
    ) {
        recorder.record(kind, message, detail: detail, actor: actor, at: clock.now(), level: level)
    }
}
