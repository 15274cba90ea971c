import Foundation
import LobbyCore

/// A byte pipe on a non-blocking file descriptor, waited on with poll: a pseudo-terminal
/// (`pseudoTerminal`) or a TCP connection to an Ethernet card (`connect`, TCPEndpoint.swift).
/// Neither has modem lines: a power relay needs a real serial port.
public final class DescriptorTransport: Transport {
    public let path: String
    private var descriptor: Int32

    /// Takes over `descriptor`, which is open and non-blocking.
    init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// A pseudo-terminal, opened with termios: raw mode, the configured speed and framing.
    static func pseudoTerminal(path: String, device: String, serial: Configuration.Serial) throws(LinkError)
        -> DescriptorTransport
    {
        let descriptor = Glibc.open(device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: Messages.System.error(errno).description) }
        var settings = termios()
        tcgetattr(descriptor, &settings)
        cfmakeraw(&settings)
        cfsetspeed(&settings, speed(serial.baud))
        settings.c_cflag |= tcflag_t(CLOCAL | CREAD)
        tcsetattr(descriptor, TCSANOW, &settings)
        return DescriptorTransport(path: path, descriptor: descriptor)
    }

    deinit { close() }

    public var pollDescriptor: Int32? { descriptor >= 0 ? descriptor : nil }

    public func write(_ bytes: [UInt8], timeout: Duration) throws(LinkError) {
        let deadline = ContinuousClock.now + timeout
        var sent = 0
        while sent < bytes.count {
            guard descriptor >= 0 else { throw .writeFailed(path: path, reason: Messages.Link.portClosed.description) }
            let count = bytes[sent...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                sent += count
                continue
            }
            guard count < 0, errno == EAGAIN || errno == EINTR else {
                throw .writeFailed(path: path, reason: Messages.System.error(errno).description)
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero, wait(for: Int16(POLLOUT), timeout: left) else {
                throw .writeTimedOut(path: path, sent: sent, total: bytes.count)
            }
        }
    }

    public func read(timeout: Duration) throws(LinkError) -> [UInt8] {
        guard descriptor >= 0 else { throw .readFailed(path: path, reason: Messages.Link.portClosed.description) }
        guard wait(for: Int16(POLLIN), timeout: timeout) else { return [] }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && (errno == EAGAIN || errno == EINTR) { return [] }
        // A pty whose other side closed reads EIO (or 0), a connection the card closed reads
        // 0: the "cable" is unplugged.
        guard count > 0 else {
            throw .readFailed(
                path: path,
                reason: count == 0
                    ? Messages.Link.otherSideClosed.description : Messages.System.error(errno).description)
        }
        return Array(buffer[..<count])
    }

    public func setControlLine(_ line: ControlLine, active: Bool) throws(LinkError) {
        // No modem lines here; the simulator has no relay to switch (and `--check-config`
        // refuses a power relay on a network endpoint).
    }

    public func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Waits for `events`; `false` on timeout. A hang-up counts as ready so the next call fails.
    private func wait(for events: Int16, timeout: Duration) -> Bool {
        var poll = pollfd(fd: descriptor, events: events, revents: 0)
        let milliseconds = Int32(clamping: timeout.milliseconds)
        return Glibc.poll(&poll, 1, max(0, milliseconds)) > 0
    }

    static func speed(_ baud: Int) -> speed_t {
        switch baud {
        case 1200: speed_t(B1200)
        case 2400: speed_t(B2400)
        case 4800: speed_t(B4800)
        case 19200: speed_t(B19200)
        case 38400: speed_t(B38400)
        case 57600: speed_t(B57600)
        case 115200: speed_t(B115200)
        default: speed_t(B9600)
        }
    }
}
