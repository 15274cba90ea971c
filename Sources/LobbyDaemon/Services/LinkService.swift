import Foundation
import LobbyCore
import LobbyLink
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the link driver's thread for the daemon's lifetime: `run` returns when the thread has
/// ended. Graceful shutdown or the group's cancellation stops it, closing the port after
/// blanking the sign if `[panel] on_stop = "blank"`.
struct LinkService: Service {
    let driver: LinkDriver
    let onStop: Configuration.StopBehaviour

    func run() async throws {
        let blank = onStop == .blank
        await withGracefulShutdownHandler {
            await driver.run(blankingOnStop: blank)
        } onGracefulShutdown: {
            driver.requestStop(blankingFirst: blank)
        }
    }
}
