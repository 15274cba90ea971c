import Foundation
import LobbyCore
import Logging

/// What happened to a file in the spool; each becomes an event in the log.
public enum SpoolEvent: Sendable, Equatable {
    case accepted(id: String, version: Int, publisher: String, path: String)
    case rejected(file: String, reasonPath: String, problems: Int)
    /// The same id and version was already accepted; the file is archived in rejected/.
    case duplicate(id: String, version: Int, path: String)
}

/// Watches `incoming/` (inotify, no polling), validates each playlist with the daemon's
/// validator, and archives it: accepted into the store and `accepted/`, anything else into
/// `rejected/` with a reason file the content office can act on.
///
/// Runs on one thread (the validator holds a FreeType face); `runOnce` waits for files or for the
/// next pairing deadline, whichever comes first.
public final class SpoolWatcher {
    public let archive: SpoolArchive
    public private(set) var store: PlaylistStore
    /// Replaced on reload (new trusted keys or content rules); applies to the next file.
    public var validator: PlaylistValidator
    private let inotify: Inotify
    private var pairing: SpoolPairing
    private let now: () -> Date
    private let monotonic: () -> ContinuousClock.Instant
    private let zone: TimeZone
    private let report: (SpoolEvent) -> Void
    private let logger = Logger(label: "lobbyd.spool")

    public init(
        archive: SpoolArchive, validator: PlaylistValidator, store: PlaylistStore = PlaylistStore(),
        grace: Duration = .seconds(30), now: @escaping () -> Date = Date.init,
        monotonic: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now },
        report: @escaping (SpoolEvent) -> Void
    ) throws(LobbyCoreError) {
        try archive.prepare()
        self.archive = archive
        self.validator = validator
        self.store = store
        self.now = now
        self.monotonic = monotonic
        self.report = report
        zone = validator.timeZone
        pairing = SpoolPairing(grace: grace)
        inotify = try Inotify(directory: archive.incoming)
    }

    /// At start: finish interrupted moves, restore the accepted set from `accepted/` (oldest
    /// first, so the newest version of each id wins), and queue what is waiting in `incoming/`.
    public func start() throws(LobbyCoreError) {
        try archive.recoverInterruptedMoves()
        for name in archive.list(archive.accepted) where name.hasSuffix(".toml") {
            let path = "\(archive.accepted)/\(name)"
            if case .accepted(let playlist, _) = validator.validate(try PlaylistFile.read(path), now: now()) {
                store.add(playlist, acceptedAt: modificationDate(path))
            }
        }
        handle(archive.list(archive.incoming).flatMap { pairing.arrived($0, at: monotonic()) })
    }

    /// Waits up to `timeout` (less if a pairing deadline comes sooner) and processes what arrived.
    public func runOnce(timeout: Duration) {
        let wait = pairing.nextDeadline.map { min(timeout, max(.zero, $0 - monotonic())) } ?? timeout
        let names = inotify.wait(timeout: wait)
        handle(names.flatMap { pairing.arrived($0, at: monotonic()) })
        handle(pairing.tick(at: monotonic()))
    }

    private func handle(_ actions: [SpoolPairing.Action]) {
        for action in actions {
            do {
                switch action {
                case .ingest(let stem): try ingest(stem)
                case .rejectOrphanSignature(let stem):
                    try rejectOther(
                        "\(stem).toml.sig",
                        reason:
                            "签名文件没有对应的播放单，未予处理。\nSignature without its playlist \(stem).toml: submit both files together.\n"
                    )
                case .rejectStray(let name):
                    try rejectOther(
                        name,
                        reason:
                            "该文件不是播放单（.toml）或签名（.toml.sig），未予处理。\nNot a playlist (.toml) or signature (.toml.sig).\n")
                }
            } catch {
                // The file stays in incoming/ and is retried at the next start; the technician sees why.
                logger.error("spool: cannot archive, file left in incoming/", metadata: ["error": "\(error)"])
            }
        }
    }

    private func ingest(_ stem: String) throws(LobbyCoreError) {
        let path = "\(archive.incoming)/\(stem).toml"
        guard FileManager.default.fileExists(atPath: path) else { return }  // already handled
        let file = "incoming/\(stem).toml"
        switch validator.validate(try PlaylistFile.read(path), as: file, now: now()) {
        case .rejected(let problems):
            try reject(stem, problems: problems)
        case .accepted(let playlist, let publisher):
            switch store.decide(playlist) {
            case .accept:
                let archived = try archive.move(stem: stem, to: archive.accepted)
                store.add(playlist, acceptedAt: now())
                report(.accepted(id: playlist.id, version: playlist.version, publisher: publisher, path: archived))
            case .duplicate(let version):
                try AtomicFile.write(
                    Array(
                        "与已发布的播放单 \(playlist.id) 第 \(version) 版相同，未作改动。\nSame id and version as the accepted playlist: nothing changed.\n"
                            .utf8), to: archive.reasonPath(stem: stem))
                let archived = try archive.move(stem: stem, to: archive.rejected)
                report(.duplicate(id: playlist.id, version: version, path: archived))
            case .older(let current):
                let problem = PlaylistProblem(
                    stage: .validity, location: SourceLocation(file: file, line: 2),
                    message:
                        "version \(playlist.version) is lower than the accepted version \(current) of \(playlist.id); raise the version to republish"
                )
                try reject(stem, problems: [problem])
            }
        }
    }

    private func reject(_ stem: String, problems: [PlaylistProblem]) throws(LobbyCoreError) {
        let reasonPath = archive.reasonPath(stem: stem)
        let text = RejectionReport.text(file: "\(stem).toml", problems: problems, rejectedAt: zone.iso8601(now()))
        try AtomicFile.write(Array(text.utf8), to: reasonPath)
        let archived = try archive.move(stem: stem, to: archive.rejected)
        report(.rejected(file: archived, reasonPath: reasonPath, problems: problems.count))
    }

    private func rejectOther(_ name: String, reason: String) throws(LobbyCoreError) {
        guard FileManager.default.fileExists(atPath: "\(archive.incoming)/\(name)") else { return }
        let reasonPath = try archive.reject(name: name, reason: reason)
        report(.rejected(file: name, reasonPath: reasonPath, problems: 1))
    }

    private func modificationDate(_ path: String) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now()
    }
}
