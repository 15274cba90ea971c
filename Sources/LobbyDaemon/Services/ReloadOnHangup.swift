import Foundation
import LobbyCore
import Logging
import ServiceLifecycle
import UnixSignals

/// SIGHUP re-reads the configuration, like `lobbyctl reload`; a bad file is refused and logged,
/// and the daemon carries on with what it had.
struct ReloadOnHangup: Service {
    let reload: @Sendable () throws -> PreparedReload
    let recorder: EventRecorder
    let clock: DaemonClock

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                do {
                    let prepared = try reload()
                    prepared.apply()
                    recorder.record(.configReloaded, prepared.message.description, actor: "SIGHUP", at: clock.now())
                } catch {
                    Logger(label: "lobbyd").error("SIGHUP: \(error)")
                }
            }
        }
    }
}
