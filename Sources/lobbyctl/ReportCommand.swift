import ArgumentParser
import Foundation
import LobbyCore
import LobbyStore

/// `lobbyctl report --month YYYY-MM`: the monthly compliance report from the event log.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Monthly report: minutes required and lit per day, outages, maintenance, overrides, daily checks.")

    @OptionGroup var source: ScheduleSource

    @Option(help: "The event log (default: [paths] database).")
    var database: String?

    @Option(help: "The month, YYYY-MM.")
    var month: String

    @Option(help: "md, csv or html.")
    var format = "md"

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let fields = month.split(separator: "-").compactMap { Int($0) }
        guard fields.count == 2, month.count == 7, (1...12).contains(fields[1]) else {
            Console.error("lobbyctl report: --month \(month): expected YYYY-MM")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let chosen: MonthlyReport.Format = try choice(format, "--format", MonthlyReport.Format.allCases)
        let schedule = try source.load()
        let path = try database ?? source.configuration.load().paths.database
        try run("reporting") {
            let report = try EventLog(path: path).monthlyReport(year: fields[0], month: fields[1], schedule: schedule)
            let text = report.render(chosen)
            if let out {
                try AtomicFile.write(Array(text.utf8), to: out)
                print(out)
            } else {
                print(text, terminator: "")
            }
        }
    }
}
