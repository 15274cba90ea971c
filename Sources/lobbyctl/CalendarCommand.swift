import ArgumentParser
import Foundation
import LobbyCore

/// `lobbyctl calendar --from DATE --to DATE`: one line per day, workday or off-day and why.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Print each day's kind: DATE<TAB>workday|offday<TAB>weekday|weekend|holiday:NAME|makeup:NAME.")

    @OptionGroup var source: ScheduleSource

    @Option(help: "First day, YYYY-MM-DD.")
    var from: String

    @Option(help: "Last day (included), YYYY-MM-DD.")
    var to: String

    @Flag(help: "One JSON object per day: date, workday, reason, covered.")
    var json = false

    func run() throws {
        guard let first = LocalDate(parsing: from), let last = LocalDate(parsing: to), first <= last else {
            Console.error("lobbyctl calendar: --from \(from) --to \(to): expected two dates YYYY-MM-DD, from <= to")
            throw ExitCode(ExitStatus.invalidInput)
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
                    ]) : "\(day)")
        }
        for year in uncovered.sorted() {
            Console.error(
                "lobbyctl: no statutory calendar for \(year); assumed Monday–Friday workdays. "
                    + "Add cn-\(year).toml to /etc/lobbyd/calendar.d when the State Council publishes it.")
        }
    }
}
