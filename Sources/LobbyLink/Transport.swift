import Foundation
import LobbyCore

/// A byte pipe to the sign. Calls block for at most their timeout, and a caller runs them on its
/// own thread. Errors say what failed on which device, in the operating system's words.
public protocol Transport: AnyObject {
    /// The device path as configured, for logs and status.
    var path: String { get }
    /// Writes all of `bytes` or throws (timeout included: a sign that stops reading).
    func write(_ bytes: [UInt8], timeout: Duration) throws(LinkError)
    /// Whatever arrives within `timeout`, possibly nothing; throws when the device is gone.
    func read(timeout: Duration) throws(LinkError) -> [UInt8]
    /// The file descriptor to wait on for input (poll), so an idle link can sleep until the
    /// sign sends something or new content arrives; `nil` when the port has none.
    var pollDescriptor: Int32? { get }
    /// Drives the DTR or RTS line (the panel-power relay of many halls).
    func setControlLine(_ line: ControlLine, active: Bool) throws(LinkError)
    func close()
}

public enum ControlLine: String, Sendable, CaseIterable {
    case dtr, rts
}

/// Every error `LobbyLink` reports.
public enum LinkError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case writeTimedOut(path: String, sent: Int, total: Int)
    case readFailed(path: String, reason: String)
    case noReply(path: String, after: Duration)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            Messages.Link.cannotOpen(
                path, reason,
                permission: reason.contains(Self.permissionDenied)
                    || reason == Messages.System.error(EACCES).description
            ).description
        case .writeFailed(let path, let reason): Messages.Link.writeFailed(path, reason).description
        case .writeTimedOut(let path, let sent, let total):
            Messages.Link.writeTimedOut(path, sent: sent, total: total).description
        case .readFailed(let path, let reason): Messages.Link.readFailed(path, reason).description
        case .noReply(let path, let after): Messages.Link.noReply(path, within: "\(after)").description
        }
    }
}

extension LinkError {
    /// How libserialport says EACCES.
    static let permissionDenied = "Permission denied"  // lint: not for people (libserialport's words)
}

/// Opens the right transport for an endpoint (`[link] endpoint`). `tcp://HOST:PORT` connects
/// to a network card. A device path is followed through its symlinks (`/dev/serial/by-id/…`):
/// pseudo-terminals (the simulator, serial-over-network tunnels) are opened with termios,
/// because libserialport 0.1.1 cannot open them; everything else with `LibSerialPortTransport`.
public enum TransportFactory {
    public static func open(path: String, serial: Configuration.Serial) throws(LinkError) -> Transport {
        if case .tcp(let host, let port)? = LinkEndpoint(path) {
            return try DescriptorTransport.connect(path: path, host: host, port: port, timeout: connectTimeout)
        }
        let resolved = resolve(path)
        if resolved.hasPrefix("/dev/pts/") {
            return try DescriptorTransport.pseudoTerminal(path: path, device: resolved, serial: serial)
        }
        return try LibSerialPortTransport(path: path, device: resolved, serial: serial)
    }

    /// How long a TCP connection may take to open: a card on the hall's LAN answers in
    /// milliseconds; one that is off does not answer at all.
    static let connectTimeout = Duration.seconds(3)

    /// The device a path finally names.
    public static func resolve(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// Which transport `open` would choose, for the log line that says so.
    public static func kind(of path: String) -> String {
        if LinkEndpoint(path)?.isNetwork == true { return Messages.Link.networkTransport.description }
        return Messages.Link.transport(pty: resolve(path).hasPrefix("/dev/pts/")).description
    }
}
