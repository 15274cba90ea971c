import ArgumentParser
import Foundation
import LobbyCore

/// `lobbyctl status`: what the screen shows and why, the link, and anything to act on.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: Messages.Help.status.description)

    @OptionGroup var control: ControlOptions

    func run() throws {
        guard let report = try control.ask(.status, as: StatusReport.self) else { return }
        print(StatusText(report: report, style: TerminalStyle.forStandardOutput()).lines.joined(separator: "\n"))
    }
}

/// `lobbyctl watch`: events as they happen, and upload progress, until interrupted.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: Messages.Help.watch.description)

    @OptionGroup var control: ControlOptions

    func run() throws {
        var client = try control.connect()
        // Times in the hall's zone, as lobbyd knows it, not this shell's (often UTC on a server).
        var asked = try control.connect()
        let zone =
            (try? ControlCoding.decode(StatusReport.self, from: try asked.request(.status)))?.timeZone
            .flatMap(TimeZone.init(identifier:)) ?? .current
        _ = try client.request(.watch)
        let style = TerminalStyle.forStandardOutput()
        // On a terminal, an upload in progress is drawn as a bar below the events, from
        // `status` asked twice a second on a second connection.
        var progress = style.colour && !control.json ? try control.connect() : nil
        var barShown = false
        while true {
            guard let received = try client.readLine(timeout: progress == nil ? nil : 0.5) else {
                var status: StatusReport?
                if var connection = progress {
                    status = try ControlCoding.decode(
                        StatusReport.self, from: try connection.request(.status))
                    progress = connection
                }
                if let link = status?.link, link.bytesTotal > 0 {
                    print(
                        "\r\u{1B}[K\(Messages.Console.uploading) "
                            + StatusText.progress(sent: link.bytesSent, total: link.bytesTotal, eta: link.etaSeconds),
                        terminator: "")
                    barShown = true
                } else if barShown {
                    print("\r\u{1B}[K", terminator: "")
                    barShown = false
                }
                fflush(nil)
                continue
            }
            guard let line = received else { break }
            if barShown {
                print("\r\u{1B}[K", terminator: "")
                barShown = false
            }
            if control.json {
                print(String(decoding: line, as: UTF8.self))
            } else if let event = try? ControlCoding.decode(EventRecord.self, from: line) {
                print(EventText.line(event, style: style, zone: zone))
            } else if let error = try? ControlCoding.decode(ErrorReply.self, from: line) {
                Console.error("lobbyctl: \(Messages.Console.daemonSays(error.message))")
                throw ExitCode(ExitStatus.failure)
            }
            fflush(nil)
        }
        progress = nil
        Console.error("lobbyctl: \(Messages.Console.closed)")
        throw ExitCode(ExitStatus.failure)
    }
}

/// `lobbyctl playlists`: active playlists, and the newest rejections with their reasons.
struct PlaylistsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playlists", abstract: Messages.Help.playlists.description)

    @OptionGroup var control: ControlOptions

    func run() throws {
        guard let list = try control.ask(.playlists, as: PlaylistsReply.self) else { return }
        print(Messages.Console.active)
        if list.active.isEmpty { print("  \(Messages.Console.none)") }
        for playlist in list.active {
            let line = Messages.Console.activeLine(
                playlist.id, playlist.version, items: playlist.items, accepted: playlist.accepted, playlist.title)
            print("  \(Console.visible(line.description))")
            if let approvals = playlist.approvals, !approvals.isEmpty {
                print("    \(Console.visible(Messages.Console.approvalLine(approvals).description))")
            }
        }
        let waiting = list.waiting ?? []
        print(Messages.Console.waitingHeader(waiting.count))
        for file in waiting {
            print(
                "  \(Console.visible(file.file))  \(Messages.Console.waiting(file.waitsFor, seconds: file.secondsLeft))"
            )
        }
        print(Messages.Console.acceptedFiles(list.accepted.count))
        print(Messages.Console.rejectedNewest(list.rejected.count))
        for rejected in list.rejected {
            print("  \(Console.visible(rejected.file))")
            for line in rejected.reason.split(separator: "\n").prefix(6) {
                print("      \(Console.visible(String(line)))")
            }
        }
    }
}

/// `lobbyctl override on|off|clear`: force the screen for a while, with a reason.
struct OverrideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override",
        abstract: Messages.Help.override.description,
        discussion: Messages.Help.operatorsReason.description)

    @Argument(help: Messages.Help.onOffClear.argument, completion: .list(["on", "off", "clear"]))
    var state: String

    @Option(help: Messages.Help.overrideUntil.argument)
    var until: String?

    @Option(help: Messages.Help.reason.argument)
    var reason: String

    @OptionGroup var control: ControlOptions

    /// What lobbyd would refuse, refused here as a wrong command line (64).
    func validate() throws {
        try CommandLineValues.oneOf(state, "<state>", ["on", "off", "clear"])
        try CommandLineValues.required(reason, "--reason")
        if state == "clear", until != nil {
            throw ValidationError(Messages.Console.notWith("--until", "clear").description)
        }
    }

    func run() throws {
        var client = try control.connect()
        // `validate` admitted on, off or clear only.
        let wanted = ControlRequest.OverrideState(rawValue: state) ?? .clear
        let end = try until.map { try resolveTime($0, client: &client) }
        try control.change(.override(state: wanted, until: end, reason: reason), over: client)
    }
}

/// `lobbyctl maintenance start|end`.
struct MaintenanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: Messages.Help.maintenance.description,
        discussion: Messages.Help.operatorsNote.description)

    @Argument(help: Messages.Help.startEnd.argument, completion: .list(["start", "end"]))
    var action: String

    @Option(help: Messages.Help.maintenanceNote.argument)
    var note: String?

    @Option(
        help: Messages.Help.maintenancePattern(TestPattern.allCases.map(\.rawValue).joined(separator: ", ")).argument,
        completion: .list(TestPattern.allCases.map(\.rawValue))
    )
    var pattern: String?

    @OptionGroup var control: ControlOptions

    func validate() throws {
        try CommandLineValues.oneOf(action, "<action>", ["start", "end"])
        if action == "start" { try CommandLineValues.required(note ?? "", "--note") }
        if action == "end", pattern != nil {
            throw ValidationError(Messages.Console.notWith("--pattern", "end").description)
        }
        if let pattern { try CommandLineValues.oneOf(pattern, "--pattern", TestPattern.allCases.map(\.rawValue)) }
    }

    func run() throws {
        // `validate` admitted the action and the pattern.
        let pattern = pattern.flatMap(TestPattern.init(rawValue:))
        try control.change(
            action == "start"
                ? .maintenanceStart(note: note ?? "", pattern: pattern) : .maintenanceEnd(note: note ?? ""))
    }
}

/// `lobbyctl daily-check`: the record of the daily upkeep.
struct DailyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daily-check", abstract: Messages.Help.dailyCheck.description)

    @Option(help: Messages.Help.checkNote.argument)
    var note: String

    @OptionGroup var control: ControlOptions

    func validate() throws {
        try CommandLineValues.required(note, "--note")
    }

    func run() throws {
        try control.change(.dailyCheck(note: note))
    }
}

/// `lobbyctl test-pattern PATTERN`: a time-limited picture for a dead-dot check.
struct TestPatternCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-pattern",
        abstract: Messages.Help.testPattern.description)

    @Argument(
        help: Messages.Help.pattern(TestPattern.allCases.map(\.rawValue).joined(separator: ", ")).argument,
        completion: .list(TestPattern.allCases.map(\.rawValue)))
    var pattern: String

    @Option(help: Messages.Help.minutes.argument)
    var minutes = 5

    @OptionGroup var control: ControlOptions

    func validate() throws {
        try CommandLineValues.oneOf(pattern, "<pattern>", TestPattern.allCases.map(\.rawValue))
        guard (1...60).contains(minutes) else {
            throw ValidationError(Messages.Console.outOfRange("--minutes", minutes, 1, 60).description)
        }
    }

    func run() throws {
        // `validate` admitted the pattern.
        try control.change(.testPattern(TestPattern(rawValue: pattern) ?? .allOn, minutes: minutes))
    }
}

/// `lobbyctl reload`: like SIGHUP.
struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: Messages.Help.reload.description)

    @OptionGroup var control: ControlOptions

    func run() throws {
        try control.change(.reload)
    }
}

/// `HH:MM` is today on the daemon's clock (asked over the same connection, so a demo's shifted
/// clock is respected); anything else must carry a date.
private func resolveTime(_ text: String, client: inout ControlClient) throws -> Date {
    let parts = text.split(separator: ":")
    if parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour),
        (0..<60).contains(minute), parts[1].count == 2
    {
        // `now` is 2026-11-25T09:12:00+08:00: keep its date and offset.
        let now = try daemonNow(&client)
        let (date, offset) = (now.prefix(10), now.suffix(6))
        if let time = ControlTime.parse("\(date)T\(parts[0].count == 1 ? "0" : "")\(hour):\(parts[1]):00\(offset)") {
            return time
        }
    }
    if let time = ControlTime.parse(text) { return time }
    // A local time without offset: the daemon's offset from its status.
    let withSeconds = text.count == 16 ? "\(text):00" : text
    guard let time = ControlTime.parse("\(withSeconds)\(try daemonNow(&client).suffix(6))") else {
        Console.error("lobbyctl: \(Messages.Console.expectedUntil(text))")
        throw ExitCode(ExitStatus.usage)
    }
    return time
}

/// The daemon's clock, from its status: `2026-11-25T09:12:00+08:00`.
private func daemonNow(_ client: inout ControlClient) throws -> String {
    try ControlCoding.decode(StatusReport.self, from: try client.request(.status)).now
}

/// Values lobbyd would refuse, checked on the command line: exit 64 naming the option.
enum CommandLineValues {
    static func oneOf(_ value: String, _ option: String, _ allowed: [String]) throws {
        guard allowed.contains(value) else {
            throw ValidationError(
                Messages.Console.expectedOneOf(option, value, allowed.joined(separator: ", ")).description)
        }
    }

    /// Not blank and at most 500 characters, as lobbyd keeps notes and reasons.
    static func required(_ value: String, _ option: String) throws {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ValidationError(Messages.Console.required(option).description) }
        guard text.count <= 500 else { throw ValidationError(Messages.Console.tooLong(option).description) }
    }
}

/// `lobbyctl emergency show FILE` / `lobbyctl emergency clear --reason …` (operators).
struct EmergencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emergency", abstract: Messages.Help.emergency.description,
        discussion: Messages.Help.operatorsReason.description)

    @Argument(help: Messages.Help.showClear.argument, completion: .list(["show", "clear"]))
    var action: String

    @Argument(help: Messages.Help.fileWithSig.argument)
    var file: String?

    @Option(help: Messages.Help.reason.argument)
    var reason: String?

    @OptionGroup var check: PlaylistCheck

    @OptionGroup var control: ControlOptions

    func validate() throws {
        try CommandLineValues.oneOf(action, "<action>", ["show", "clear"])
        if action == "show", file == nil { throw ValidationError(Messages.Console.needsFile.description) }
        if action == "clear" {
            try CommandLineValues.required(reason ?? "", "--reason")
            if file != nil { throw ValidationError(Messages.Console.notWith("FILE", "clear").description) }
        }
    }

    func run() throws {
        guard action == "show", let file else {
            try control.change(.emergencyClear(reason: reason ?? ""))
            return
        }
        // The daemon's checks first, here, at the daemon's time, with their messages; then
        // lobbyd places it.
        var client = try control.connect()
        guard let now = ControlTime.parse(try daemonNow(&client)) else { throw ExitCode(ExitStatus.failure) }
        let (playlist, bytes, sheet) = try check.verify(file, at: now)
        guard playlist.items.contains(where: { $0.priority == .emergency }) else {
            Console.error("lobbyctl emergency: \(Messages.Console.noEmergencyItem(file))")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let request = ControlRequest.emergencyShow(
            name: URL(fileURLWithPath: file).lastPathComponent, playlist: String(decoding: bytes, as: UTF8.self),
            sheet: String(decoding: sheet, as: UTF8.self))
        guard request.line(replyIn: .current).count <= ControlProtocol.maximumLineBytes else {
            Console.error("lobbyctl emergency: \(Messages.Console.tooLargeForSocket(file))")
            throw ExitCode(ExitStatus.invalidInput)
        }
        try control.change(request, over: client)
    }
}
