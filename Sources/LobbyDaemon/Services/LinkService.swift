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
