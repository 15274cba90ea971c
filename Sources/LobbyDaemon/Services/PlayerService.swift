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
    /// The boards it reads (settings, playlists, steering), the one it writes (`player`, for
    /// `status`), the link, the recorder, the clocks, systemd's notifier, the standing notice.
    let context: DaemonContext
    let makePlayer: @Sendable () throws -> Player
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
        var loop = PlayerLoop(context: context, player: try makePlayer())
        defer { loop.finish() }
        while !Task.isCancelled {
            loop.tick()
            try await Task.sleep(for: tick)
        }
    }
}
