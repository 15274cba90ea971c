import ArgumentParser
import Foundation
import LobbyCore

/// `--config FILE`: the daemon's configuration, or the built-in defaults (with a note) when the
/// default file does not exist, as on a content-office PC.
struct ConfigurationOption: ParsableArguments {
    @Option(help: "Configuration file (default /etc/lobbyd/lobbyd.toml).")
    var config: String?

    /// The configuration, or exit 2 naming what is wrong with it.
    func load() throws -> Configuration {
        if config?.isEmpty == true {
            Console.error("lobbyctl: --config needs a file path")
            throw ExitCode(ExitStatus.usage)
        }
        do {
            if let config { return try Configuration.load(path: config) }
            let path = Release.defaultConfigurationPath
            guard FileManager.default.fileExists(atPath: path) else {
                Console.error("lobbyctl: \(path) not found; using the built-in defaults (see lobbyd.toml.example)")
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
        help: "Read workday calendars from this directory instead of the configured ones (repeatable).")
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

/// Parses `--from`/`--to` values in the schedule's zone, or exits 2 naming the option.
func parseInstant(_ text: String, option: String, in zone: TimeZone) throws -> Date {
    guard let instant = zone.parseInstant(text) else {
        Console.error("lobbyctl: \(option) \(text): expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+08:00]")
        throw ExitCode(ExitStatus.invalidInput)
    }
    return instant
}
