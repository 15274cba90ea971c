import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyStore
import Logging

/// The player's memory between ticks, and what one tick decides, without doing any of it:
/// `PlayerLoop` gathers the inputs, asks `step`, and performs the actions in order. Pure, so
/// every combination of what the screen must do and what happened is tested without a clock,
/// a link or a database (PlayerStepTests).
public struct PlayerStep: Sendable {
    /// What the loop saw at this tick.
    public struct Inputs: Sendable {
        public var now: Date
        public var monotonic: ContinuousClock.Instant
        public var settings: LiveSettings.Current
        /// What the screen must show now (`Player.decide`).
        public var decision: ScreenDecision
        public var link: SerialLink.State
        /// The link thread runs: the last thing systemd waits for.
        public var linkStarted: Bool
        /// The accepted playlists, and whether the spool has restored them yet.
        public var store: PlaylistStore
        public var storeLoaded: Bool
        /// The event log is not being written (for the systemd status line).
        public var storeDegraded: Bool
        /// Half systemd's watchdog interval, `nil` without a watchdog.
        public var watchdogInterval: Duration?

        public init(
            now: Date, monotonic: ContinuousClock.Instant, settings: LiveSettings.Current, decision: ScreenDecision,
            link: SerialLink.State, linkStarted: Bool, store: PlaylistStore, storeLoaded: Bool,
            storeDegraded: Bool = false, watchdogInterval: Duration? = nil
        ) {
            (self.now, self.monotonic, self.settings, self.decision) = (now, monotonic, settings, decision)
            (self.link, self.linkStarted, self.store, self.storeLoaded) = (link, linkStarted, store, storeLoaded)
            (self.storeDegraded, self.watchdogInterval) = (storeDegraded, watchdogInterval)
        }
    }

    /// One event for the log, as `EventRecorder.record` takes it.
    public struct Event: Sendable, Equatable {
        public var kind: EventKind
        public var message: String
        public var detail: [String: String] = [:]
        public var actor = "schedule"
        public var level: Logger.Level = .notice
        public var at: Date
    }

    public enum Action: Sendable {
        /// A line for systemd (`READY=1`, `STATUS=…`, `WATCHDOG=1`).
        case notify(String)
        /// Hand the link what to show, and what to upload ahead while dark.
        case show(SignProgram?, staging: SignProgram?)
        case record(Event)
        /// What `status` and the metrics read.
        case publish(PlayerView)
        /// Drop events older than this many days (once a day).
        case prune(keepingDays: Int)
    }

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
    /// The link has been told a decision (`show`): it sends nothing before the first.
    private var hasShown = false
    private var view = PlayerView()

    public init(now: Date, monotonic: ContinuousClock.Instant, zone: TimeZone) {
        (lastWall, lastMonotonic, lastWatchdog) = (now, monotonic, monotonic)
        proof = ProofOfPlay(zone: zone)
    }

    /// The proof of play still being counted, at shutdown.
    public mutating func finish(at now: Date, zone: TimeZone) -> [Action] {
        tallies(proof.flush(), at: now, zone: zone)
    }

    /// One tick: hands the link what changed, logs on and off and the reasons around them,
    /// publishes what `status` reads, and keeps systemd informed.
    public mutating func step(_ inputs: Inputs) -> [Action] {
        var actions: [Action] = []
        let (now, decision) = (inputs.now, inputs.decision)
        let schedule = inputs.settings.schedule
        func event(
            _ kind: EventKind, _ message: String, detail: [String: String] = [:], actor: String = "schedule",
            level: Logger.Level = .warning
        ) {
            actions.append(
                .record(Event(kind: kind, message: message, detail: detail, actor: actor, level: level, at: now)))
        }
        // The control socket is bound and the database open before the group starts; systemd
        // hears READY=1 once the link thread runs and the accepted playlists are restored, so
        // that `systemctl start` returns with the screen decided. (Not once the sign shows it:
        // an unplugged sign must not fail the start.)
        if !ready && inputs.linkStarted && inputs.storeLoaded {
            actions.append(.notify("READY=1"))
            ready = true
        }
        let wallStep = now.timeIntervalSince(lastWall)
        let monotonicStep = inputs.monotonic - lastMonotonic
        if abs(wallStep - monotonicStep.inSeconds) > 2 {
            event(.clockJump, Messages.Daemon.clockJump(Int(wallStep), in: "\(monotonicStep)").description)
        }
        (lastWall, lastMonotonic) = (now, inputs.monotonic)
        if let applied = scheduleApplied(inputs.settings, at: now) { actions.append(.record(applied)) }
        let shown = inputs.link == .ready && decision.program != nil
        let items = zip(decision.items, decision.itemPages).map { (key: $0, category: $1.category, pages: $1.pages) }
        actions += tallies(
            proof.record(shown ? min(wallStep, 1) : 0, at: now, items: shown ? items : []), at: now,
            zone: schedule.timeZone)
        // The first decision once the accepted playlists are restored (before, a start would
        // blink the sign dark; the link waits for it before its first upload), a dark one too;
        // then every change.
        let changed = decision.program != last?.program || decision.staged != last?.staged
        if inputs.storeLoaded && (!hasShown || changed) {
            actions.append(.show(decision.program, staging: decision.staged))
            hasShown = true
        }
        let state = decision.state
        if state.isOn != last?.state.isOn {
            event(
                state.isOn ? .screenOn : .screenOff, "\(state.reason)", detail: ["cause": state.cause],
                actor: state.actor, level: .notice)
        }
        // What `status` and the metrics read: the lit time every tick, the decision when it changes.
        let today = schedule.timeZone.localTime(of: now).date
        if publish(decision, shown: shown, seconds: wallStep, today: today, at: now) {
            actions.append(.publish(view))
        }
        if decision.omitted > 0 && decision.omitted != last?.omitted {
            event(.rotationTruncated, Messages.Daemon.rotationTruncated(decision.omitted).description)
        }
        if decision.isFallback && last?.isFallback != true {
            event(.fallbackShown, Messages.Daemon.fallbackShown.description)
        }
        // Dark for want of content: logged when it begins, at a window's start as well as when
        // content runs out inside one, so the report can name the cause of every dark minute.
        // (Not before the spool has restored the accepted playlists: a start is not a gap.)
        let isMissing = decision.verdict.lacksContent && inputs.storeLoaded
        if isMissing && !contentMissing {
            event(.contentMissing, Messages.Daemon.contentMissing.description)
        } else if contentMissing && !isMissing && state.isOn {
            event(.contentRestored, Messages.Daemon.contentRestored.description, level: .notice)
        }
        contentMissing = isMissing
        last = decision
        for warning in warnings(inputs, today: today) {
            event(warning.kind, warning.message)
        }
        // Retention as configured now: a reload applies it.
        if retentionGate.shouldEmit(on: today) {
            actions.append(.prune(keepingDays: inputs.settings.configuration.retentionDays))
        }
        // systemd hears the status when it changes (from READY=1 on), and the watchdog at half
        // its interval.
        let words = Messages.Daemon.systemdStatus(
            on: state.isOn, reason: "\(state.reason)", link: "\(inputs.link)", degraded: inputs.storeDegraded)
        let status = "STATUS=\(words)"
        if ready && status != lastStatus {
            actions.append(.notify(status))
            lastStatus = status
        }
        if let interval = inputs.watchdogInterval, inputs.monotonic - lastWatchdog >= interval {
            actions.append(.notify("WATCHDOG=1"))
            lastWatchdog = inputs.monotonic
        }
        return actions
    }

    /// Updates the view `status` reads; whether it changed.
    private mutating func publish(
        _ decision: ScreenDecision, shown: Bool, seconds: Double, today: LocalDate, at now: Date
    ) -> Bool {
        let changed = decision.program != last?.program || decision.verdict != last?.verdict
        guard changed || shown || view.litDay != today else { return false }
        if view.litDay != today { (view.litDay, view.litSeconds) = (today, 0) }
        if shown { view.litSeconds += max(0, min(seconds, 1)) }
        if changed {
            if decision.state.isOn != view.decision?.state.isOn { view.since = now }
            view.decision = decision
            view.playlists = Array(
                Set(decision.items.map { $0.split(separator: "#").prefix(2).joined(separator: "@") })
            )
            .sorted()
        }
        return true
    }

    /// The rules that decide today's required minutes when they are first applied (start),
    /// may have changed (a reload) or a new day begins (midnight). Compared by day and settings
    /// generation first: the calendar's version is a digest, not for every tick.
    private mutating func scheduleApplied(_ current: LiveSettings.Current, at now: Date) -> Event? {
        let date = current.schedule.timeZone.localTime(of: now).date
        guard appliedFor?.date != date || appliedFor?.generation != current.generation else { return nil }
        appliedFor = (date, current.generation)
        let today = AppliedSchedule(schedule: current.schedule, date: date)
        guard today != applied else { return nil }
        applied = today
        let windows = today.windows.isEmpty ? nil : today.windows.map(\.description).joined(separator: ", ")
        let message = Messages.Daemon.applied(
            "\(today.day.date)", workday: today.day.isWorkday, reason: Messages.Calendar.reason(today.day.reason),
            windows: windows)
        return Event(kind: .scheduleApplied, message: message.description, detail: today.detail, level: .info, at: now)
    }

    /// Missing calendar data and stale content, each once a day.
    private mutating func warnings(_ inputs: Inputs, today: LocalDate) -> [(kind: EventKind, message: String)] {
        var result: [(kind: EventKind, message: String)] = []
        let warnings = inputs.settings.schedule.calendar.warnings(on: today)
        if !warnings.isEmpty, calendarGate.shouldEmit(on: today) {
            result += warnings.map { (.calendarMissing, "\($0)") }
        }
        let staleDays = inputs.settings.configuration.content.staleDays
        if inputs.storeLoaded, inputs.store.isStale(at: inputs.now, days: staleDays), staleGate.shouldEmit(on: today) {
            result.append((.contentStale, Messages.Daemon.contentStale(days: staleDays).description))
        }
        return result
    }

    /// One `frame_shown` event per item and hour.
    private func tallies(_ tallies: [ProofOfPlay.Tally], at now: Date, zone: TimeZone) -> [Action] {
        tallies.filter { $0.seconds >= 0.5 }.map { tally in
            let seconds = Int(tally.seconds.rounded())
            return .record(
                Event(
                    kind: .frameShown,
                    message: Messages.Daemon.shown(tally.item, seconds: seconds, hour: zone.iso8601(tally.hourStart))
                        .description,
                    detail: [
                        "item": tally.item, "category": tally.category, "seconds": "\(seconds)",
                        "hour": EventTime.format(tally.hourStart),
                    ],
                    level: .debug, at: now))
        }
    }
}
