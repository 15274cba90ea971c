import LobbyLink
import ServiceLifecycle

/// Runs the link driver for the daemon's lifetime; stops it (closing the port) on shutdown.
struct LinkService: Service {
    let driver: LinkDriver

    func run() async throws {
        driver.start()
        try? await gracefulShutdown()
        driver.stop()
    }
}
