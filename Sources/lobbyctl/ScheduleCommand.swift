import ArgumentParser
import Foundation
import LobbyCore

/// `lobbyctl schedule --from DATETIME --to DATETIME`: every on/off transition in the range.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Print every on/off transition: ISO-8601-TIME<TAB>on|off<TAB>why.")

    @OptionGroup var source: ScheduleSource

    @Option(help: "Start, e.g. 2026-10-09 or 2026-10-09T08:00 (hall time unless an offset is given).")
    var from: String

    @Option(help: "End (excluded), same forms as --from.")
    var to: String

    @Flag(help: "One JSON object per transition: at, on, reason.")
    var json = false

    func run() throws {
        let schedule = try source.load()
        let start = try parseInstant(from, option: "--from", in: schedule.timeZone)
        let end = try parseInstant(to, option: "--to", in: schedule.timeZone)
        for transition in schedule.transitions(from: start, to: end) {
            let at = schedule.timeZone.iso8601(transition.at)
            print(
                json
                    ? JSONLine.text(["at": at, "on": transition.state.isOn, "reason": "\(transition.state.reason)"])
                    : "\(at)\t\(transition.state)")
        }
    }
}
