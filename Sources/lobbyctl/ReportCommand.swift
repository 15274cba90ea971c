import ArgumentParser
import Foundation
import LobbyCore
import LobbyStore

/// `lobbyctl report --month YYYY-MM`: the monthly compliance report from the event log.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: Messages.Help.report.description)

    @OptionGroup var source: ScheduleSource

    @Option(help: Messages.Help.database.argument)
    var database: String?

    @Option(help: Messages.Help.month.argument, completion: .list(["本月", "上月", "this", "last"]))
    var month: String

    @Option(help: Messages.Help.format.argument, completion: .list(["md", "csv", "html", "all"]))
    var format = "md"

    @Option(help: Messages.Help.out.argument)
    var out: String?

    @Option(help: Messages.Help.outDir.argument)
    var outDir: String?

    func validate() throws {
        if out != nil && outDir != nil { throw ValidationError(Messages.Console.outOrOutDir.description) }
        if format == "all" && outDir == nil { throw ValidationError(Messages.Console.allNeedsOutDir.description) }
    }

    func run() throws {
        if let out { try OutputPlace.requireParent(of: out) }
        if let outDir { try OutputPlace.requireDirectory(outDir) }
        let configuration = try source.configuration.load()
        let now = Date()
        let today = configuration.timeZone.localTime(of: now).date
        guard let (year, month) = MonthlyReport.month(self.month, today: today) else {
            Console.error("lobbyctl report: \(Messages.Console.badMonth(self.month))")
            throw ExitCode(ExitStatus.usage)
        }
        guard (year, month) <= (today.year, today.month) else {
            Console.error("lobbyctl report: \(Messages.Console.futureMonth(self.month, today: "\(today)"))")
            throw ExitCode(ExitStatus.usage)
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
        guard header == Array("SQLite format 3\u{0}".utf8) else {  // lint: not for people (a file signature)
            Console.error("lobbyctl report: \(Messages.Console.notALog(path))")
            throw ExitCode(ExitStatus.failure)
        }
        let name = String(format: "%04d-%02d", year, month)
        // In the language chosen for this run (`--lang`, the locale, then `[site] language`).
        var site = configuration.site
        site.language = Language.current
        var intact = true
        try run(Messages.Console.reporting) {
            let report = try EventLog.reading(path).monthlyReport(
                year: year, month: month, schedule: schedule, now: now)
            for format in formats {
                let text = report.render(format, site: site)
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
            Console.error("lobbyctl report: \(Messages.Console.reportUnverified)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
