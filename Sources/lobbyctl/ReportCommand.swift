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

    @Option(help: "The month: YYYY-MM, 本月 or \"this\" (so far), 上月 or \"last\" (hall time).")
    var month: String

    @Option(help: "md, csv, html, or all (all three; with --out-dir).")
    var format = "md"

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "Write lobbyd-report-YYYY-MM.FORMAT into this directory (for the monthly timer).")
    var outDir: String?

    func validate() throws {
        if out != nil && outDir != nil { throw ValidationError("give --out or --out-dir, not both") }
        if format == "all" && outDir == nil { throw ValidationError("--format all writes three files: give --out-dir") }
    }

    func run() throws {
        let configuration = try source.configuration.load()
        let now = Date()
        let today = configuration.timeZone.localTime(of: now).date
        guard let (year, month) = MonthlyReport.month(self.month, today: today) else {
            Console.error("lobbyctl report: --month \(self.month): expected YYYY-MM (2026-11), 本月 or 上月")
            throw ExitCode(ExitStatus.invalidInput)
        }
        guard (year, month) <= (today.year, today.month) else {
            Console.error(
                "lobbyctl report: --month \(self.month): that month has not begun (today is \(today), hall time)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let formats: [MonthlyReport.Format] =
            format == "all"
            ? MonthlyReport.Format.allCases : [try choice(format, "--format", MonthlyReport.Format.allCases)]
        let schedule = try source.load()
        let path = database ?? configuration.paths.database
        // A mistyped path must not become a new, empty log and an official-looking report.
        try DatabaseOption.requireLog(at: path)
        // Nor may an empty or foreign file: opening it would make it an empty log.
        let file = FileHandle(forReadingAtPath: path)
        let header = Array((try? file?.read(upToCount: 16)) ?? Data())
        try? file?.close()
        guard header == Array("SQLite format 3\u{0}".utf8) else {
            Console.error("lobbyctl report: \(path): is not an event log (not an SQLite database)")
            throw ExitCode(ExitStatus.failure)
        }
        let name = String(format: "%04d-%02d", year, month)
        var intact = true
        try run("reporting") {
            let report = try EventLog(path: path).monthlyReport(year: year, month: month, schedule: schedule, now: now)
            for format in formats {
                let text = report.render(format, site: configuration.site)
                if let out = outDir.map({ "\($0)/lobbyd-report-\(name).\(format.rawValue)" }) ?? out {
                    try AtomicFile.write(Array(text.utf8), to: out)
                    print(out)
                } else {
                    print(text, terminator: "")
                }
            }
            intact = report.isIntact
        }
        // Written all the same (it says what is wrong), but the run fails so the timer shows it.
        if !intact {
            Console.error(
                "lobbyctl report: the event log does not verify; the report says so in its integrity section. Run lobbyctl verify-log."
            )
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
