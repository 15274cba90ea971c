import Foundation
import LobbyCore

/// Completed entries in one directory, from the kernel: `IN_CLOSE_WRITE` (a writer closed the
/// file), `IN_MOVED_TO` (an atomic rename into it) and `IN_CREATE` (reported separately: only an
/// entry that is not a regular file, such as a FIFO or directory, is complete when created). No
/// polling of the directory; when the kernel's queue overflowed, `Batch.overflowed` says the
/// caller must list the directory itself.
final class Inotify {
    struct Batch {
        /// Entries written, closed or moved in.
        var completed: [String] = []
        /// Entries created; complete only if they are not regular files.
        var created: [String] = []
        /// Entries whose names are not UTF-8, as the kernel gave them: renamed before anything else.
        var unnamable: [[UInt8]] = []
        /// Events were lost: every entry in the directory must be looked at.
        var overflowed = false
    }

    private let descriptor: Int32
    private static let closeWrite: UInt32 = 0x0000_0008  // IN_CLOSE_WRITE
    private static let movedTo: UInt32 = 0x0000_0080  // IN_MOVED_TO
    private static let create: UInt32 = 0x0000_0100  // IN_CREATE
    private static let overflow: UInt32 = 0x0000_4000  // IN_Q_OVERFLOW

    init(directory: String) throws(LobbyCoreError) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw .unreadable(file: directory, reason: "inotify: \(Messages.System.error(errno).description)")
        }
        guard inotify_add_watch(descriptor, directory, Self.closeWrite | Self.movedTo | Self.create) >= 0 else {
            let reason = Messages.System.error(errno).description
            close(descriptor)
            throw .unreadable(file: directory, reason: Messages.Daemon.cannotWatch(reason).description)
        }
    }

    deinit {
        close(descriptor)
    }

    /// What happened since the last call, waiting up to `timeout` for the first event.
    func wait(timeout: Duration) -> Batch {
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: timeout.milliseconds)
        var batch = Batch()
        guard poll(&pollDescriptor, 1, max(0, milliseconds)) > 0 else { return batch }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            Self.decode(buffer[..<count], into: &batch)
        }
        return batch
    }

    /// `struct inotify_event`: wd (4), mask (4), cookie (4), len (4), then `len` bytes of name.
    private static func decode(_ bytes: ArraySlice<UInt8>, into batch: inout Batch) {
        func word(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        var offset = bytes.startIndex
        while offset + 16 <= bytes.endIndex {
            let mask = word(offset + 4)
            let length = Int(word(offset + 12))
            let nameBytes = bytes[(offset + 16)..<min(offset + 16 + length, bytes.endIndex)].prefix { $0 != 0 }
            if mask & overflow != 0 {
                batch.overflowed = true
            } else if let name = String(validating: nameBytes, as: UTF8.self), !name.isEmpty {
                if mask & create != 0 { batch.created.append(name) } else { batch.completed.append(name) }
            } else if !nameBytes.isEmpty {
                batch.unnamable.append(Array(nameBytes))
            }
            offset += 16 + length
        }
    }
}
