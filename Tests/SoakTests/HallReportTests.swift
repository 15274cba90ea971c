import Foundation
import LobbyCore
import LobbyStore
import LobbyTestSupport
import Testing

@testable import LobbyDaemon

/// The monthly report from what the real player logs, in virtual time: a hall started on a
/// Monday before its first playlist arrives, run to the next midnight.
@Suite("Monthly report from the hall's own log")
struct HallReportTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    @Test("a window dark for want of content is logged at its start and reported as 无可播内容; the day's rules are logged")
    func darkWindowWithoutContent() throws {
        let monday = try #require(LocalDate(year: 2026, month: 11, day: 23))
        let hall = try SoakHall(start: Self.zone.instant(of: monday, secondOfDay: 8 * 3600))
        // As `Daemon.run` records it, before its link starts (here the hall's link began with
        // the hall, so its link_up is written again after the start).
        try hall.state.recorder.recordDurably(.daemonStart, "started", actor: "daemon", at: hall.time.wall)
        try hall.state.recorder.recordDurably(.linkUp, "link up", actor: "daemon", at: hall.time.wall)
        func live(until secondOfDay: Double, day: LocalDate = monday) {
            let end = Self.zone.instant(of: day, secondOfDay: secondOfDay)
            while hall.time.wall < end {
                let next = hall.tick()
                hall.time.advance(by: max(Duration.milliseconds(10), min(next, Duration.seconds(1))))
                hall.sign.passTime()
            }
        }
        live(until: 9 * 3600)
        try hall.drop(name: "news", text: SamplePlaylist.text())
        live(until: 5, day: monday.adding(days: 1))
        hall.finish()

        // The writer thread catches up with what the soak recorded.
        hall.state.recorder.flush()
        let log = try EventLog(path: hall.configuration.paths.database)
        let events = try log.events(until: hall.time.wall, limit: 100_000)
        func times(_ kind: EventKind) -> [Double] {
            events.filter { $0.kind == kind.rawValue }.compactMap(\.date).map {
                $0.timeIntervalSince(Self.zone.instant(of: monday))
            }
        }
        // At the window's start, not only when content runs out inside one.
        let missing = try #require(times(.contentMissing).first)
        #expect(abs(missing - (8 * 3600 + 20 * 60)) < 1.5 && times(.contentMissing).count == 1)
        let restored = try #require(times(.contentRestored).first)
        #expect(restored >= 9 * 3600 && restored < 9 * 3600 + 2)
        // At start and at midnight.
        let rules = events.filter { $0.kind == EventKind.scheduleApplied.rawValue }
        #expect(rules.count == 2)

        let schedule = Schedule(
            configuration: hall.configuration,
            calendar: try WorkdayCalendar.load(directories: hall.configuration.calendar.directories))
        let report = try log.monthlyReport(year: 2026, month: 11, schedule: schedule, now: hall.time.wall)
        let day = report.days[22]
        #expect(day.status == .inService && day.rulesSource == .logged && day.requiredMinutes == 410)
        #expect(abs(day.outageMinutes(.noContent) - 40) < 2.0 / 60, "\(day.outages)")
        #expect(report.days[21].status == .notInService && report.days[24].status == .future)
    }
}
