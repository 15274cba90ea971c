import Foundation
import LobbyCore

/// The spool's three directories and the moves between them. Every file that enters
/// `incoming/` ends in exactly one of `accepted/` or `rejected/`, under a name stamped with its
/// modification time (UTC). That stamp does not depend on when it is processed, so an ingestion
/// interrupted by a crash lands at the same names when it is redone after restart.
public struct SpoolArchive: Sendable {
    public let incoming: String
    public let accepted: String
    public let rejected: String

    public init(spool: String) {
        incoming = "\(spool)/incoming"
        accepted = "\(spool)/accepted"
        rejected = "\(spool)/rejected"
    }

    /// Creates the directories that do not exist yet.
    public func prepare() throws(LobbyCoreError) {
        for directory in [incoming, accepted, rejected] {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .unwritable(file: directory, reason: "\(error)")
            }
        }
    }

    /// Moves `stem.toml` (and its `.sig`, when present) into `directory` and returns the new
    /// playlist path. The playlist moves first, so that a crash in between leaves an orphan
    /// signature, which `recoverInterruptedMoves` puts beside it.
    @discardableResult
    func move(stem: String, to directory: String) throws(LobbyCoreError) -> String {
        let source = "\(incoming)/\(stem).toml"
        let destination = "\(directory)/\(stamp(of: source))-\(stem).toml"
        try rename(source, destination)
        if FileManager.default.fileExists(atPath: "\(source).sig") {
            try rename("\(source).sig", "\(destination).sig")
        }
        AtomicFile.syncDirectory(incoming)
        AtomicFile.syncDirectory(directory)
        return destination
    }

    /// Moves any other file (a stray, an orphan signature) into `rejected/` with a reason;
    /// returns the reason file's path.
    func reject(name: String, reason: String) throws(LobbyCoreError) -> String {
        let source = "\(incoming)/\(name)"
        let destination = "\(rejected)/\(stamp(of: source))-\(name)"
        try AtomicFile.write(Array(reason.utf8), to: "\(destination).reason")
        try rename(source, destination)
        AtomicFile.syncDirectory(incoming)
        return "\(destination).reason"
    }

    /// Where the reason for rejecting `stem.toml` is written (before the move).
    func reasonPath(stem: String) -> String {
        "\(rejected)/\(stamp(of: "\(incoming)/\(stem).toml"))-\(stem).toml.reason"
    }

    /// Finishes moves a crash interrupted: a `.sig` left in `incoming/` whose playlist already
    /// sits, without its signature, in `accepted/` or `rejected/` joins it.
    func recoverInterruptedMoves() throws(LobbyCoreError) {
        for name in list(incoming) where name.hasSuffix(".toml.sig") {
            let playlist = String(name.dropLast(".sig".count))
            guard !FileManager.default.fileExists(atPath: "\(incoming)/\(playlist)") else { continue }
            for directory in [accepted, rejected] {
                let orphaned = list(directory).filter {
                    $0.hasSuffix("-\(playlist)") && !FileManager.default.fileExists(atPath: "\(directory)/\($0).sig")
                }
                if let target = orphaned.max() {
                    try rename("\(incoming)/\(name)", "\(directory)/\(target).sig")
                    break
                }
            }
        }
    }

    func list(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// `20261125T020000Z`, from the file's modification time.
    private func stamp(of path: String) -> String {
        var status = stat()
        let seconds = stat(path, &status) == 0 ? status.st_mtim.tv_sec : time(nil)
        var parts = tm()
        var value = seconds
        gmtime_r(&value, &parts)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
            parts.tm_min, parts.tm_sec)
    }

    private func rename(_ source: String, _ destination: String) throws(LobbyCoreError) {
        guard Glibc.rename(source, destination) == 0 else {
            throw .unwritable(file: destination, reason: String(cString: strerror(errno)))
        }
    }
}
