import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender
import LobbyStore
import Logging
import NIOPosix
import ServiceLifecycle

/// Every error the daemon's start-up can report, each saying what to fix.
public enum LobbyDaemonError: Error, CustomStringConvertible {
    case alreadyRunning(lockFile: String)
    case cannotStart(String)

    public var description: String {
        switch self {
        case .alreadyRunning(let lockFile):
            "another lobbyd is running for this state directory (lock \(lockFile) is held)"
        case .cannotStart(let reason): reason
        }
    }
}

/// lobbyd: the services wired together and run until SIGTERM or SIGINT.
public enum Daemon {
    /// Runs until SIGTERM or SIGINT. `configurationPath` is re-read on SIGHUP and `reload`.
    public static func run(configuration: Configuration, configurationPath: String, clock: WallClock) async throws {
        let logger = Logger(label: "lobbyd")
        let stateDirectory = URL(fileURLWithPath: configuration.paths.database).deletingLastPathComponent().path
        let lock = try InstanceLock(directory: stateDirectory)
        defer { lock.release() }
        let state = try DaemonState.open(configuration, stateDirectory: stateDirectory, clock: clock)
        let recorder = state.recorder
        let link = makeLink(configuration, controller: state.controller, recorder: recorder, clock: clock)
        let notifier = SystemdNotifier()
        let spool = SpoolService(
            makeWatcher: { try makeSpoolWatcher(configuration, clock: clock, recorder: recorder) },
            makeValidator: { try makeValidator($0) }, settings: state.settings, board: state.playlists, logger: logger)
        let player = makePlayer(configuration, state: state, link: link, clock: clock, notifier: notifier)
        if clock.isShifted {
            logger.warning(
                "TESTING ONLY: the wall clock is shifted and now reads \(configuration.timeZone.iso8601(clock.now()))")
        }
        recorder.checkAnchors(at: clock.now())
        if let problem = state.fallbackProblem {
            recorder.record(
                .playlistRejected,
                "the standing notice \(configuration.content.fallbackPlaylist ?? "") does not pass; lobbyd runs without it: \(problem)",
                detail: ["file": configuration.content.fallbackPlaylist ?? ""], at: clock.now(), level: .critical)
        }
        recorder.record(
            .daemonStart,
            "lobbyd \(Release.version), sign on \(configuration.serial.device), spool \(configuration.paths.spool)",
            detail: ["release": Release.version], at: clock.now())
        let reload: @Sendable () throws -> String = { try Self.reload(path: configurationPath, into: state.settings) }
        let center = ControlCenter(
            settings: state.settings, playlists: state.playlists, player: state.player, steering: state.steering,
            link: link, recorder: recorder, clock: clock, reload: reload)
        let control = try await bindControl(configuration, center: center)
        defer { unlink(configuration.paths.controlSocket) }
        // Shutdown runs in reverse: the control server stops first, the link last (blanking
        // the sign first if so configured).
        var services: [any Service] = [
            LinkService(driver: link, onStop: configuration.panel.onStop), spool, player, control,
            ReloadOnHangup(reload: reload, recorder: recorder, clock: clock),
        ]
        if let textfile = configuration.metrics.textfile {
            services.append(
                MetricsService(
                    path: textfile, interval: .seconds(configuration.metrics.intervalSeconds), center: center,
                    metrics: DaemonMetrics()))
        }
        try await ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
        notifier.notify("STOPPING=1")
        recorder.record(.daemonStop, "stopped", at: clock.now())
        recorder.anchor(.stop, at: clock.now())
        recorder.reportUnwritten()
    }

    /// The player, deciding from the state's boards what the link shows.
    static func makePlayer(
        _ configuration: Configuration, state: DaemonState, link: LinkDriver, clock: WallClock,
        notifier: SystemdNotifier
    ) -> PlayerService {
        PlayerService(
            settings: state.settings, board: state.playlists, steering: state.steering, view: state.player, link: link,
            clock: clock, retentionDays: configuration.retentionDays, fallback: state.fallback,
            makePlayer: {
                Player(
                    renderer: try TextRenderer(configuration: configuration),
                    maximumPages: configuration.controller.pictureSlots)
            },
            notifier: notifier, recorder: state.recorder)
    }

    /// The link to the sign; its reports become events. `open` is the soak test's way in.
    static func makeLink(
        _ configuration: Configuration, controller: any Controller, recorder: EventRecorder, clock: WallClock,
        open: @escaping @Sendable (String, Configuration.Serial) throws(LinkError) -> any Transport = TransportFactory
            .open
    ) -> LinkDriver {
        let device = configuration.serial.device
        // Beside the event log: what the sign holds, so that a restart adopts it (`SignLedger`).
        let ledger = URL(fileURLWithPath: configuration.paths.database).deletingLastPathComponent()
            .appendingPathComponent("sign.json").path
        return LinkDriver(
            path: device, serial: configuration.serial, controller: controller, zone: configuration.timeZone,
            ledgerPath: ledger, clocks: clock.clocks, open: open
        ) { report in
            switch report {
            case .up:
                recorder.record(.linkUp, device, detail: ["device": device], at: clock.now())
            case .down(let cause):
                recorder.record(.linkDown, cause, detail: ["cause": cause], at: clock.now(), level: .warning)
            case .synced(let bytes):
                Logger(label: "lobbyd").info("sign updated: \(bytes) bytes sent")
            case .signReset:
                recorder.record(
                    .signReset, "the sign lost power or was reset; its content is being uploaded again",
                    detail: ["device": device], at: clock.now(), level: .warning)
            case .signRefused(let problems):
                recorder.record(
                    .signRefused, "the sign reports problems with the upload: \(problems)",
                    detail: ["device": device, "problems": problems],
                    at: clock.now(), level: .warning)
            case .signRestored:
                recorder.record(
                    .signRestored, "the sign shows all its content again", detail: ["device": device],
                    at: clock.now())
            case .clockSet(let hour, let minute):
                let time = String(format: "%02d:%02d", hour, minute)
                recorder.record(
                    .signClockSet, "the sign's clock was off; set to \(time)",
                    detail: ["device": device, "time": time],
                    at: clock.now())
            }
        }
    }

    /// The control socket, bound before anyone hears READY=1.
    static func bindControl(_ configuration: Configuration, center: ControlCenter) async throws -> ControlServer {
        do {
            return try await ControlServer.bind(
                path: configuration.paths.controlSocket, control: configuration.control, center: center,
                group: MultiThreadedEventLoopGroup.singleton)
        } catch let error as LobbyDaemonError {
            throw error
        } catch {
            throw LobbyDaemonError.cannotStart("control socket \(configuration.paths.controlSocket): \(error)")
        }
    }

    /// Re-reads the configuration, calendars and trusted keys. Nothing changes unless all of it
    /// is valid; sections that only a restart can apply are kept and named.
    static func reload(path: String, into settings: LiveSettings) throws -> String {
        let old = settings.snapshot.configuration
        let new: Configuration
        let calendar: WorkdayCalendar
        do {
            new = try Configuration.load(path: path)
            calendar = try WorkdayCalendar.load(directories: new.calendar.directories)
            // A trusted-keys directory gone or emptied by mistake would take every playlist off
            // the screen: refused, like a start with it would be warned about.
            guard try !makeValidator(new).trust.keys.isEmpty else {
                throw LobbyDaemonError.cannotStart(
                    "no trusted publisher key in \(new.paths.trustedKeys) (missing or empty): every playlist would leave the screen"
                )
            }
        } catch {
            throw LobbyDaemonError.cannotStart("reload refused, the running configuration is kept:\n\(error)")
        }
        var applied = old
        applied.timeZone = new.timeZone
        applied.windows = new.windows
        applied.calendar = new.calendar
        applied.content = new.content
        applied.content.fallbackPlaylist = old.content.fallbackPlaylist
        applied.retentionDays = new.retentionDays
        settings.replace(configuration: applied, schedule: Schedule(configuration: applied, calendar: calendar))
        let restart = LiveSettings.needingRestart(from: old, to: new)
        return "configuration reloaded from \(path): windows, calendars, time zone, content rules and trusted keys"
            + (restart.isEmpty ? "" : "; restart lobbyd to apply \(restart.joined(separator: ", "))")
    }

    /// The daemon's playlist validator: configured rules, trusted keys, the configured font.
    static func makeValidator(_ configuration: Configuration) throws -> PlaylistValidator {
        PlaylistValidator(
            configuration: configuration, trust: try TrustStore.load(directory: configuration.paths.trustedKeys),
            fitting: try TextRenderer(configuration: configuration))
    }

    /// The standing-notice playlist, checked like any playlist. One that no longer passes (its
    /// key revoked, it expired) does not stop the start, which under `Restart=always` would loop
    /// with the sign showing whatever it last had: the hall runs without a standing notice and
    /// the reasons are returned for the journal and the event log.
    static func loadFallback(_ configuration: Configuration, now: Date) -> (store: PlaylistStore, problem: String?) {
        var store = PlaylistStore()
        guard let path = configuration.content.fallbackPlaylist else { return (store, nil) }
        do {
            let file = try PlaylistFile.read(path, limit: configuration.content.maxFileBytes)
            switch try makeValidator(configuration).validate(file, now: now, signedOnly: true) {
            case .accepted(let playlist, _):
                store.add(playlist, acceptedAt: now)
                return (store, nil)
            case .rejected(let problems):
                return (
                    store,
                    RejectionReport.text(
                        file: path, problems: problems, rejectedAt: configuration.timeZone.iso8601(now))
                )
            }
        } catch {
            return (store, "fallback playlist \(path): \(error)")
        }
    }

    static func makeSpoolWatcher(_ configuration: Configuration, clock: WallClock, recorder: EventRecorder) throws
        -> SpoolWatcher
    {
        let validator = try makeValidator(configuration)
        if validator.trust.keys.isEmpty {
            Logger(label: "lobbyd").warning(
                "no trusted publisher keys in \(configuration.paths.trustedKeys): every playlist will be rejected")
        }
        return try SpoolWatcher(
            archive: SpoolArchive(spool: configuration.paths.spool), validator: validator, now: clock.now,
            monotonic: clock.monotonic
        ) { event in
            let now = clock.now()
            switch event {
            case .accepted(let id, let version, let publisher, let path, let record):
                // Durable or not at all: no playlist goes on the screen without its record.
                do {
                    try recorder.recordDurably(
                        .playlistAccepted, "\(id) version \(version) from \(publisher) → \(path)",
                        detail: record.detail.merging(["path": path]) { $1 }, actor: "daemon", at: now)
                } catch {
                    return false
                }
            case .rejected(let file, let reason, let problems, let summary):
                recorder.record(
                    .playlistRejected, "\(file), \(problems) problem(s), see \(reason)",
                    detail: ["file": file, "reason_file": reason, "problems": "\(problems)", "summary": summary],
                    at: now,
                    level: .warning)
            case .duplicate(let id, let version, let path):
                recorder.record(
                    .playlistDuplicate, "\(id) version \(version) again, archived as \(path)",
                    detail: ["id": id, "version": "\(version)", "path": path], at: now)
            case .withdrawn(let file, let problems):
                recorder.record(
                    .playlistWithdrawn,
                    "\(file) is off the screen: \(problems) problem(s) now (a revoked or untrusted key, changed rules); see the journal",
                    detail: ["file": file, "problems": "\(problems)"], at: now, level: .warning)
            }
            return true
        }
    }
}
