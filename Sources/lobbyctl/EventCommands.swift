import ArgumentParser
import Foundation
import LobbyCore
import LobbyStore

/// Where the event log is: `--database`, or `[paths] database` of the configuration.
struct DatabaseOption: ParsableArguments {
    @OptionGroup var configuration: ConfigurationOption

    @Option(help: Messages.Help.database.argument)
    var database: String?

    /// Fails, saying so, when there is no file at `path`: opening it would make a new, empty log.
    static func requireLog(at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            Console.error("lobbyctl: \(Messages.Console.noLog(path))")
            throw ExitCode(ExitStatus.failure)
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            Console.error("lobbyctl: \(Messages.Console.logNotReadable(path))")
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
            return (try EventLog.reading(path), configuration.timeZone)
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
        commandName: "events", abstract: Messages.Help.events.description)

    @OptionGroup var source: DatabaseOption

    @Option(help: Messages.Help.since.argument)
    var since: String?

    @Option(help: Messages.Help.until.argument)
    var until: String?

    @Option(help: Messages.Help.kind.argument, completion: .list(EventKind.allCases.map(\.rawValue)))
    var kind: [String] = []

    @Option(help: Messages.Help.limit.argument)
    var limit = 100

    @Option(help: Messages.Help.offset.argument)
    var offset = 0

    @Flag(help: Messages.Help.jsonLine.argument)
    var json = false

    func run() throws {
        if let unknown = kind.first(where: { EventKind(rawValue: $0) == nil }) {
            Console.error(
                "lobbyctl events: \(Messages.Console.unknownKind(unknown, EventKind.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
            throw ExitCode(ExitStatus.usage)
        }
        // The log file is lobbyd's and root's (a reader of it could stall lobbyd's writes); an
        // operator, who may not read it, gets the events from the running lobbyd instead.
        let configuration = try source.configuration.load()
        let path = source.database ?? configuration.paths.database
        if source.database == nil, FileManager.default.fileExists(atPath: path),
            !FileManager.default.isReadableFile(atPath: path)
        {
            return try fromDaemon(configuration)
        }
        let (log, zone) = try source.open()
        let from = try since.map { try parseInstant($0, option: "--since", in: zone) }
        let to = try until.map { try parseInstant($0, option: "--until", in: zone) }
        let events = try log.events(since: from, until: to, kinds: kind, limit: limit, offset: offset)
        for event in events {
            print(json ? Self.jsonLine(event) : Self.humanLine(event, zone: zone))
        }
    }

    /// The events as lobbyd answers `events` on its control socket (the last 24 hours unless
    /// `--since`), for a user who may talk to lobbyd but not read its files.
    private func fromDaemon(_ configuration: Configuration) throws {
        let zone = configuration.timeZone
        let from = try since.map { try parseInstant($0, option: "--since", in: zone) }
        let to = try until.map { try parseInstant($0, option: "--until", in: zone) }
        Console.error("lobbyctl: \(Messages.Console.eventsViaDaemon(since: since == nil))")
        // `validate` admitted known kinds only.
        let request = ControlRequest.events(
            kinds: kind.compactMap(EventKind.init(rawValue:)), since: from, limit: min(10_000, max(1, limit + offset)))
        let control = try ControlOptions.parse(["--socket", configuration.paths.controlSocket])
        guard let reply = try control.ask(request, as: EventsReply.self) else { return }
        let events = reply.events.filter { record in
            to.map { end in EventTime.parse(record.ts).map { $0 < end } ?? true } ?? true
        }.dropFirst(offset).prefix(limit)
        for record in events {
            if json {
                print(String(decoding: ControlCoding.line(record).dropLast(), as: UTF8.self))
            } else {
                let time = EventTime.parse(record.ts).map(zone.iso8601) ?? record.ts
                print(
                    Self.humanLine(time: time, kind: record.kind, actor: record.actor, record.detail["message"] ?? ""))
            }
        }
    }

    static func humanLine(_ event: StoredEvent, zone: TimeZone) -> String {
        humanLine(
            time: event.date.map(zone.iso8601) ?? event.ts, kind: event.kind, actor: event.actor,
            event.details["message"] ?? event.detail)
    }

    /// `2026-11-25T08:20:00+08:00  screen_on          schedule   工作日开放时段 08:20-12:00`.
    static func humanLine(time: String, kind: String, actor: String, _ message: String) -> String {
        "\(time)  \(kind.padding(toLength: max(19, kind.count), withPad: " ", startingAt: 0)) "
            + "\(actor.padding(toLength: 10, withPad: " ", startingAt: 0)) \(Console.visible(message))"
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
        abstract: Messages.Help.verifyLog.description)

    @OptionGroup var source: DatabaseOption

    @Option(help: Messages.Help.anchors.argument)
    var anchors: String?

    @Flag(help: Messages.Help.jsonResult.argument)
    var json = false

    func run() throws {
        let (log, _) = try source.open()
        let anchorFile = anchors.map { AnchorFile(path: $0) } ?? AnchorFile(log: log.path)
        // The anchors are read and checked on a second core while the chain is checked here: a
        // year's log has a million rows and about as many anchors.
        let anchorSide = BackgroundWork { () throws(LobbyStoreError) in
            let (anchors, unreadable) = try anchorFile.read()
            let check = Result { () throws(LobbyStoreError) in try log.verify(against: anchors, file: anchorFile) }
            return (count: anchors.count, unreadable: unreadable, check: check)
        }
        let chain = Result { () throws(LobbyStoreError) in try log.verify() }
        let (anchorCount, unreadable, anchorCheck) = try anchorSide.value()
        let check: EventLog.AnchorCheck
        let verification: EventLog.Verification
        do {
            check = try anchorCheck.get()
            verification = try chain.get()
        } catch {
            Console.error(Messages.Console.damaged(log.path, "\(error)").description)
            throw ExitCode(ExitStatus.invalidInput)
        }
        let anchorWords =
            anchorCount == 0 && !FileManager.default.fileExists(atPath: anchorFile.path)
            ? Messages.Console.noAnchors(anchorFile.path).description
            : Messages.Console.anchorsChecked(check.checked, unreadable: unreadable).description
        switch verification {
        case .intact(let rows) where check.problems.isEmpty:
            print(
                json
                    ? JSONLine.text([
                        "database": log.path, "intact": true, "rows": rows, "anchors": check.checked,
                    ])
                    : Messages.Console.intact(log.path, rows: rows, anchors: anchorWords).description)
        case .intact(let rows):
            if json {
                print(
                    JSONLine.text([
                        "database": log.path, "intact": false, "rows": rows, "anchors": check.checked,
                        "problems": check.problems,
                    ]))
            }
            Console.error(Messages.Console.contradictsAnchors(log.path, rows: rows, anchors: anchorWords).description)
            Self.list(check.problems)
            throw ExitCode(ExitStatus.invalidInput)
        case .broken(let row, let reason):
            if json { print(JSONLine.text(["database": log.path, "intact": false, "row": row, "reason": reason])) }
            let words = Messages.Store.breakReason(
                reason, notFollowing: EventLog.Verification.notFollowing, edited: EventLog.Verification.edited)
            Console.error(Messages.Console.broken(log.path, row: row, words.description).description)
            Self.list(check.problems)
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// The first problems, one a line; a chain rewritten from an early row would otherwise print
    /// one line for each of thousands of anchors. `--json` has them all.
    static func list(_ problems: [String], limit: Int = 20) {
        for problem in problems.prefix(limit) { Console.error("  \(problem)") }
        if problems.count > limit { Console.error("  \(Messages.Console.moreProblems(problems.count - limit))") }
    }
}
