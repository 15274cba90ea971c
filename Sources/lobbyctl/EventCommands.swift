import ArgumentParser
import Foundation
import LobbyCore
import LobbyStore

/// Where the event log is: `--database`, or `[paths] database` of the configuration.
struct DatabaseOption: ParsableArguments {
    @OptionGroup var configuration: ConfigurationOption

    @Option(help: "The event log (default: [paths] database).")
    var database: String?

    func open() throws -> (EventLog, TimeZone) {
        let configuration = try configuration.load()
        do {
            return (try EventLog(path: database ?? configuration.paths.database), configuration.timeZone)
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
        let detail = (try? JSONDecoder().decode([String: String].self, from: Data(event.detail.utf8))) ?? [:]
        let time = event.date.map(zone.iso8601) ?? event.ts
        return
            "\(time)  \(event.kind.padding(toLength: 18, withPad: " ", startingAt: 0)) \(event.actor.padding(toLength: 10, withPad: " ", startingAt: 0)) \(detail["message"] ?? event.detail)"
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

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    func run() throws {
        let (log, _) = try source.open()
        let (anchors, unreadable) = try AnchorFile(log: log.path).read()
        let check = try log.verify(against: anchors)
        let anchorWords =
            anchors.isEmpty
            ? "no anchors (\(AnchorFile(log: log.path).path) is missing: the tail cannot be checked)"
            : "\(check.checked) anchors checked" + (unreadable > 0 ? ", \(unreadable) unreadable line(s) skipped" : "")
        switch try log.verify() {
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
