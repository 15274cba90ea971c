import Foundation
import LobbyCore
import LobbyLink
import LobbyStore
import LobbyTestSupport
import Synchronization

@testable import LobbyDaemon

/// A hall in virtual time: the daemon's own state, spool watcher, player and link, wired as
/// `Daemon.run` wires them, with the run loops (threads, tasks, sleeps) replaced by one loop
/// that moves the clocks. Only the wire is simulated: the sign is `SoakSign`, reached at once.
final class SoakHall {
    let time: VirtualTime
    let sign: SoakSign
    let directory: TemporaryDirectory
    let configuration: Configuration
    let state: DaemonContext
    let link: LinkDriver
    private var linkLoop: LinkLoop
    private var player: PlayerLoop
    private let watcher: SpoolWatcher
    private let approvers = Approvers()
    /// Every event the recorder acknowledged, as `watch` would have seen it.
    let acknowledged = EventTap()
    private var subscription: EventRecorder.Subscription?

    init(start: Date) throws {
        time = VirtualTime(start: start)
        sign = SoakSign(time: time)
        directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: "\(directory.path)/trusted-keys", withIntermediateDirectories: true)
        try approvers.install(keys: "\(directory.path)/trusted-keys", people: "\(directory.path)/people.toml")
        var configuration = Configuration()
        configuration.calendar.directories = [RepositoryFiles.path("calendar")]
        configuration.paths.spool = "\(directory.path)/spool"
        configuration.paths.database = "\(directory.path)/state/lobbyd.sqlite"
        configuration.paths.trustedKeys = "\(directory.path)/trusted-keys"
        configuration.paths.people = "\(directory.path)/people.toml"
        configuration.link.endpoint = "\(directory.path)/sign"
        self.configuration = configuration
        let clock = DaemonClock(time.clocks)
        state = try DaemonContext.open(
            configuration, stateDirectory: "\(directory.path)/state", clock: clock,
            openPort: { [sign] path, _ throws(LinkError) in try sign.open(path: path) })
        link = state.link
        watcher = try Daemon.makeSpoolWatcher(configuration, clock: clock, recorder: state.recorder)
        let service = Daemon.makePlayer(state)
        player = PlayerLoop(context: state, player: try service.makePlayer())
        linkLoop = LinkLoop(driver: link)
        subscription = state.recorder.subscribe { [acknowledged] in acknowledged.hear($0) }
        try watcher.start()
        state.playlists.publish(watcher.store)
        linkLoop.begin()
    }

    /// What the player last decided.
    var decision: ScreenDecision? { state.player.snapshot.decision }

    /// One tick of the player, then one pass of the link; returns when the link's next timer is due.
    func tick() -> Duration {
        player.tick()
        return linkLoop.step()
    }

    /// The end of the daemon's life: the proof of play still being counted is written.
    func finish() {
        player.finish()
        subscription = nil
    }

    /// Places a playlist and its signature in `incoming/` as `lobbyctl submit` does, and lets the
    /// spool handle them, as its thread would on the inotify wake-up. The four hands signed over
    /// the last three days, the publisher today.
    func drop(name: String, text: String) throws {
        let bytes = Array(text.utf8)
        let incoming = "\(directory.path)/spool/incoming"
        let today = configuration.timeZone.localTime(of: time.wall).date
        let sheet = approvers.sheet(for: bytes, from: today.adding(days: -3))
        try AtomicFile.write(Array(sheet.utf8), to: "\(incoming)/\(name).toml.sig")
        try AtomicFile.write(bytes, to: "\(incoming)/\(name).toml")
        watcher.runOnce(timeout: .zero)
        state.playlists.publish(watcher.store)
    }

    /// Files still waiting in `incoming/`: none may be left.
    var waitingInIncoming: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: "\(directory.path)/spool/incoming")) ?? []
    }
}

/// Collects a digest of each event a subscription delivers: eight bytes an event, so that the
/// soak's own bookkeeping does not show up as growth in the memory it measures.
final class EventTap: Sendable {
    private let digests = Mutex<[Int]>([])

    func hear(_ event: EventRecord) { digests.withLock { $0.append(Self.digest(event)) } }

    var heard: [Int] { digests.withLock { $0 } }

    static func digest(_ event: EventRecord) -> Int {
        var hasher = Hasher()
        hasher.combine(event.ts)
        hasher.combine(event.kind)
        hasher.combine(event.actor)
        for key in event.detail.keys.sorted() {
            hasher.combine(key)
            hasher.combine(event.detail[key])
        }
        return hasher.finalize()
    }
}
