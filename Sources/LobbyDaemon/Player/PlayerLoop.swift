import Foundation
import LobbyCore
import LobbyLink
import LobbyStore
import Logging

/// The player's tick with its effects: gathers what `PlayerStep` needs (the clocks, the settings,
/// the steering, the playlists, the link's state), asks `Player` what the screen must show and
/// `PlayerStep` what follows from it, and performs the actions. `PlayerService` runs `tick` every
/// 50 ms; the soak test runs it by hand in virtual time.
struct PlayerLoop {
    let context: DaemonContext
    let player: Player
    private var step: PlayerStep

    init(context: DaemonContext, player: Player) {
        self.context = context
        self.player = player
        step = PlayerStep(
            now: context.clock.now(), monotonic: context.clock.monotonic(),
            zone: context.settings.snapshot.schedule.timeZone)
    }

    /// Writes the proof of play still being counted.
    mutating func finish() {
        perform(step.finish(at: context.clock.now(), zone: context.settings.snapshot.schedule.timeZone))
    }

    mutating func tick() {
        let now = context.clock.now()
        let current = context.settings.snapshot
        let store = context.playlists.snapshot
        let policy = ScreenPolicy(
            schedule: current.schedule, steering: context.steering.snapshot,
            emergencyOutsideWindows: current.configuration.emergency.outsideWindows)
        let link = context.link
        let actions = step.step(
            PlayerStep.Inputs(
                now: now, monotonic: context.clock.monotonic(), settings: current,
                decision: player.decide(at: now, policy: policy, store: store, fallback: context.playlists.fallback),
                link: link.status.state, linkStarted: link.hasStarted, store: store,
                storeLoaded: context.playlists.isLoaded, storeDegraded: context.recorder.degradedSince != nil,
                watchdogInterval: context.notifier.watchdogInterval))
        perform(actions)
        context.recorder.anchorIfDue(at: now)
    }

    private func perform(_ actions: [PlayerStep.Action]) {
        for action in actions {
            switch action {
            case .notify(let line): context.notifier.notify(line)
            case .show(let program, let staged): context.link.show(program, staging: staged)
            case .record(let event):
                context.recorder.record(
                    event.kind, event.message, detail: event.detail, actor: event.actor, at: event.at,
                    level: event.level)
            case .publish(let view): context.player.publish { $0 = view }
            case .prune(let days): context.recorder.prune(keepingDays: days, now: context.clock.now())
            }
        }
    }
}
