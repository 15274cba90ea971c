import ArgumentParser
import Foundation
import LobbyCore

/// `lobbyctl calendar --from DATE --to DATE`: one line per day, workday or off-day and why.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: Messages.Help.calendar.description)

    @OptionGroup var source: ScheduleSource

    @Option(help: Messages.Help.firstDay.argument)
    var from: String

    @Option(help: Messages.Help.lastDay.argument)
    var to: String

    @Flag(help: Messages.Help.jsonDay.argument)
    var json = false

    func run() throws {
        guard let first = LocalDate(parsing: from) ?? LocalDate(chinese: from),
            let last = LocalDate(parsing: to) ?? LocalDate(chinese: to), first <= last
        else {
            Console.error("lobbyctl calendar: \(Messages.Console.calendarRange(from, to))")
            throw ExitCode(ExitStatus.usage)
        }
        let calendar = try source.load().calendar
        var uncovered: Set<Int> = []
        for dayNumber in first.dayNumber...last.dayNumber {
            let day = calendar.day(LocalDate(dayNumber: dayNumber))
            if !day.isCovered { uncovered.insert(day.date.year) }
            print(
                json
                    ? JSONLine.text([
                        "date": "\(day.date)", "workday": day.isWorkday, "reason": "\(day.reason)",
                        "covered": day.isCovered,
                    ]) : day.line)
        }
        for year in uncovered.sorted() {
            Console.error("lobbyctl: \(Messages.Console.calendarMissing(year))")
        }
    }
}
