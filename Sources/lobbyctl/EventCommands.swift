import ArgumentParser
import Foundation
import LobbyCore
import LobbyStore

/// Where the event log is: `--database`, or `[paths] database` of the configuration.
struct DatabaseOption: ParsableArguments {
    @OptionGroup var configuration: ConfigurationOption

    @Option(help: "The event log (default: [paths] database).")
    var database: String?

    /// Fails, saying so, when there is no file at `path`: opening it would make a new, empty log.
    static func requireLog(at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            Console.error("lobbyctl: \(path): there is no event log there")
            throw ExitCode(ExitStatus.failure)
        }
    }

    /// Opens an existing log; a path where there is none is an error, never a new empty log
    /// (a mistyped backup path would otherwise "verify").
    func open() throws -> (EventLog, TimeZone) {
        let configuration = try configuration.load()
        let path = database ?? configuration.paths.database
        try Self.requireLog(at: path)
        do {
            return (try EventLog(path: path), configuration.timeZone)
        } catch .corrupt(let path, let reason) {
            Console.error("lobbyctl: \(LobbyStoreError.corrupt(path: path, reason: reason))")
            throw ExitCode(ExitStatus.invalidInput)
        } catch {
            Console.error("lobbyctl: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }
}

/// `lobbyctl events`: what happened, from the event log.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "List recorded events (screen on/off, playlists, link, maintenance …).")

    @OptionGroup var source: DatabaseOption

    @Option(help: "From this time (hall time unless an offset is given).")
    var since: String?

    @Option(help: "Until this time (excluded).")
    var until: String?

    @Option(help: "Only this kind, e.g. screen_on (repeatable).")
    var kind: [String] = []

    @Option(help: "At most this many events.")
    var limit = 100

    @Option(help: "Skip this many events first (paging).")
    var offset = 0

    @Flag(help: "One JSON object per line, for scripts.")
    var json = false

    func run() throws {
        let (log, zone) = try source.open()
        let from = try since.map { try parseInstant($0, option: "--since", in: zone) }
        let to = try until.map { try parseInstant($0, option: "--until", in: zone) }
        if let unknown = kind.first(where: { EventKind(rawValue: $0) == nil }) {
            Console.error(
                "lobbyctl events: --kind \(unknown): expected one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
            throw ExitCode(ExitStatus.invalidInput)
        }
        let events = try log.events(since: from, until: to, kinds: kind, limit: limit, offset: offset)
        for event in events {
            print(json ? Self.jsonLine(event) : Self.humanLine(event, zone: zone))
        }
    }

    static func humanLine(_ event: StoredEvent, zone: TimeZone) -> String {
        let detail = event.details
        let time = event.date.map(zone.iso8601) ?? event.ts
        return
            "\(time)  \(event.kind.padding(toLength: 18, withPad: " ", startingAt: 0)) \(event.actor.padding(toLength: 10, withPad: " ", startingAt: 0)) \(Console.visible(detail["message"] ?? event.detail))"
    }

    static func jsonLine(_ event: StoredEvent) -> String {
        let detail = (try? JSONSerialization.jsonObject(with: Data(event.detail.utf8))) ?? [:]
        let object: [String: Any] = [
            "id": event.id ?? 0, "ts": event.ts, "kind": event.kind, "actor": event.actor, "detail": detail,
        ]
        return JSONLine.text(object)
    }
}

/// `lobbyctl verify-log`: checks the hash chain and names the first broken row (exit 2).
struct VerifyLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-log",
        abstract: "Check that the event log is complete and unaltered (exit 2 naming the first broken row).")

    @OptionGroup var source: DatabaseOption

    @Option(help: "The anchor file (default: DATABASE.anchors; give it for a backup copied elsewhere).")
    var anchors: String?

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    func run() throws {
        let (log, _) = try source.open()
        let anchorFile = anchors.map { AnchorFile(path: $0) } ?? AnchorFile(log: log.path)
        let (anchors, unreadable) = try anchorFile.read()
        let check: EventLog.AnchorCheck
        let verification: EventLog.Verification
        do {
            check = try log.verify(against: anchors)
            verification = try log.verify()
        } catch {
            Console.error(
                "\(log.path): cannot be read to the end, the database is damaged: \(error). docs/INSTALL.md, section 9, says how to recover what can be read."
            )
            throw ExitCode(ExitStatus.invalidInput)
        }
        let anchorWords =
            anchors.isEmpty
            ? "no anchors (\(anchorFile.path) is missing: the tail cannot be checked)"
            : "\(check.checked) anchors checked" + (unreadable > 0 ? ", \(unreadable) unreadable line(s) skipped" : "")
        switch verification {
        case .intact(let rows) where check.problems.isEmpty:
            print(
                json
                    ? JSONLine.text([
                        "database": log.path, "intact": true, "rows": rows, "anchors": check.checked,
                    ])
                    : "\(log.path): \(rows) events, chain intact; \(anchorWords)")
        case .intact(let rows):
            if json {
                print(
                    JSONLine.text([
                        "database": log.path, "intact": false, "rows": rows, "anchors": check.checked,
                        "problems": check.problems,
                    ]))
            }
            Console.error("\(log.path): \(rows) events, chain intact, but it contradicts its anchors (\(anchorWords)):")
            for problem in check.problems { Console.error("  \(problem)") }
            throw ExitCode(ExitStatus.invalidInput)
        case .broken(let row, let reason):
            if json { print(JSONLine.text(["database": log.path, "intact": false, "row": row, "reason": reason])) }
            Console.error("\(log.path): broken at event \(row): \(reason)")
            for problem in check.problems { Console.error("  \(problem)") }
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
