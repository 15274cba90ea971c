import Foundation
import LobbyCore

/// Completed files in one directory, from the kernel: `IN_CLOSE_WRITE` (a writer closed the file)
/// and `IN_MOVED_TO` (an atomic rename into it). No polling of the directory.
final class Inotify {
    private let descriptor: Int32
    private static let closeWrite: UInt32 = 0x0000_0008  // IN_CLOSE_WRITE
    private static let movedTo: UInt32 = 0x0000_0080  // IN_MOVED_TO

    init(directory: String) throws(LobbyCoreError) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw .unreadable(file: directory, reason: "inotify: \(String(cString: strerror(errno)))")
        }
        guard inotify_add_watch(descriptor, directory, Self.closeWrite | Self.movedTo) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .unreadable(file: directory, reason: "cannot watch: \(reason)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Names of the files completed since the last call, waiting up to `timeout` for the first.
    func wait(timeout: Duration) -> [String] {
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: timeout.milliseconds)
        guard poll(&pollDescriptor, 1, max(0, milliseconds)) > 0 else { return [] }
        var names: [String] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            names += Self.names(in: buffer[..<count])
        }
        return names
    }

    /// `struct inotify_event`: wd (4), mask (4), cookie (4), len (4), then `len` bytes of name.
    private static func names(in bytes: ArraySlice<UInt8>) -> [String] {
        var names: [String] = []
        var offset = bytes.startIndex
        while offset + 16 <= bytes.endIndex {
            let length =
                Int(bytes[offset + 12]) | Int(bytes[offset + 13]) << 8 | Int(bytes[offset + 14]) << 16 | Int(
                    bytes[offset + 15]) << 24
            let nameBytes = bytes[(offset + 16)..<min(offset + 16 + length, bytes.endIndex)].prefix { $0 != 0 }
            if !nameBytes.isEmpty { names.append(String(decoding: nameBytes, as: UTF8.self)) }
            offset += 16 + length
        }
        return names
    }
}
