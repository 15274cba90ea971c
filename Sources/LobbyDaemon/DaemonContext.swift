import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyStore

/// What the daemon's parts share, opened once before the services start: the clocks, the
/// controller driver and the link, the event log, the operators' steering, the live settings and
/// the boards (the accepted playlists and the standing notice, the player's state). The player
/// and the control center each take this one value. Any failure stops the start with the reason.
struct DaemonContext: Sendable {
    /// As lobbyd started; `settings` holds what a reload changed since.
    let configuration: Configuration
    let clock: DaemonClock
    let notifier: SystemdNotifier
    let controller: any Controller
    let link: LinkDriver
    /// Why the configured standing notice is not used, when it does not pass at start.
    let fallbackProblem: String?
    let recorder: EventRecorder
    let steering: SteeringBoard
    let settings: LiveSettings
    let playlists = PlaylistBoard()
    let player = PlayerBoard()

    /// `openPort` is the soak test's way in (a simulated sign in virtual time).
    static func open(
        _ configuration: Configuration, stateDirectory: String, clock: DaemonClock,
        notifier: SystemdNotifier = SystemdNotifier(),
        openPort: @escaping @Sendable (String, Configuration.Serial) throws(LinkError) -> any Transport =
            TransportFactory.open
    ) throws -> DaemonContext {
        do {
            let calendar = try WorkdayCalendar.load(directories: configuration.calendar.directories)
            let controller = try ControllerFactory.make(configuration)
            let (fallback, fallbackProblem) = Daemon.loadFallback(configuration, now: clock.now())
            // A damaged log stops the start; one that cannot be written (disk full) does not.
            let recorder = try EventRecorder(path: configuration.paths.database, now: clock.now())
            let context = DaemonContext(
                configuration: configuration, clock: clock, notifier: notifier, controller: controller,
                link: Daemon.makeLink(
                    configuration, controller: controller, recorder: recorder, clock: clock, open: openPort),
                fallbackProblem: fallbackProblem, recorder: recorder,
                steering: try SteeringBoard(path: "\(stateDirectory)/steering.json"),
                settings: LiveSettings(
                    configuration: configuration, schedule: Schedule(configuration: configuration, calendar: calendar)))
            context.playlists.publish(fallback: fallback)
            return context
        } catch let error as LobbyDaemonError {
            throw error
        } catch {
            throw LobbyDaemonError.cannotStart("\(error)")
        }
    }
}
