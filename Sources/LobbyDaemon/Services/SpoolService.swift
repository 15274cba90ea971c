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
    /// Records what a reload changed in the keys (`key_added`, `key_revoked`, `key_expired`).
    let recordKeys: @Sendable ([TrustStore.Change]) -> Void
    /// Today in the hall, for key expiry.
    let today: @Sendable () -> LocalDate
    /// Checks the standing notice again with the reloaded keys and rules.
    let recheckFallback: @Sendable (Configuration) -> Void

    func run() async throws {
        let stopping = Mutex(false)
        let finished = AsyncStream<Void>.makeStream()
        let failure = Mutex<(any Error)?>(nil)
        let thread = Thread {
            [makeWatcher, makeValidator, settings, board, logger, recordKeys, today, recheckFallback] in
            ThreadName.set("lobbyd-spool")
            do {
                let watcher = try makeWatcher()
                try watcher.start()
                board.publish(watcher.store)
                board.publish(watcher.validator.trust.expiries)
                var pruned: LocalDate?
                // Keys already past their last day at start are not news at the first reload.
                var reported = Set(watcher.validator.trust.expiries.filter { today() > $0.lastDay }.map(\.keyID))
                var generation = settings.snapshot.generation
                while !stopping.withLock({ $0 }) {
                    let current = settings.snapshot
                    if current.generation != generation {
                        generation = current.generation
                        do {
                            let old = watcher.validator.trust
                            try watcher.reload(validator: makeValidator(current.configuration))
                            let trust = watcher.validator.trust
                            let changes = trust.changes(since: old, today: today(), reported: reported)
                            reported.formUnion(changes.filter { $0.kind == .keyExpired }.map(\.keyID))
                            recordKeys(changes)
                            board.publish(trust.expiries)
                            recheckFallback(current.configuration)
                            // A mistyped id revokes nothing: said at each reload, in the journal.
                            for id in trust.revoked.keys.sorted() where trust.keys[id] == nil {
                                logger.warning(
                                    "\(Messages.Configuration.revokesNothing(id, current.configuration.paths.trustedKeys))"
                                )
                            }
                        } catch {
                            logger.error("\(Messages.Daemon.reloadedRules("\(error)"))")
                        }
                    }
                    if pruned != today() {
                        // At start, then once a day: superseded versions past the retention.
                        pruned = today()
                        let days = settings.snapshot.configuration.retentionDays
                        let removed = watcher.pruneSuperseded(keepingDays: days)
                        if !removed.isEmpty { logger.notice("\(Messages.Daemon.pruned(removed, days: days))") }
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
