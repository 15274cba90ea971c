import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender
import Synchronization
import Testing

/// The sign's clock after a re-sync, in virtual time against the in-process sign: it shows
/// hours and minutes only and counts its minute from when it was set, so lobbyd sets it again
/// when the next minute turns.
@Suite("The sign's clock")
struct SignClockTests {
    @Test(
        "within 2 s of the hall's clock once the next minute has turned after a re-sync, whatever the second",
        arguments: [0.2, 20.0, 40.6, 59.4])
    func alignedToTheMinute(second: Double) throws {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let day = try #require(LocalDate(year: 2026, month: 11, day: 30))
        let start = zone.instant(of: day, secondOfDay: 8 * 3600 + 20 * 60 + second)
        let time = VirtualTime(start: start)
        let sign = SoakSign(time: time)
        var serial = Configuration().serial
        serial.baud = 9600
        let driver = LinkDriver(
            path: "/dev/soak-sign", serial: serial, controller: try AlphaController(configuration: Configuration()),
            zone: zone, healthInterval: .seconds(15), clocks: time.clocks,
            open: { path, _ throws(LinkError) in try sign.open(path: path) }, report: { _ in })
        driver.show(SignProgram(pages: [Frame(width: 192, height: 32)]))
        var loop = LinkLoop(driver: driver)
        loop.begin()
        // Two minutes of the link's own timers, the sign's clock running with them.
        while time.elapsed < .seconds(120) {
            let next: Duration = loop.step()
            time.advance(by: max(next, Duration.milliseconds(10)))
            sign.passTime()
            let hall = zone.localTime(of: time.wall).secondOfDay
            if time.elapsed > Duration.seconds(61) {
                #expect(abs(sign.secondOfDay - hall) <= 2, "at \(hall) s the sign shows \(sign.secondOfDay) s")
            }
        }
        #expect(sign.complaints.isEmpty, "\(sign.complaints)")
    }

    @Test("a sign that kept a manifest and answers without one was reset, even with its clock right")
    func manifestGoneClockRight() throws {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let day = try #require(LocalDate(year: 2026, month: 11, day: 30))
        let time = VirtualTime(start: zone.instant(of: day, secondOfDay: 10 * 3600))
        let sign = SoakSign(time: time)
        let reports = Mutex<[LinkReport]>([])
        let controller = try AlphaController(configuration: Configuration())
        let driver = LinkDriver(
            path: "/dev/soak-sign", serial: Configuration().serial, controller: controller, zone: zone,
            healthInterval: .seconds(15), clocks: time.clocks,
            open: { path, _ throws(LinkError) in try sign.open(path: path) },
            report: { report in reports.withLock { $0.append(report) } })
        driver.show(SignProgram(pages: [Frame(width: 192, height: 32)]))
        var loop = LinkLoop(driver: driver)
        loop.begin()
        func run(for duration: Duration) {
            let end = time.elapsed + duration
            while time.elapsed < end {
                time.advance(by: max(loop.step(), Duration.milliseconds(10)))
                sign.passTime()
            }
        }
        run(for: .seconds(5))
        #expect(reports.withLock { $0.contains { if case .synced = $0 { true } else { false } } })
        // A power cut, and the clock set right just after it (as lobbyd's minute alignment can
        // do when the cut falls between its probe and its clock packet).
        sign.cutPower()
        sign.restorePower()
        let now = zone.localTime(of: time.wall)
        let seconds = Int(now.secondOfDay)
        let port = try sign.open(path: "/dev/soak-sign")
        for packet in controller.setClock(hour: seconds / 3600, minute: seconds / 60 % 60, isoWeekday: 1) {
            try port.write(packet.bytes, timeout: .seconds(1))
        }
        run(for: .seconds(20))
        #expect(reports.withLock { $0.contains(.signReset) }, "\(reports.withLock { $0 })")
        #expect(sign.isLit)
    }
}
