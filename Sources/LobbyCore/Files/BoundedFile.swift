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
            case .missing: "No such file or directory"
            case .cannotOpen(let reason): reason
            case .symbolicLink: "it is a symbolic link, which is not followed here"
            case .notRegular(let kind): "it is \(kind), not a regular file"
            case .tooLarge(let size, let limit): "the file is \(size) bytes; at most \(limit) are read"
            }
        }
    }

    public static func read(_ path: String, limit: Int, links: Links = .follow) throws(Failure) -> [UInt8] {
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (links == .refuse ? O_NOFOLLOW : 0)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .missing }
            if errno == ELOOP && links == .refuse { throw .symbolicLink }
            throw .cannotOpen(reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(reason: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegular(kind: kind(of: status.st_mode)) }
        guard status.st_size <= limit else { throw .tooLarge(size: Int(status.st_size), limit: limit) }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes[count...].withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if read < 0 && errno == EINTR { continue }
            guard read >= 0 else { throw .cannotOpen(reason: String(cString: strerror(errno))) }
            if read == 0 { break }
            count += read
            // It grew after fstat: read on only as far as the limit allows.
            if count == bytes.count && count <= limit {
                bytes += [UInt8](repeating: 0, count: min(64 * 1024, limit + 1 - count))
            }
        }
        guard count <= limit else { throw .tooLarge(size: count, limit: limit) }
        return Array(bytes[..<count])
    }

    /// What a non-regular file is, for the reason a person reads.
    public static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}
