import Foundation

/// Writes files so that a reader (the spool watcher, a crash, a power cut) sees either the old
/// file or the complete new one: write a temporary name in the same directory, fsync, rename,
/// fsync the directory.
public enum AtomicFile {
    /// Writes `bytes` to `path` with `mode`. Temporary names start with `.` and end in `.tmp`,
    /// which the spool watcher ignores.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(LobbyCoreError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        // A long name is shortened in the temporary one, which must fit NAME_MAX (255 bytes) too.
        let name = url.lastPathComponent
        let short = name.utf8.count > 180 ? String(name.prefix(40)) : name
        let temporary = "\(directory)/.\(short).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(temporary) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                close(descriptor)
                unlink(temporary)
                throw failure(temporary)
            }
            written += count
        }
        let synced = fsync(descriptor) == 0 && fchmod(descriptor, mode) == 0
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure(path)
        }
        syncDirectory(directory)
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

    private static func failure(_ path: String) -> LobbyCoreError {
        .unwritable(file: path, reason: Messages.System.error(errno).description)
    }
}
