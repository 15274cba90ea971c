import ArgumentParser
import Foundation
import LobbyCore

/// `lobbyctl`: the operator's and content office's tool. Subcommands stay thin and call the
/// libraries; see the README for exit statuses.
@main
struct LobbyCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lobbyctl",
        abstract: Messages.Help.lobbyctl.description,
        version: "lobbyctl \(Release.version)",
        subcommands: [
            StatusCommand.self, WatchCommand.self, PlaylistsCommand.self, OverrideCommand.self,
            MaintenanceCommand.self, EmergencyCommand.self, DailyCheckCommand.self, TestPatternCommand.self,
            ReloadCommand.self,
            ValidateConfig.self, CalendarCommand.self, ScheduleCommand.self, RenderCommand.self, PreviewCommand.self,
            PlanCommand.self, PortsCommand.self, ProbeCommand.self, EventsCommand.self, VerifyLogCommand.self,
            ReportCommand.self,
            KeygenCommand.self, KeysCommand.self,
            ApproveCommand.self, SignCommand.self, VerifyCommand.self,
            SubmitCommand.self,
        ])

    /// Chooses the language before anything is said (`--lang`, the locale, `[site] language`),
    /// then runs the subcommand with `--lang` taken out of the arguments.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let flag: Language?
        do {
            flag = try LanguageOption.extract(from: &arguments)
        } catch {
            Console.error("lobbyctl: \(error)")
            Glibc.exit(ExitStatus.usage)
        }
        let environment = ProcessInfo.processInfo.environment
        Language.current = Language.chosen(
            flag: flag, environment: environment, site: LanguageOption.siteLanguage(arguments))
        LanguageOption.isExplicit = flag != nil || Language.named(by: environment) != nil
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // As argument-parser's own `exit(withError:)`, with its phrases in our language.
            let code = exitCode(for: error)
            let message = Messages.ArgumentParser.words(fullMessage(for: error), in: .current)
            if !message.isEmpty {
                if code == .success { print(message) } else { Console.error(message) }
            }
            Glibc.exit(code.rawValue)
        }
    }
}
