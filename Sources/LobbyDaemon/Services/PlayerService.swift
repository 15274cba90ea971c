import Foundation
import LobbyCore
import LobbyLink
import LobbyRender
import LobbyStore
import Logging
import ServiceLifecycle

/// Every tick: what must the screen show now? It is computed from the clock (schedule and
/// accepted playlists), handed to the link when it changes, and logged as an event when the
/// screen turns on or off. It also watches for clock jumps, missing calendar data and stale
/// content, and keeps systemd informed.
struct PlayerService: Service {
    let settings: LiveSettings
    let board: PlaylistBoard
    let steering: SteeringBoard
    /// Where `status` reads what was decided.
    let view: PlayerBoard
    let link: LinkDriver
    let clock: WallClock
    let retentionDays: Int
    /// The standing notice, empty when the fallback is a dark screen.
    let fallback: PlaylistStore
    let makePlayer: @Sendable () throws -> Player
    let notifier: SystemdNotifier
    let recorder: EventRecorder
    /// Short, so that a new playlist or a window boundary reaches the sign at once; a tick costs
    /// microseconds (pages are rendered once and cached).
    var tick: Duration = .milliseconds(50)

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await loop() }
        } catch is CancellationError {
            // Graceful shutdown cancels the tick loop: that is a normal stop, not a failure.
        }
    }

    private func loop() async throws {
        let player = try makePlayer()
        var last: ScreenDecision?
        var lastWall = clock.now()
        var lastMonotonic = ContinuousClock.now
        var calendarGate = OncePerDay()
        var staleGate = OncePerDay()
        var retentionGate = OncePerDay()
        var lastStatus = ""
        var proof = ProofOfPlay(zone: settings.snapshot.schedule.timeZone)
        defer { record(proof.flush()) }
        var lastWatchdog = ContinuousClock.now
        var ready = false
        while !Task.isCancelled {
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
            let monotonicStep = ContinuousClock.now - lastMonotonic
            let drift = abs(wallStep - monotonicStep.inSeconds)
            if drift > 2 {
                event(
                    .clockJump,
                    "wall clock moved \(Int(wallStep)) s in \(monotonicStep); the screen follows the new time",
                    level: .warning)
            }
            (lastWall, lastMonotonic) = (now, ContinuousClock.now)
            let decision = player.decide(
                at: now, schedule: schedule, store: board.snapshot, fallback: fallback, steering: steering.snapshot)
            let shown = link.status.state == .ready && decision.program != nil
            let items = zip(decision.items, decision.itemPages).map {
                (key: $0, category: $1.category, pages: $1.pages)
            }
            record(proof.record(shown ? min(wallStep, 1) : 0, at: now, items: shown ? items : []))
            if decision.program != last?.program { link.show(decision.program) }
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
                    "\(decision.omitted) valid item(s) left out: the rotation needs more pages than the sign's picture slots ([controller] picture_slots)",
                    level: .warning)
            }
            if decision.isFallback && last?.isFallback != true {
                event(.fallbackShown, "no playlist is valid now; showing the standing notice", level: .warning)
            }
            if decision.state.isOn && decision.program == nil && last?.program != nil {
                event(
                    .contentMissing, "inside an opening window but no valid playlist to show; the screen stays dark",
                    level: .warning)
            }
            last = decision
            checkWarnings(
                at: now, current: current, calendarGate: &calendarGate, staleGate: &staleGate)
            if retentionGate.shouldEmit(on: today) {
                recorder.prune(keepingDays: retentionDays, now: now)
            }
            // systemd hears the status when it changes, and the watchdog at half its interval.
            let status =
                "STATUS=screen \(decision.state.isOn ? "on" : "off") (\(decision.state.reason)); link \(link.status.state)"
                + (recorder.degradedSince != nil ? "; store degraded" : "")
            if status != lastStatus {
                notifier.notify(status)
                lastStatus = status
            }
            if let interval = notifier.watchdogInterval, ContinuousClock.now - lastWatchdog >= interval {
                notifier.notify("WATCHDOG=1")
                lastWatchdog = ContinuousClock.now
            }
            try await Task.sleep(for: tick)
        }
    }

    private func checkWarnings(
        at now: Date, current: LiveSettings.Current, calendarGate: inout OncePerDay, staleGate: inout OncePerDay
    ) {
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
                "no playlist accepted in the last \(content.staleDays) days; the hall's inspections flag this",
                level: .warning)
        }
    }

    /// One log line per event, with its kind as metadata (the event log takes these over).
    /// One `frame_shown` event per item and hour.
    private func record(_ tallies: [ProofOfPlay.Tally]) {
        for tally in tallies where tally.seconds >= 0.5 {
            recorder.record(
                .frameShown,
                "\(tally.item) shown \(Int(tally.seconds.rounded())) s in the hour from \(settings.snapshot.schedule.timeZone.iso8601(tally.hourStart))",
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
