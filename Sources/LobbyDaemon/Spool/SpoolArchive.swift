import Foundation
import LobbyCore

/// The spool's three directories and the moves between them. Every entry that enters
/// `incoming/` ends in exactly one of `accepted/` or `rejected/`, under a name that is never
/// taken twice: `STAMP-HASH-NAME`, the stamp from the file's modification time (UTC), the hash
/// from its content (so two different files dropped under one name in one second both survive),
/// and a counter before the name when even that is taken. Names too long for the file system are
/// shortened, so that nothing stays in `incoming/` for want of a name.
public struct SpoolArchive: Sendable {
    public let root: String
    public let incoming: String
    public let accepted: String
    public let rejected: String

    public init(spool: String) {
        root = spool
        incoming = "\(spool)/incoming"
        accepted = "\(spool)/accepted"
        rejected = "\(spool)/rejected"
    }

    /// Names the file being processed while it is processed: a daemon that dies on a file
    /// leaves it here, and the next start quarantines that file instead of dying again.
    var processingMarker: String { "\(root)/.processing" }

    /// The longest name given in the archive, leaving room for `.sig` and `.reason` (NAME_MAX 255).
    static let maxNameBytes = 255 - ".reason".utf8.count - ".sig".utf8.count

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

    /// A name in `directory` that no entry has, for `name` from `incoming/`, with `content`'s
    /// hash when it could be read.
    func archiveName(for name: String, in directory: String, content: [UInt8]?) -> String {
        let stamp = stamp(of: "\(incoming)/\(name)")
        let hash = content.map { Digest.sha256Hex($0).prefix(8) + "-" } ?? ""
        var counter = 0
        while true {
            let prefix = "\(stamp)-\(hash)" + (counter == 0 ? "" : "\(counter)-")
            let candidate = prefix + Self.shortened(name, to: Self.maxNameBytes - prefix.utf8.count)
            let taken = ["", ".sig", ".reason"].contains { exists("\(directory)/\(candidate)\($0)") }
            if !taken { return candidate }
            counter += 1
        }
    }

    /// `name` cut to `limit` bytes at a character boundary, keeping its `.toml`/`.toml.sig` ending.
    static func shortened(_ name: String, to limit: Int) -> String {
        guard name.utf8.count > limit else { return name }
        let ending = [".toml.sig", ".toml"].first { name.hasSuffix($0) } ?? ""
        var stem = Substring(name.dropLast(ending.count))
        while stem.utf8.count + ending.utf8.count + 1 > limit { stem = stem.dropLast() }
        return "\(stem)~\(ending)"
    }

    /// Moves `incoming/name` (and `name.sig`, when present) to `destination`, the file first, so
    /// that a crash in between leaves an orphan signature, which `recoverInterruptedMoves` puts
    /// beside it. Returns `destination`.
    @discardableResult
    func move(_ name: String, to destination: String) throws(LobbyCoreError) -> String {
        let source = "\(incoming)/\(name)"
        try rename(source, destination)
        if exists("\(source).sig") { try rename("\(source).sig", "\(destination).sig") }
        AtomicFile.syncDirectory(incoming)
        AtomicFile.syncDirectory((destination as NSString).deletingLastPathComponent)
        return destination
    }

    /// Moves an entry of `incoming/` (a playlist and its signature, a stray, an orphan signature,
    /// a FIFO or directory) into `rejected/` beside a reason; returns the new path and the
    /// reason file's.
    @discardableResult
    func reject(name: String, content: [UInt8]? = nil, reason: String) throws(LobbyCoreError) -> (
        path: String, reasonPath: String
    ) {
        let destination = "\(rejected)/\(archiveName(for: name, in: rejected, content: content))"
        try AtomicFile.write(Array(reason.utf8), to: "\(destination).reason")
        return (try move(name, to: destination), "\(destination).reason")
    }

    /// Finishes moves a crash interrupted: a `.sig` left in `incoming/` whose playlist already
    /// sits, without its signature, in `accepted/` or `rejected/` joins it.
    func recoverInterruptedMoves() throws(LobbyCoreError) {
        for name in list(incoming) where name.hasSuffix(".toml.sig") {
            let playlist = String(name.dropLast(".sig".count))
            guard !exists("\(incoming)/\(playlist)") else { continue }
            for directory in [accepted, rejected] {
                let orphaned = list(directory).filter {
                    $0.hasSuffix("-\(playlist)") && !exists("\(directory)/\($0).sig")
                }
                if let target = orphaned.max() {
                    try rename("\(incoming)/\(name)", "\(directory)/\(target).sig")
                    break
                }
            }
        }
    }

    /// Sets an accepted file's modification time to the instant it was accepted, which is when
    /// a restart checks it again.
    func stampAcceptance(_ path: String, at instant: Date) {
        let seconds = instant.timeIntervalSince1970.rounded(.down)
        let time = timespec(tv_sec: Int(seconds), tv_nsec: Int((instant.timeIntervalSince1970 - seconds) * 1e9))
        let times = [time, time]
        utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW)
    }

    // MARK: The file being processed

    /// Records that `relative` (`incoming/x.toml`) is being processed. Not synced to disk: it
    /// guards against the process dying, and the page cache outlives the process.
    func markProcessing(_ relative: String) throws(LobbyCoreError) {
        let temporary = "\(processingMarker).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .unwritable(file: temporary, reason: Messages.System.error(errno).description)
        }
        let bytes = Array(relative.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count, Glibc.rename(temporary, processingMarker) == 0 else {
            throw .unwritable(file: processingMarker, reason: Messages.System.error(errno).description)
        }
    }

    func clearProcessing() {
        unlink(processingMarker)
    }

    /// What was being processed when the daemon died, if anything.
    func interruptedProcessing() -> String? {
        guard let bytes = try? BoundedFile.read(processingMarker, limit: 4_096, links: .refuse),
            let relative = String(validating: bytes, as: UTF8.self),
            relative.hasPrefix("incoming/"), !relative.dropFirst("incoming/".count).contains("/")
        else { return nil }
        return relative
    }

    // MARK: Version floors

    /// `versions.json`: the highest version ever accepted of each playlist id.
    var floorsPath: String { "\(root)/versions.json" }

    /// The floors, none before the first acceptance. A file that cannot be read is moved aside
    /// (`versions.json.damaged`) and said, not taken for an empty one in silence: the caller
    /// raises the floors again from `accepted/`.
    func readFloors() -> (floors: [String: Int], problem: Localized?) {
        let reason: String
        do {
            let bytes = try BoundedFile.read(floorsPath, limit: 16 << 20, links: .refuse)
            if let floors = try? JSONDecoder().decode([String: Int].self, from: Data(bytes)) { return (floors, nil) }
            reason = Messages.Daemon.floorsNotJSON.description
        } catch .missing {
            return ([:], nil)
        } catch {
            reason = error.description
        }
        // Kept for whoever looks into it; where it cannot be moved, it stays where it is.
        let aside = floorsPath + ".damaged"
        let kept = (try? rename(floorsPath, aside)) != nil ? aside : floorsPath
        return ([:], Messages.Daemon.floorsDamaged(floorsPath, kept: kept, reason))
    }

    func writeFloors(_ floors: [String: Int]) throws(LobbyCoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(floors) else { return }
        try AtomicFile.write(Array(data), to: floorsPath)
    }

    /// Removes what an interrupted `AtomicFile.write` left (`.NAME.PID.tmp`) in the directories
    /// only lobbyd writes to.
    func removeTemporaryFiles() {
        for directory in [accepted, rejected, root] {
            for name in list(directory) where name.hasPrefix(".") && name.hasSuffix(".tmp") {
                unlink("\(directory)/\(name)")
            }
        }
    }

    /// Names in `directory` that are not UTF-8 (Foundation cannot list them), as raw bytes.
    func unnamableEntries(in directory: String) -> [[UInt8]] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var found: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if String(validating: name, as: UTF8.self) == nil { found.append(name) }
        }
        return found
    }

    /// Renames an entry of `incoming/` whose name is not UTF-8 to one that is (each invalid
    /// byte becomes `?`, and `.badname` is added so it is never taken for a playlist), so that
    /// it can be named in a reason and an event. Returns the new name.
    func renameUnnamable(_ raw: [UInt8]) throws(LobbyCoreError) -> String {
        let readable = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\u{FFFD}", with: "?")
        let name = Self.shortened(readable, to: 200) + ".badname"
        let source = Array(incoming.utf8) + [UInt8(ascii: "/")] + raw + [0]
        let destination = Array("\(incoming)/\(name)".utf8) + [0]
        let renamed = source.withUnsafeBufferPointer { from in
            destination.withUnsafeBufferPointer { to in
                from.withMemoryRebound(to: CChar.self) { from in
                    to.withMemoryRebound(to: CChar.self) { Glibc.rename(from.baseAddress!, $0.baseAddress!) }
                }
            }
        }
        guard renamed == 0 else {
            throw .unwritable(file: "\(incoming)/\(name)", reason: Messages.System.error(errno).description)
        }
        return name
    }

    func list(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Removes `name` from `accepted/` with its approval sheet (a file already gone is no error).
    func removeAccepted(_ name: String) throws(LobbyCoreError) {
        let path = "\(accepted)/\(name)"
        guard unlink(path) == 0 || errno == ENOENT else {
            throw .unwritable(file: path, reason: Messages.System.error(errno).description)
        }
        unlink("\(path).sig")
    }

    /// Whether an entry of any kind (a dangling symbolic link too) has this path.
    func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// `20261125T020000Z`, from the entry's modification time (the link's own, for a link).
    private func stamp(of path: String) -> String {
        var status = stat()
        let seconds = lstat(path, &status) == 0 ? status.st_mtim.tv_sec : time(nil)
        var parts = tm()
        var value = seconds
        gmtime_r(&value, &parts)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
            parts.tm_min, parts.tm_sec)
    }

    private func rename(_ source: String, _ destination: String) throws(LobbyCoreError) {
        guard Glibc.rename(source, destination) == 0 else {
            throw .unwritable(file: destination, reason: Messages.System.error(errno).description)
        }
    }
}
