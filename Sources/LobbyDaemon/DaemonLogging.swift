import Foundation
import LobbyCore
import Logging

/// Log setup shared by the daemon's entry points: one line per event on stderr, which journald
/// collects under systemd and a terminal shows when run by hand, so both carry the same words.
/// Under journald (JOURNAL_STREAM set) each line starts with its syslog priority, `<4>` for a
/// warning (sd-daemon(3)), so `journalctl -p warning` selects by level; journald adds the time.
/// By hand, each line starts with the time in the hall's zone (`zone`), not the machine's.
public enum DaemonLogging {
    /// `now` is the daemon's clock, so that a line's time is its events' (also under
    /// `--clock-start`).
    public static func bootstrap(level: LobbyCore.LogLevel, zone: TimeZone, now: @escaping @Sendable () -> Date) {
        let swiftLogLevel = Logger.Level(rawValue: level.rawValue) ?? .info
        let journal = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil
        LoggingSystem.bootstrap { label in
            OneLineHandler(
                LineHandler(label: label, logLevel: swiftLogLevel, start: journal ? .priority : .time(zone, now)))
        }
    }
}

/// Keeps every log record on one line: a file name or an operator's note with a newline in it
/// must not forge a second line in the journal. Control characters become visible escapes.
struct OneLineHandler<Wrapped: LogHandler>: LogHandler {
    var wrapped: Wrapped

    init(_ wrapped: Wrapped) {
        self.wrapped = wrapped
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = "\(VisibleText.escaped("\(event.message)"))"
        event.metadata = event.metadata?.mapValues { .string(VisibleText.escaped("\($0)")) }
        wrapped.log(event: event)
    }
}

/// One line per record on stderr: `<5>lobbyd: event=screen_on screen_on: …` for journald, or
/// `2026-11-25T10:00:00+08:00 notice lobbyd: event=screen_on …` by hand.
struct LineHandler: LogHandler {
    /// What a line starts with: the syslog priority (journald adds the time), or the time in
    /// the hall's zone and the level.
    enum Start {
        case priority
        case time(TimeZone, @Sendable () -> Date)
    }

    let label: String
    var logLevel: Logger.Level
    let start: Start
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }
        let prefix = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value) " }.joined()
        let head =
            switch start {
            case .priority: "<\(Self.priority(event.level))>\(label)"
            case .time(let zone, let now): "\(zone.iso8601(now())) \(event.level) \(label)"
            }
        FileHandle.standardError.write(Data("\(head): \(prefix)\(event.message)\n".utf8))
    }

    /// syslog priorities: critical 2, error 3, warning 4, notice 5, info 6, debug and trace 7.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }
}
