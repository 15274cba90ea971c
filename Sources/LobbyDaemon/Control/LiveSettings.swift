import Foundation
import LobbyCore
import Synchronization

/// The parts of the configuration that a reload (SIGHUP, `lobbyctl reload`) changes while the
/// daemon runs: windows, calendars, time zone (the schedule), and the content rules and trusted
/// keys the spool validates with. Everything else needs a restart, and a reload says so.
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

    /// Sections whose change a reload cannot apply, by their name in lobbyd.toml.
    static func needingRestart(from old: Configuration, to new: Configuration) -> [String] {
        var sections: [String] = []
        if old.panel != new.panel { sections.append("[panel]") }
        if old.font != new.font { sections.append("[font]") }
        if old.paths != new.paths { sections.append("[paths]") }
        if old.serial != new.serial { sections.append("[serial]") }
        if old.controller != new.controller { sections.append("[controller]") }
        if old.control != new.control { sections.append("[control]") }
        if old.content.fallbackPlaylist != new.content.fallbackPlaylist { sections.append("[content] fallback") }
        if old.logLevel != new.logLevel { sections.append("log_level") }
        return sections
    }
}
