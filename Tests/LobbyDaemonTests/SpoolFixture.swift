import Foundation
import LobbyCore
import LobbyDaemon
import LobbyRender
import LobbyTestSupport

/// A spool in a temporary directory with a watcher, a trusted test key and a manual monotonic
/// clock, so tests drive time instead of sleeping.
final class SpoolFixture {
    let directory: TemporaryDirectory
    /// The four hands whose sheets the spool trusts.
    let approvers = Approvers()
    var events: [SpoolEvent] = []
    /// Whether events are "written": false plays a full disk under the event log.
    var recording = true
    /// Called with each event as the watcher reports it.
    var onEvent: (SpoolEvent) -> Void = { _ in }
    var monotonicNow = ContinuousClock.now
    /// The wall clock the watcher reads.
    var wallNow = PlaylistFixtureText.now
    private(set) var watcher: SpoolWatcher!

    init() throws {
        directory = try TemporaryDirectory()
        watcher = try makeWatcher()
    }

    var archive: SpoolArchive { SpoolArchive(spool: directory.path) }

    /// A new watcher over the same spool, as after a restart.
    func makeWatcher(validator: PlaylistValidator? = nil) throws -> SpoolWatcher {
        let validator = try validator ?? makeValidator(trust: approvers.trust)
        return try SpoolWatcher(
            archive: SpoolArchive(spool: directory.path), validator: validator, grace: .seconds(30),
            now: { [unowned self] in wallNow }, monotonic: { [unowned self] in monotonicNow },
            report: { [unowned self] in
                events.append($0)
                onEvent($0)
                return recording
            })
    }

    /// The daemon's validator with these keys and roster trusted.
    func makeValidator(trust: TrustStore) throws -> PlaylistValidator {
        let configuration = Configuration()
        return PlaylistValidator(
            configuration: configuration, trust: trust,
            fitting: try TextRenderer(configuration: configuration))
    }

    func restart(validator: PlaylistValidator? = nil) throws {
        watcher = nil
        watcher = try makeWatcher(validator: validator)
        try watcher.start()
    }

    /// Writes a playlist (and, unless told otherwise, its signature) into incoming/ the way
    /// `lobbyctl submit` does: temporary name, then rename.
    func drop(_ name: String, text: String, signed: Bool = true) throws {
        let bytes = Array(text.utf8)
        if signed {
            try AtomicFile.write(Array(approvers.sheet(for: bytes).utf8), to: "\(archive.incoming)/\(name).sig")
        }
        try AtomicFile.write(bytes, to: "\(archive.incoming)/\(name)")
    }

    /// Lets the watcher handle everything the kernel has queued (the writes above are complete).
    func settle() {
        watcher.runOnce(timeout: .milliseconds(200))
        watcher.runOnce(timeout: .zero)
    }

    func files(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}

/// A valid playlist whose id and version can be chosen.
enum PlaylistFixtureText {
    static let now = TimeZone(identifier: "Asia/Shanghai")!.parseInstant("2026-11-25T10:00")!

    static func text(id: String = "hall-news", version: Int = 1, category: String = "service-hall") -> String {
        SamplePlaylist.text(id: id, version: version, category: category)
    }
}
