import ArgumentParser
import Foundation
import LobbyCore

/// `lobbyctl schedule --from DATETIME --to DATETIME`: every on/off transition in the range.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: Messages.Help.schedule.description)

    @OptionGroup var source: ScheduleSource

    @Option(help: Messages.Help.from.argument)
    var from: String

    @Option(help: Messages.Help.to.argument)
    var to: String

    @Flag(help: Messages.Help.jsonTransition.argument)
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
                    : "\(at)\t\(Messages.Console.transition(on: transition.state.isOn))\t\(transition.state.reason)")
        }
    }
}
