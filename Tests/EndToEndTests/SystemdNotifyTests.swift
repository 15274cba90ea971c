import Foundation
import LobbyTestSupport
import Testing

/// lobbyd under systemd's notify protocol, with a fake NOTIFY_SOCKET: READY=1 once it runs,
/// then WATCHDOG=1 at half of WATCHDOG_USEC, STOPPING=1 on SIGTERM.
@Suite("systemd notify")
struct SystemdNotifyTests {
    @Test("READY=1, periodic WATCHDOG=1 and STOPPING=1 reach NOTIFY_SOCKET; --clock-start is refused there")
    func notify() throws {
        let hall = try TemporaryDirectory()
        try hall.writeHallConfiguration(device: "no-sign")
        let socketPath = "\(hall.path)/notify"
        let receiver = try DatagramReceiver(path: socketPath)
        let environment = ["NOTIFY_SOCKET": socketPath, "WATCHDOG_USEC": "400000"]
        let daemon = try RunningProgram("lobbyd", ["--config", "\(hall.path)/lobbyd.toml"], environment: environment)
        var messages: [String] = []
        while messages.filter({ $0 == "WATCHDOG=1" }).count < 3, messages.count < 50,
            let message = receiver.receive(timeout: 5)
        {
            messages.append(message)
        }
        #expect(messages.first == "READY=1")
        #expect(messages.contains { $0.hasPrefix("STATUS=screen ") })
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 3)
        #expect(daemon.terminate(SIGTERM, timeout: .seconds(10)))
        var last: [String] = []
        while !last.contains("STOPPING=1"), last.count < 100, let message = receiver.receive(timeout: 2) {
            last.append(message)
        }
        #expect(last.contains("STOPPING=1"))

        let refused = try BuiltProgram("lobbyd").run(
            ["--config", "\(hall.path)/lobbyd.toml", "--clock-start", "2026-11-25T08:00"], environment: environment)
        #expect(refused.status == 2 && refused.standardError.contains("refused under systemd"))
    }
}

/// A Unix datagram socket standing in for systemd's notify socket.
final class DatagramReceiver {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    deinit { close(descriptor) }

    /// The next datagram, or `nil` after `timeout` seconds of silence.
    func receive(timeout: Double) -> String? {
        var poll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&poll, 1, Int32(timeout * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
    }
}
