import ArgumentParser
import Foundation
import LobbyCore

/// `--config FILE`: the daemon's configuration, or the built-in defaults (with a note) when the
/// default file does not exist, as on a content-office PC.
struct ConfigurationOption: ParsableArguments {
    @Option(help: Messages.Help.config.argument)
    var config: String?

    /// The configuration, or exit 2 naming what is wrong with it.
    func load() throws -> Configuration {
        if config?.isEmpty == true {
            Console.error("lobbyctl: \(Messages.Console.configNeedsPath)")
            throw ExitCode(ExitStatus.usage)
        }
        do {
            if let config { return try Configuration.load(path: config) }
            let path = Release.defaultConfigurationPath
            guard FileManager.default.fileExists(atPath: path) else {
                Console.error("lobbyctl: \(Messages.Console.noConfiguration(path))")
                return Configuration()
            }
            return try Configuration.load(path: path)
        } catch {
            Console.error("\(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}

/// Options shared by the commands that need the hall's schedule: the configuration and,
/// optionally, calendar directories to use instead of the configured ones.
struct ScheduleSource: ParsableArguments {
    @OptionGroup var configuration: ConfigurationOption

    @Option(
        name: .customLong("calendar-dir"),
        help: Messages.Help.calendarDir.argument)
    var calendarDirectories: [String] = []

    /// Loads configuration and calendar, or reports why not (exit 2).
    func load() throws -> Schedule {
        let configuration = try configuration.load()
        let directories = calendarDirectories.isEmpty ? configuration.calendar.directories : calendarDirectories
        do {
            let calendar = try WorkdayCalendar.load(directories: directories)
            return Schedule(configuration: configuration, calendar: calendar)
        } catch {
            Console.error("\(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}

/// Parses `--from`/`--to` values in the schedule's zone, or exits 64 naming the option.
func parseInstant(_ text: String, option: String, in zone: TimeZone) throws -> Date {
    guard let instant = zone.parseInstant(text) else {
        Console.error("lobbyctl: \(Messages.Console.expectedInstant(option, text))")
        throw ExitCode(ExitStatus.usage)
    }
    return instant
}
