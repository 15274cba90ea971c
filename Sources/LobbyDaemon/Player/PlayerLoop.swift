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
    let service: PlayerService
    let player: Player
    private var step: PlayerStep

    init(service: PlayerService, player: Player) {
        self.service = service
        self.player = player
        step = PlayerStep(
            now: service.clock.now(), monotonic: service.clock.monotonic(),
            zone: service.settings.snapshot.schedule.timeZone)
    }

    /// Writes the proof of play still being counted.
    mutating func finish() {
        perform(step.finish(at: service.clock.now(), zone: service.settings.snapshot.schedule.timeZone))
    }

    mutating func tick() {
        let now = service.clock.now()
        let current = service.settings.snapshot
        let store = service.board.snapshot
        let policy = ScreenPolicy(schedule: current.schedule, steering: service.steering.snapshot)
        let link = service.link
        let actions = step.step(
            PlayerStep.Inputs(
                now: now, monotonic: service.clock.monotonic(), settings: current,
                decision: player.decide(at: now, policy: policy, store: store, fallback: service.fallback),
                link: link.status.state, linkStarted: link.hasStarted, store: store,
                storeLoaded: service.board.isLoaded, storeDegraded: service.recorder.degradedSince != nil,
                retentionDays: service.retentionDays, watchdogInterval: service.notifier.watchdogInterval))
        perform(actions)
        service.recorder.anchorIfDue(at: now)
    }

    private func perform(_ actions: [PlayerStep.Action]) {
        for action in actions {
            switch action {
            case .notify(let line): service.notifier.notify(line)
            case .show(let program, let staged): service.link.show(program, staging: staged)
            case .record(let event):
                service.recorder.record(
                    event.kind, event.message, detail: event.detail, actor: event.actor, at: event.at,
                    level: event.level)
            case .publish(let view): service.view.publish { $0 = view }
            case .prune(let days): service.recorder.prune(keepingDays: days, now: service.clock.now())
            }
        }
    }
}
