import Foundation
import LobbyCore
import Synchronization

/// The parts of the configuration that a reload (SIGHUP, `lobbyctl reload`) changes while the
/// daemon runs: windows and calendars (the schedule), and the content rules and trusted keys the
/// spool validates with (`Configuration.reloading` says which keys apply and which need a
/// restart; a reload names the latter).
public final class LiveSettings: Sendable {
    public struct Current: Sendable {
        public var configuration: Configuration
        public var schedule: Schedule
        /// Raised by each reload; the spool thread rebuilds its validator when it changes.
        public var generation: Int
    }

    private let current: Mutex<Current>

    public init(configuration: Configuration, schedule: Schedule) {
        current = Mutex(Current(configuration: configuration, schedule: schedule, generation: 0))
    }

    public var snapshot: Current { current.withLock { $0 } }

    func replace(configuration: Configuration, schedule: Schedule) {
        current.withLock {
            $0 = Current(configuration: configuration, schedule: schedule, generation: $0.generation + 1)
        }
    }
}
