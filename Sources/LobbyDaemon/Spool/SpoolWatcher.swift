import Foundation
import LobbyCore
import Logging

/// What happened to a file in the spool; each becomes an event in the log.
public enum SpoolEvent: Sendable, Equatable {
    case accepted(id: String, version: Int, publisher: String, path: String, record: PublicationRecord)
    /// `summary`: the problems, one per line, as the reason file lists them.
    case rejected(file: String, reasonPath: String, problems: Int, summary: String)
    /// The same id and version was already accepted; the file is archived in rejected/.
    case duplicate(id: String, version: Int, path: String)
    /// An accepted playlist no longer passes (its key was revoked or is no longer trusted, the
    /// rules changed) and is off the screen; its file stays in accepted/ and comes back when it
    /// passes again.
    case withdrawn(file: String, problems: Int)
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
    /// The daemon's validator; `reload(validator:)` replaces it and checks `accepted/` again.
    public private(set) var validator: PlaylistValidator
    private let inotify: Inotify
    private var pairing: SpoolPairing
    private let now: () -> Date
    private let monotonic: () -> ContinuousClock.Instant
    private let zone: TimeZone
    /// Records an event; false when it could not be written now (an acceptance then waits).
    private let report: (SpoolEvent) -> Bool
    /// Playlists to try again (the archive or the event log failed), and when.
    private var retries: [String: ContinuousClock.Instant] = [:]
    /// When `incoming/` is next looked at as a whole (entries no event announced: hard links,
    /// files whose processing failed, temporary files left behind).
    private var nextRescan: ContinuousClock.Instant?
    /// The file in `accepted/` behind each id on the screen, and whether `restore` ran once.
    private var sources: [String: String] = [:]
    /// Every file in `accepted/` that passed, with its id, version and acceptance time: what
    /// `pruneSuperseded` goes by.
    private var archived: [String: (id: String, version: Int, acceptedAt: Date)] = [:]
    private var restored = false
    private let logger = Logger(label: "lobbyd.spool")

    public init(
        archive: SpoolArchive, validator: PlaylistValidator, store: PlaylistStore = PlaylistStore(),
        grace: Duration = SpoolPairing.defaultGrace, now: @escaping () -> Date = Date.init,
        monotonic: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now },
        report: @escaping (SpoolEvent) -> Bool
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

    /// At start: remove temporary files, quarantine the file a crash interrupted, finish
    /// interrupted moves, restore the accepted set from `accepted/` (each id at its newest
    /// version, checked again with the current keys and rules), and queue what is waiting in
    /// `incoming/`.
    public func start() throws(LobbyCoreError) {
        archive.removeTemporaryFiles()
        try quarantineInterrupted()
        try archive.recoverInterruptedMoves()
        let missing = !archive.exists(archive.floorsPath) && !archive.list(archive.accepted).isEmpty
        let (floors, problem) = archive.readFloors()
        if let problem { logger.error("\(problem)") }
        if missing { logger.warning("\(Messages.Daemon.floorsMissing(archive.floorsPath))") }
        for (id, version) in floors { store.raiseFloor(id, to: version) }
        try restore()
        // Raised again from accepted/: written back, so that the next start has them whole.
        if missing || problem != nil { try archive.writeFloors(store.floors) }
        _ = renameUnnamable(archive.unnamableEntries(in: archive.incoming))
        handle(archive.list(archive.incoming).flatMap { pairing.arrived($0, at: monotonic()) })
    }

    /// Entries whose names are not UTF-8, renamed so that they can be named in a reason; the
    /// rename arrives as an event of its own, and the new names are returned too.
    private func renameUnnamable(_ raw: [[UInt8]]) -> [String] {
        // One entry may come in several events (created, then closed): renamed once.
        Array(Set(raw)).compactMap { bytes in
            do {
                return try archive.renameUnnamable(bytes)
            } catch LobbyCoreError.unwritable(_, let reason) where reason == Messages.System.error(ENOENT).description {
                return nil  // renamed already
            } catch {
                logger.error("\(Messages.Daemon.unnamable("\(error)"))")
                return nil
            }
        }
    }

    /// New trusted keys or content rules: they apply at once to what is on the screen, not
    /// only to the next file.
    public func reload(validator: PlaylistValidator) throws(LobbyCoreError) {
        self.validator = validator
        try restore()
    }

    /// Checks every playlist in `accepted/`, as of when it was accepted (the file's modification
    /// time, set at acceptance), with the current keys and rules, and puts each id's newest
    /// version on the screen. One that no longer passes (a revoked key, changed rules, a key
    /// missing from the trusted keys) is taken off the screen with an event, but its file stays
    /// in `accepted/`: if its key is trusted again, a reload or restart brings it back.
    private func restore() throws(LobbyCoreError) {
        var newest: [String: (name: String, playlist: Playlist, acceptedAt: Date)] = [:]
        var failed: [(name: String, problems: [PlaylistProblem])] = []
        archived = [:]
        for name in archive.list(archive.accepted) where name.hasSuffix(".toml") {
            let path = "\(archive.accepted)/\(name)"
            let acceptedAt = modificationDate(path)
            // No processing marker here: these files were parsed once already, and a kill during
            // a restart must not take accepted content off the screen.
            let read = readPlaylist(path)
            switch verdict(read, as: "accepted/\(name)", at: acceptedAt) {
            case .accepted(let playlist, _):
                store.raiseFloor(playlist.id, to: playlist.version)
                archived[name] = (playlist.id, playlist.version, acceptedAt)
                if playlist.version >= newest[playlist.id]?.playlist.version ?? .min {
                    newest[playlist.id] = (name, playlist, acceptedAt)
                }
            case .rejected(let problems):
                failed.append((name, problems))
                // Off the screen, but its version was published: no older one may return, even
                // when versions.json is lost (its id and version are read without the checks).
                if let bytes = try? read.get().bytes, let text = String(validating: bytes, as: UTF8.self),
                    let playlist = Playlist.read(text: text, file: name, zone: zone).0
                {
                    store.raiseFloor(playlist.id, to: playlist.version)
                }
            }
        }
        let shownBefore = Set(store.entries.keys)
        var shown: [String: String] = [:]
        for (id, entry) in newest where entry.playlist.version == store.floors[id] {
            shown[id] = entry.name
            if store.entries[id]?.playlist.version != entry.playlist.version {
                store.reinstate(entry.playlist, acceptedAt: entry.acceptedAt)
            }
        }
        for id in shownBefore where shown[id] == nil { store.withdraw(id) }
        // At start every file that fails is reported; on reload, those that were on the screen.
        let wasShown = Set(shownBefore.compactMap { sources[$0] })
        for (name, problems) in failed where !restored || wasShown.contains(name) {
            _ = report(.withdrawn(file: "\(archive.accepted)/\(name)", problems: problems.count))
            logger.warning(
                "\(Messages.Daemon.offScreen(name, problems.map(\.description).joined(separator: "; ")))")
        }
        sources = shown
        restored = true
    }

    /// Removes from `accepted/` every version a later one superseded that was accepted more than
    /// `days` days ago (`[store] retention_days`, as long as the event log keeps its record), with
    /// its approval sheet, and returns their names. Idle cost and start time then follow what is
    /// current, not everything ever published. The current version of each id stays, whatever
    /// its age, and so does any file that no longer passes (its version is not known for sure).
    public func pruneSuperseded(keepingDays days: Int) -> [String] {
        let cutoff = now().addingTimeInterval(-Double(days) * 86_400)
        var removed: [String] = []
        for (name, entry) in archived.sorted(by: { $0.key < $1.key })
        where entry.version < store.floors[entry.id] ?? .min && entry.acceptedAt < cutoff {
            do {
                try archive.removeAccepted(name)
            } catch .unwritable(let file, let reason) {
                logger.error("\(Messages.Daemon.pruneFailed(file, reason))")
                continue
            } catch {
                logger.error("\(error)")
                continue
            }
            archived[name] = nil
            removed.append(name)
        }
        return removed
    }

    /// Waits up to `timeout` (less if a pairing deadline comes sooner) and processes what arrived.
    public func runOnce(timeout: Duration) {
        let deadlines = [pairing.nextDeadline, retries.values.min(), nextRescan].compactMap { $0 }
        let wait = deadlines.min().map { min(timeout, max(.zero, $0 - monotonic())) } ?? timeout
        let batch = inotify.wait(timeout: wait)
        var names = batch.completed + batch.created.filter { !archive.isRegularFile("\(archive.incoming)/\($0)") }
        names += renameUnnamable(batch.unnamable)
        if batch.overflowed {
            logger.warning("\(Messages.Daemon.overflow)")
            names = renameUnnamable(archive.unnamableEntries(in: archive.incoming)) + archive.list(archive.incoming)
        }
        handle(names.flatMap { pairing.arrived($0, at: monotonic()) })
        handle(pairing.tick(at: monotonic()))
        let now = monotonic()
        let due = retries.filter { $0.value <= now }.keys.sorted()
        for stem in due { retries[stem] = nil }
        handle(due.map { .ingest(stem: $0) })
        if let rescan = nextRescan, rescan <= now { self.rescan(at: now) }
        if nextRescan == nil { nextRescan = now + Self.rescanInterval }
    }

    static let rescanInterval = Duration.seconds(60)
    /// A temporary name older than this is a file left behind, not one being written.
    static let abandoned: TimeInterval = 3_600

    /// Every minute: entries that no event announced, or whose processing failed, are taken up;
    /// temporary files an hour old are rejected as left behind.
    private func rescan(at now: ContinuousClock.Instant) {
        nextRescan = now + Self.rescanInterval
        var arrivals: [String] = renameUnnamable(archive.unnamableEntries(in: archive.incoming))
        for name in archive.list(archive.incoming) {
            let (kind, stem) = SpoolPairing.classify(name)
            // File ages are the file system's facts, in its own time, not the hall's clock.
            let age = Date().timeIntervalSince(modificationDate("\(archive.incoming)/\(name)"))
            switch kind {
            case .temporary where age > Self.abandoned:
                do {
                    try rejectOther(
                        name,
                        reason: "\(Messages.Daemon.abandonedTemporary)\n")
                } catch {
                    logger.error("\(Messages.Daemon.cannotArchiveTemporary("\(error)"))")
                }
            case .temporary:
                break
            default:
                if !pairing.isPending(stem), retries[stem] == nil, age >= Double(pairing.grace.components.seconds) {
                    arrivals.append(name)
                }
            }
        }
        handle(arrivals.flatMap { pairing.arrived($0, at: now) })
    }

    private func handle(_ actions: [SpoolPairing.Action]) {
        for action in actions {
            do {
                switch action {
                case .ingest(let stem): try ingest(stem)
                case .rejectOrphanSignature(let stem):
                    try rejectOther(
                        "\(stem).toml.sig",
                        reason: "\(Messages.Daemon.orphanSignature(stem))\n")
                case .rejectStray(let name):
                    try rejectOther(
                        name,
                        reason: "\(Messages.Daemon.stray)\n")
                }
            } catch {
                // The file stays in incoming/ and is tried again; the technician sees why.
                if case .ingest(let stem) = action { retries[stem] = monotonic() + Self.rescanInterval / 2 }
                logger.error("\(Messages.Daemon.cannotArchive)", metadata: ["error": "\(error)"])
            }
        }
    }

    private func ingest(_ stem: String) throws(LobbyCoreError) {
        let path = "\(archive.incoming)/\(stem).toml"
        guard archive.exists(path) else { return }  // already handled
        try archive.markProcessing("incoming/\(stem).toml")
        defer { archive.clearProcessing() }
        let file = "incoming/\(stem).toml"
        // Read once: the bytes validated are the bytes whose hash names the archived file.
        let read = readPlaylist(path)
        let bytes = try? read.get().bytes
        switch verdict(read, as: file, at: now()) {
        case .rejected(let problems):
            try reject(stem, content: bytes, problems: problems)
        case .accepted(let playlist, let publisher):
            switch store.decide(playlist) {
            case .accept:
                let archived = archive.archiveName(for: "\(stem).toml", in: archive.accepted, content: bytes)
                let destination = "\(archive.accepted)/\(archived)"
                // The event first, on disk: a crash before the move redoes the ingestion (a
                // second event), never an accepted playlist without one. While the event log
                // cannot be written, the playlist waits in incoming/ and is tried again.
                guard
                    report(
                        .accepted(
                            id: playlist.id, version: playlist.version, publisher: publisher, path: destination,
                            record: PublicationRecord(playlist: playlist, publisher: publisher, zone: zone)))
                else {
                    retries[stem] = monotonic() + Self.rescanInterval / 2
                    logger.warning("\(Messages.Daemon.waits(file))")
                    return
                }
                try archive.move("\(stem).toml", to: destination)
                archive.stampAcceptance(destination, at: now())
                store.add(playlist, acceptedAt: now())
                sources[playlist.id] = archived
                self.archived[archived] = (playlist.id, playlist.version, now())
                try archive.writeFloors(store.floors)
            case .duplicate(let version):
                let (destination, _) = try archive.reject(
                    name: "\(stem).toml", content: bytes,
                    reason: "\(Messages.Daemon.same(playlist.id, version))\n")
                _ = report(.duplicate(id: playlist.id, version: version, path: destination))
            case .older(let current):
                let problem = PlaylistProblem(
                    stage: .validity, location: SourceLocation(file: file, line: 2),
                    message: Messages.Daemon.older(playlist.version, current: current, id: playlist.id).description)
                try reject(stem, content: bytes, problems: [problem])
            }
        }
    }

    /// The playlist at `path` and its signature, read safely: regular files within the limits.
    private func readPlaylist(_ path: String) -> Result<PlaylistFile, PlaylistFile.ReadError> {
        Result { () throws(PlaylistFile.ReadError) in
            try PlaylistFile.read(path, limit: validator.content.maxFileBytes, links: .refuse)
        }
    }

    /// The validator's verdict on `read` (named `name` in messages) as of `instant`; a file that
    /// could not be read safely is rejected with the reason.
    private func verdict(_ read: Result<PlaylistFile, PlaylistFile.ReadError>, as name: String, at instant: Date)
        -> PlaylistVerdict
    {
        switch read {
        case .success(let file): validator.validate(file, as: name, now: instant, signedOnly: true)
        case .failure(let error): .rejected([error.problem(naming: name)])
        }
    }

    private func reject(_ stem: String, content: [UInt8]?, problems: [PlaylistProblem]) throws(LobbyCoreError) {
        let text = RejectionReport.text(file: "\(stem).toml", problems: problems, rejectedAt: zone.iso8601(now()))
        let (destination, reasonPath) = try archive.reject(name: "\(stem).toml", content: content, reason: text)
        let summary = problems.prefix(20).map { "\($0.location): \($0.message)" }.joined(separator: "\n")
        _ = report(
            .rejected(file: destination, reasonPath: reasonPath, problems: problems.count, summary: summary))
    }

    /// The file being processed when the daemon last died goes to `rejected/`, never again
    /// through the code that died on it.
    private func quarantineInterrupted() throws(LobbyCoreError) {
        guard let relative = archive.interruptedProcessing() else { return }
        defer { archive.clearProcessing() }
        let name = String(relative.dropFirst("incoming/".count))
        guard archive.exists("\(archive.incoming)/\(name)") else { return }
        let (destination, reasonPath) = try archive.reject(
            name: name,
            reason:
                "\(Messages.Daemon.interrupted(relative))\n"
        )
        logger.critical("\(Messages.Daemon.quarantined(relative, as: destination))")
        _ = report(
            .rejected(
                file: destination, reasonPath: reasonPath, problems: 1,
                summary: Messages.Daemon.interruptedSummary.description))
    }

    private func rejectOther(_ name: String, reason: String) throws(LobbyCoreError) {
        guard archive.exists("\(archive.incoming)/\(name)") else { return }
        let (_, reasonPath) = try archive.reject(name: name, reason: reason)
        _ = report(
            .rejected(
                file: name, reasonPath: reasonPath, problems: 1,
                summary: reason.split(separator: "\n").first.map(String.init) ?? ""))
    }

    private func modificationDate(_ path: String) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now()
    }
}
