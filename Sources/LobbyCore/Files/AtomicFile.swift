import Foundation

/// Writes files so that a reader (the spool watcher, a crash, a power cut) sees either the old
/// file or the complete new one: write a temporary name in the same directory, fsync, rename,
/// fsync the directory.
public enum AtomicFile {
    /// Writes `bytes` to `path` with `mode`. Temporary names start with `.` and end in `.tmp`,
    /// which the spool watcher ignores.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(LobbyCoreError) {
        try prepare(bytes, for: path, mode: mode).commit()
    }

    /// A new content written and synced under a temporary name, not yet in place: `commit`
    /// renames it over the file, `discard` removes it. Between the two the caller can do what
    /// must happen before the change counts (record it); a crash in between leaves the old file.
    public struct Prepared: Sendable {
        let temporary: String
        let path: String
        let directory: String

        public func commit() throws(LobbyCoreError) {
            guard rename(temporary, path) == 0 else {
                let error = AtomicFile.failure(path)
                unlink(temporary)
                throw error
            }
            AtomicFile.syncDirectory(directory)
        }

        public func discard() {
            unlink(temporary)
        }
    }

    /// Writes and syncs `bytes` under a temporary name beside `path` (see `Prepared`).
    public static func prepare(_ bytes: [UInt8], for path: String, mode: mode_t = 0o644) throws(LobbyCoreError)
        -> Prepared
    {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        // A long name is shortened in the temporary one, which must fit NAME_MAX (255 bytes) too.
        let name = url.lastPathComponent
        let short = name.utf8.count > 180 ? String(name.prefix(40)) : name
        let temporary = "\(directory)/.\(short).\(getpid()).tmp"
        // What the rename will replace must be a file: found now, not after the caller has
        // recorded the change.
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            throw .unwritable(file: path, reason: Messages.System.error(EISDIR).description)
        }
        // One left by a process that had this pid and died in between.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(temporary) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                // Why, before close and unlink can change errno.
                let error = failure(temporary)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        let synced = fsync(descriptor) == 0 && fchmod(descriptor, mode) == 0
        let error = failure(temporary)
        close(descriptor)
        guard synced else {
            unlink(temporary)
            throw error
        }
        return Prepared(temporary: temporary, path: path, directory: directory)
    }

    /// Makes a rename in `directory` durable.
    public static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// The whole file as bytes (a regular file of at most `limit` bytes), with the reason on
    /// failure.
    public static func read(_ path: String, limit: Int = 16 << 20, links: BoundedFile.Links = .follow)
        throws(LobbyCoreError) -> [UInt8]
    {
        do {
            return try BoundedFile.read(path, limit: limit, links: links)
        } catch {
            throw .unreadable(file: path, reason: error.description)
        }
    }

    fileprivate static func failure(_ path: String) -> LobbyCoreError {
        .unwritable(file: path, reason: Messages.System.error(errno).description)
    }
}
