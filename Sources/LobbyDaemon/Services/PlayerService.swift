import Foundation
import LobbyCore
import LobbyLink
import LobbyRender
import LobbyStore
import Logging
import ServiceLifecycle

/// Runs the player's tick (`PlayerLoop`) every 50 ms until shutdown. Each tick works out from
/// the clock what the screen must show (schedule and accepted playlists), hands it to the link
/// when it changes and logs on and off; it also watches for clock jumps, missing calendar data
/// and stale content, and keeps systemd informed.
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
        var loop = PlayerLoop(service: self, player: try makePlayer())
        defer { loop.finish() }
        while !Task.isCancelled {
            loop.tick()
            try await Task.sleep(for: tick)
        }
    }
}
