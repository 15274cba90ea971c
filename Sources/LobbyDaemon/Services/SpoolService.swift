import Foundation
import LobbyCore
import Logging
import ServiceLifecycle
import Synchronization

/// Runs the spool watcher on its own thread (it validates with a FreeType face) until shutdown.
struct SpoolService: Service {
    let makeWatcher: @Sendable () throws -> SpoolWatcher
    /// Builds the validator anew after a reload (trusted keys, content rules).
    let makeValidator: @Sendable (Configuration) throws -> PlaylistValidator
    let settings: LiveSettings
    let board: PlaylistBoard
    let logger: Logger

    func run() async throws {
        let stopping = Mutex(false)
        let finished = AsyncStream<Void>.makeStream()
        let failure = Mutex<(any Error)?>(nil)
        let thread = Thread { [makeWatcher, makeValidator, settings, board, logger] in
            ThreadName.set("lobbyd-spool")
            do {
                let watcher = try makeWatcher()
                try watcher.start()
                board.publish(watcher.store)
                var generation = settings.snapshot.generation
                while !stopping.withLock({ $0 }) {
                    let current = settings.snapshot
                    if current.generation != generation {
                        generation = current.generation
                        do {
                            try watcher.reload(validator: makeValidator(current.configuration))
                        } catch {
                            logger.error("\(Messages.Daemon.reloadedRules("\(error)"))")
                        }
                    }
                    watcher.runOnce(timeout: .milliseconds(500))
                    board.publish(watcher.store)
                }
            } catch {
                failure.withLock { $0 = error }
            }
            finished.continuation.finish()
        }
        thread.start()
        await withGracefulShutdownHandler {
            for await _ in finished.stream {}
        } onGracefulShutdown: {
            stopping.withLock { $0 = true }
        }
        if let error = failure.withLock({ $0 }) {
            logger.critical("spool: \(error)")
            throw error
        }
    }
}
