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
        #expect(messages.contains { $0.hasPrefix("STATUS=屏幕") })
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 3)
        #expect(daemon.terminate(SIGTERM, timeout: .seconds(10)))
        var last: [String] = []
        while !last.contains("STOPPING=1"), last.count < 100, let message = receiver.receive(timeout: 2) {
            last.append(message)
        }
        #expect(last.contains("STOPPING=1"))

        let refused = try BuiltProgram("lobbyd").run(
            ["--config", "\(hall.path)/lobbyd.toml", "--clock-start", "2026-11-25T08:00"], environment: environment)
        #expect(refused.status == 2 && refused.standardError.contains("在 systemd 下拒绝使用"))
    }
}
