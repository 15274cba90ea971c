import LobbyCore
import Logging

/// Log setup shared by the daemon's entry points: one line per event on stderr, which journald
/// collects under systemd and a terminal shows when run by hand, so both look the same.
public enum DaemonLogging {
    public static func bootstrap(level: LobbyCore.LogLevel) {
        let swiftLogLevel = Logger.Level(rawValue: level.rawValue) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = swiftLogLevel
            return handler
        }
    }
}
