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

    @Option(help: "The month, YYYY-MM, or \"last\" for the month before this one (hall time).")
    var month: String

    @Option(help: "md, csv or html.")
    var format = "md"

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "Write lobbyd-report-YYYY-MM.FORMAT into this directory (for the monthly timer).")
    var outDir: String?

    func validate() throws {
        if out != nil && outDir != nil { throw ValidationError("give --out or --out-dir, not both") }
    }

    func run() throws {
        let configuration = try source.configuration.load()
        var month = self.month
        if month == "last" {
            let today = configuration.timeZone.localTime(of: Date()).date
            let previous = today.month == 1 ? (today.year - 1, 12) : (today.year, today.month - 1)
            month = "\(previous.0)-\(previous.1 < 10 ? "0" : "")\(previous.1)"
        }
        let fields = month.split(separator: "-").compactMap { Int($0) }
        guard fields.count == 2, month.count == 7, (1...12).contains(fields[1]) else {
            Console.error("lobbyctl report: --month \(month): expected YYYY-MM")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let chosen: MonthlyReport.Format = try choice(format, "--format", MonthlyReport.Format.allCases)
        let schedule = try source.load()
        let path = database ?? configuration.paths.database
        let out = outDir.map { "\($0)/lobbyd-report-\(month).\(chosen.rawValue)" } ?? self.out
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
