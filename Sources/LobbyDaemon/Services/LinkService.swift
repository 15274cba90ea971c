import Foundation
import LobbyCore
import LobbyLink
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the link driver for the daemon's lifetime; stops it on shutdown, closing the port,
/// after blanking the sign if `[panel] on_stop = "blank"`.
struct LinkService: Service {
    let driver: LinkDriver
    let onStop: Configuration.StopBehaviour

    func run() async throws {
        driver.start()
        try? await gracefulShutdown()
        driver.stop(blankingFirst: onStop == .blank)
    }
}

/// SIGHUP re-reads the configuration, like `lobbyctl reload`; a bad file is refused and logged,
/// and the daemon carries on with what it had.
struct ReloadOnHangup: Service {
    let reload: @Sendable () throws -> Localized
    let recorder: EventRecorder
    let clock: WallClock

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                do {
                    recorder.record(.configReloaded, try reload().description, actor: "SIGHUP", at: clock.now())
                } catch {
                    Logger(label: "lobbyd").error("SIGHUP: \(error)")
                }
            }
        }
    }
}
