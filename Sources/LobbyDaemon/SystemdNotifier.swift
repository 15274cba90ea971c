import Foundation

/// The systemd notify protocol by its raw datagram, so lobbyd needs no libsystemd: `READY=1`,
/// `STATUS=…`, `WATCHDOG=1`, `STOPPING=1` to `$NOTIFY_SOCKET`. Without systemd it does nothing.
public struct SystemdNotifier: Sendable {
    public let socketPath: String?
    /// Half of `$WATCHDOG_USEC`: how often the main loop must say it is alive, if at all.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"]
        watchdogInterval = environment["WATCHDOG_USEC"].flatMap(Int64.init).map { .microseconds($0 / 2) }
    }

    /// Whether the process runs under systemd (a notify socket or an invocation id is set).
    public static func underSystemd(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        environment["NOTIFY_SOCKET"] != nil || environment["INVOCATION_ID"] != nil
    }

    public func notify(_ message: String) {
        guard var path = socketPath, !path.isEmpty else { return }
        if path.hasPrefix("@") { path = "\0" + path.dropFirst() }  // abstract namespace
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withCString { sendto(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL), socketAddress, length) }
            }
        }
    }
}
