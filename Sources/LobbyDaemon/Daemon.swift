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
            Messages.Daemon.alreadyRunning(lockFile).description
        case .cannotStart(let reason): reason
        }
    }
}

/// lobbyd: the services wired together and run until SIGTERM or SIGINT.
public enum Daemon {
    /// Runs until SIGTERM or SIGINT. `configurationPath` is re-read on SIGHUP and `reload`.
    public static func run(configuration: Configuration, configurationPath: String, clock: DaemonClock) async throws {
        let logger = Logger(label: "lobbyd")
        let stateDirectory = URL(fileURLWithPath: configuration.paths.database).deletingLastPathComponent().path
        let lock = try InstanceLock(directory: stateDirectory)
        defer { lock.release() }
        let context = try DaemonContext.open(configuration, stateDirectory: stateDirectory, clock: clock)
        let (recorder, link) = (context.recorder, context.link)
        // Whatever ends the run, the queued events are written (or counted as lost) first.
        defer {
            recorder.close()
            recorder.reportUnwritten()
        }
        let spool = SpoolService(
            makeWatcher: { try makeSpoolWatcher(configuration, clock: clock, recorder: recorder) },
            makeValidator: { try makeValidator($0) }, settings: context.settings, board: context.playlists,
            logger: logger,
            recordKeys: { changes in
                for change in changes {
                    recorder.record(
                        change.kind, Messages.Daemon.keyChange(change).description,
                        detail: ["key_id": change.keyID, "holder": change.holder, "detail": change.detail],
                        at: clock.now(), level: change.kind == .keyAdded ? .notice : .warning)
                }
            },
            today: { configuration.timeZone.localTime(of: clock.now()).date },
            recheckFallback: { current in
                // A revoked or expired signer takes the standing notice off too, with an event.
                let (fallback, problem) = loadFallback(current, now: clock.now())
                let wasShown = !context.playlists.fallback.entries.isEmpty
                context.playlists.publish(fallback: fallback)
                guard let problem, wasShown, let path = current.content.fallbackPlaylist else { return }
                recorder.record(
                    .playlistWithdrawn, Messages.Daemon.fallbackFails(path, problem).description,
                    detail: ["file": path], at: clock.now(), level: .critical)
            })
        let player = makePlayer(context)
        if clock.isShifted {
            logger.warning(
                "\(Messages.Daemon.shiftedClock(configuration.timeZone.iso8601(clock.now())))")
        }
        recorder.checkAnchors(at: clock.now())
        if let problem = context.fallbackProblem {
            recorder.record(
                .playlistRejected,
                Messages.Daemon.fallbackFails(configuration.content.fallbackPlaylist ?? "", problem).description,
                detail: ["file": configuration.content.fallbackPlaylist ?? ""], at: clock.now(), level: .critical)
        }
        recorder.record(
            .daemonStart,
            Messages.Daemon.started(
                Release.version, device: configuration.link.endpoint, spool: configuration.paths.spool
            )
            .description,
            detail: ["release": Release.version], at: clock.now())
        let reload: @Sendable () throws -> PreparedReload = {
            try Self.reload(path: configurationPath, into: context.settings)
        }
        let center = ControlCenter(context: context, reload: reload)
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
        context.notifier.notify("STOPPING=1")
        recorder.record(.daemonStop, Messages.Daemon.stopped.description, at: clock.now())
        recorder.anchor(.stop, at: clock.now())
    }

    /// The player, deciding from the context's boards what the link shows.
    static func makePlayer(_ context: DaemonContext) -> PlayerService {
        let configuration = context.configuration
        return PlayerService(context: context) {
            Player(
                renderer: try TextRenderer(configuration: configuration),
                maximumPages: context.controller.pageCapacity)
        }
    }

    /// The link to the sign; its reports become events. `open` is the soak test's way in.
    static func makeLink(
        _ configuration: Configuration, controller: any Controller, recorder: EventRecorder, clock: DaemonClock,
        open: @escaping @Sendable (String, Configuration.Serial) throws(LinkError) -> any Transport = TransportFactory
            .open
    ) -> LinkDriver {
        let device = configuration.link.endpoint
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
                Logger(label: "lobbyd").info("\(Messages.Daemon.signUpdated(bytes))")
            case .signReset:
                recorder.record(
                    .signReset, Messages.Daemon.signReset.description,
                    detail: ["device": device], at: clock.now(), level: .warning)
            case .signRefused(let problems):
                recorder.record(
                    .signRefused, Messages.Daemon.signRefused(problems).description,
                    detail: ["device": device, "problems": problems],
                    at: clock.now(), level: .warning)
            case .signRestored:
                recorder.record(
                    .signRestored, Messages.Daemon.signRestored.description, detail: ["device": device],
                    at: clock.now())
            case .clockSet(let hour, let minute):
                let time = String(format: "%02d:%02d", hour, minute)
                recorder.record(
                    .signClockSet, Messages.Daemon.signClockSet(time).description,
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
            throw LobbyDaemonError.cannotStart(
                Messages.Daemon.controlSocket(configuration.paths.controlSocket, "\(error)").description)
        }
    }

    /// Re-reads the configuration, calendars and trusted keys. Nothing changes unless all of it
    /// is valid, and nothing until the caller applies the result (after recording it); sections
    /// that only a restart can apply are kept and named.
    static func reload(path: String, into settings: LiveSettings) throws -> PreparedReload {
        let old = settings.snapshot.configuration
        let new: Configuration
        let calendar: WorkdayCalendar
        do {
            new = try Configuration.load(path: path)
            calendar = try WorkdayCalendar.load(directories: new.calendar.directories)
            // A trusted-keys directory gone or emptied by mistake would take every playlist off
            // the screen: refused, like a start with it would be warned about.
            guard try !makeValidator(new).trust.keys.isEmpty else {
                throw LobbyDaemonError.cannotStart(Messages.Daemon.reloadNoKeys(new.paths.trustedKeys).description)
            }
        } catch {
            throw LobbyDaemonError.cannotStart(Messages.Daemon.reloadRefused("\(error)").description)
        }
        let (applied, restart) = old.reloading(new)
        let schedule = Schedule(configuration: applied, calendar: calendar)
        return PreparedReload(
            message: Messages.Daemon.reloaded(path, restart: restart.isEmpty ? nil : restart.joined(separator: ", "))
        ) {
            Language.current = new.site.language
            settings.replace(configuration: applied, schedule: schedule)
        }
    }

    /// The daemon's playlist validator: configured rules, trusted keys, the configured font.
    static func makeValidator(_ configuration: Configuration) throws -> PlaylistValidator {
        PlaylistValidator(
            configuration: configuration, trust: try TrustStore.load(configuration.paths),
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
            return (store, Messages.Daemon.fallbackUnreadable(path, "\(error)").description)
        }
    }

    static func makeSpoolWatcher(_ configuration: Configuration, clock: DaemonClock, recorder: EventRecorder) throws
        -> SpoolWatcher
    {
        let validator = try makeValidator(configuration)
        if validator.trust.keys.isEmpty {
            Logger(label: "lobbyd").warning("\(Messages.Configuration.noTrustedKeys(configuration.paths.trustedKeys))")
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
                        .playlistAccepted, Messages.Daemon.accepted(id, version, from: publisher, to: path).description,
                        detail: record.detail.merging(["path": path]) { $1 }, actor: "daemon", at: now)
                } catch {
                    return false
                }
            case .rejected(let file, let reason, let problems, let summary):
                recorder.record(
                    .playlistRejected, Messages.Daemon.rejected(file, problems: problems, reason: reason).description,
                    detail: ["file": file, "reason_file": reason, "problems": "\(problems)", "summary": summary],
                    at: now,
                    level: .warning)
            case .duplicate(let id, let version, let path):
                recorder.record(
                    .playlistDuplicate, Messages.Daemon.duplicate(id, version, path: path).description,
                    detail: ["id": id, "version": "\(version)", "path": path], at: now)
            case .withdrawn(let file, let problems):
                recorder.record(
                    .playlistWithdrawn,
                    Messages.Daemon.withdrawn(file, problems: problems).description,
                    detail: ["file": file, "problems": "\(problems)"], at: now, level: .warning)
            }
            return true
        }
    }
}
