import Foundation
import LobbyCore
import LobbyProtocol
import LobbyStore

/// What the daemon opens before its services start: the calendar and schedule, the controller
/// driver, the standing notice, the event log and the operators' steering, and the boards the
/// services share. Any failure stops the start with the reason.
struct DaemonState {
    let controller: any Controller
    let fallback: PlaylistStore
    /// Why the configured standing notice is not used, when it does not pass.
    let fallbackProblem: String?
    let recorder: EventRecorder
    let steering: SteeringBoard
    let settings: LiveSettings
    let playlists = PlaylistBoard()
    let player = PlayerBoard()

    static func open(_ configuration: Configuration, stateDirectory: String, clock: WallClock) throws -> DaemonState {
        do {
            let calendar = try WorkdayCalendar.load(directories: configuration.calendar.directories)
            let controller = try ControllerFactory.make(configuration)
            let (fallback, fallbackProblem) = Daemon.loadFallback(configuration, now: clock.now())
            // A damaged log stops the start; one that cannot be written (disk full) does not.
            let recorder = try EventRecorder(path: configuration.paths.database, now: clock.now())
            return DaemonState(
                controller: controller, fallback: fallback, fallbackProblem: fallbackProblem, recorder: recorder,
                steering: try SteeringBoard(path: "\(stateDirectory)/steering.json"),
                settings: LiveSettings(
                    configuration: configuration, schedule: Schedule(configuration: configuration, calendar: calendar)))
        } catch let error as LobbyDaemonError {
            throw error
        } catch {
            throw LobbyDaemonError.cannotStart("\(error)")
        }
    }
}
