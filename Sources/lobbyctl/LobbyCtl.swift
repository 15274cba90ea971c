import ArgumentParser
import LobbyCore

/// `lobbyctl`: the operator's and content office's tool. Subcommands stay thin and call the
/// libraries; see the README for exit statuses.
@main
struct LobbyCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lobbyctl",
        abstract: "Query and steer lobbyd, and prepare content for the hall screen.",
        version: "lobbyctl \(Release.version)",
        subcommands: [
            StatusCommand.self, WatchCommand.self, PlaylistsCommand.self, OverrideCommand.self,
            MaintenanceCommand.self, DailyCheckCommand.self, TestPatternCommand.self, ReloadCommand.self,
            ValidateConfig.self, CalendarCommand.self, ScheduleCommand.self, RenderCommand.self, PreviewCommand.self,
            PlanCommand.self, PortsCommand.self, EventsCommand.self, VerifyLogCommand.self, ReportCommand.self,
            KeygenCommand.self,
            SignCommand.self, VerifyCommand.self,
            SubmitCommand.self,
        ])
}
