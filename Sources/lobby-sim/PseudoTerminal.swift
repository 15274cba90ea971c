import CPty
import Foundation

/// A pseudo-terminal whose slave side is reachable through a stable symlink, like a serial
/// adapter under /dev/serial/by-id. Closing it is how the simulator "unplugs the cable".
final class PseudoTerminal: SimulatorPort {
    let master: Int32
    let slavePath: String
    let link: String

    var endpoint: String { link }

    init(link: String) throws {
        master = lobby_open_pty_master(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        var name = [CChar](repeating: 0, count: 128)
        guard master >= 0, lobby_pty_slave_name(master, &name, UInt(name.count)) == 0 else {
            throw SimulatorError("cannot create a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.link = link
        let temporary = "\(link).\(getpid()).tmp"
        unlink(temporary)
        guard symlink(slavePath, temporary) == 0, rename(temporary, link) == 0 else {
            throw SimulatorError("cannot link \(link) to \(slavePath): \(String(cString: strerror(errno)))")
        }
    }

    /// Unplugs: the link disappears and the other side sees the line close.
    func close() {
        unlink(link)
        Glibc.close(master)
    }

    /// Bytes the other side wrote, waiting up to `milliseconds`; empty when nobody has it open.
    func read(milliseconds: Int32) -> [UInt8] {
        var poll = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&poll, 1, milliseconds) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress, $0.count) }
        if count <= 0 {
            // EIO: nobody holds the slave open yet; do not spin.
            usleep(20_000)
            return []
        }
        return Array(buffer[..<count])
    }

    /// The speed the other side set on the line (a pseudo-terminal carries it, unused), in baud;
    /// `nil` when it is not one a serial card runs at.
    var lineSpeed: Int? {
        var settings = termios()
        guard tcgetattr(master, &settings) == 0 else { return nil }
        let speeds: [speed_t: Int] = [
            speed_t(B1200): 1200, speed_t(B2400): 2400, speed_t(B4800): 4800, speed_t(B9600): 9600,
            speed_t(B19200): 19200, speed_t(B38400): 38400, speed_t(B57600): 57600, speed_t(B115200): 115200,
        ]
        return speeds[cfgetospeed(&settings)]
    }

    func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress, $0.count) }
    }
}

struct SimulatorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
