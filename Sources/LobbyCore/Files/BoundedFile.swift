import Foundation

/// Reads a file that someone else controls (the spool, a reason file, a configuration) without
/// letting it decide what happens: it must be a regular file (a FIFO would block the reader, a
/// device never end), its size is checked with `fstat` on the open descriptor before one byte is
/// read, and no more than `limit` bytes are ever read even if it grows meanwhile.
public enum BoundedFile {
    public enum Links: Sendable {
        /// Open what a symbolic link points to (configuration under /etc may be linked).
        case follow
        /// A symbolic link is refused: in the spool it could point anywhere (`/etc/shadow`).
        case refuse
    }

    /// Why a file was not read; `description` is the reason a person reads.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case missing
        case cannotOpen(reason: String)
        case symbolicLink
        case notRegular(kind: String)
        case tooLarge(size: Int, limit: Int)

        public var description: String {
            switch self {
            case .missing: Messages.System.error(ENOENT).description
            case .cannotOpen(let reason): reason
            case .symbolicLink: Messages.System.symbolicLink.description
            case .notRegular(let kind): Messages.System.notRegular(kind).description
            case .tooLarge(let size, let limit): Messages.System.tooLarge(size, limit).description
            }
        }
    }

    public static func read(_ path: String, limit: Int, links: Links = .follow) throws(Failure) -> [UInt8] {
        try read(path, limit: limit, links: links) { _, _ in 0 }
    }

    /// Reads from the offset `start` chooses, given the open file and its size: the end of a
    /// large append-only file, with `limit` bounding what is read.
    public static func read(
        _ path: String, limit: Int, links: Links = .follow, from start: (_ descriptor: Int32, _ size: Int) -> Int
    ) throws(Failure) -> [UInt8] {
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (links == .refuse ? O_NOFOLLOW : 0)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .missing }
            if errno == ELOOP && links == .refuse { throw .symbolicLink }
            throw .cannotOpen(reason: Messages.System.error(errno).description)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .cannotOpen(reason: Messages.System.error(errno).description)
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegular(kind: kind(of: status.st_mode)) }
        let offset = min(max(0, start(descriptor, Int(status.st_size))), Int(status.st_size))
        let size = Int(status.st_size) - offset
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes[count...].withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress, $0.count, off_t(offset + count))
            }
            if read < 0 && errno == EINTR { continue }
            guard read >= 0 else { throw .cannotOpen(reason: Messages.System.error(errno).description) }
            if read == 0 { break }
            count += read
            // It grew after fstat: read on only as far as the limit allows.
            if count == bytes.count && count <= limit {
                bytes += [UInt8](repeating: 0, count: min(64 * 1024, limit + 1 - count))
            }
        }
        guard count <= limit else { throw .tooLarge(size: count, limit: limit) }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// What a non-regular file is, for the reason a person reads.
    public static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: Messages.System.directory.description
        case S_IFIFO: Messages.System.fifo.description
        case S_IFSOCK: Messages.System.socket.description
        case S_IFCHR, S_IFBLK: Messages.System.device.description
        case S_IFLNK: Messages.System.link.description
        default: Messages.System.special.description
        }
    }
}
