import Foundation
import LobbyCore
import LobbyStore
import LobbyTestSupport
import Testing

/// A constructed October 2026 whose figures were computed by hand: National Day week, a make-up
/// Saturday with maintenance, a link outage across 12:00, an override, lobbyd stopped for 30 min.
@Suite("Monthly report")
struct MonthlyReportTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    let directory: TemporaryDirectory
    let report: MonthlyReport

    init() throws {
        directory = try TemporaryDirectory()
        let log = try EventLog(path: "\(directory.path)/lobbyd.sqlite")
        let events: [(String, EventKind, String, [String: String])] = [
            ("2026-09-30T20:00", .daemonStart, "daemon", [:]), ("2026-09-30T20:00:01", .linkUp, "daemon", [:]),
            ("2026-09-30T20:00:02", .screenOff, "schedule", [:]),
            // 8 Oct: link down 11:50-12:10, across the end of the morning window.
            ("2026-10-08T08:20", .screenOn, "schedule", [:]),
            ("2026-10-08T09:00", .dailyCheck, "1000:zhang", ["note": "屏幕正常"]),
            ("2026-10-08T11:50", .linkDown, "daemon", [:]), ("2026-10-08T12:00", .screenOff, "schedule", [:]),
            ("2026-10-08T12:10", .linkUp, "daemon", [:]), ("2026-10-08T14:20", .screenOn, "schedule", [:]),
            ("2026-10-08T17:30", .screenOff, "schedule", [:]),
            // 10 Oct, a make-up Saturday: maintenance 14:00-15:00 keeps the screen dark until 15:00.
            ("2026-10-10T08:20", .screenOn, "schedule", [:]), ("2026-10-10T12:00", .screenOff, "schedule", [:]),
            ("2026-10-10T14:00", .maintenanceStart, "1001:li", ["note": "更换电源"]),
            ("2026-10-10T15:00", .maintenanceEnd, "1001:li", ["note": "完成"]),
            ("2026-10-10T15:00:00", .screenOn, "schedule", [:]),
            ("2026-10-10T17:30", .screenOff, "schedule", [:]),
            // 12 Oct: an override lights the screen 13:00-14:00.
            ("2026-10-12T08:20", .screenOn, "schedule", [:]), ("2026-10-12T12:00", .screenOff, "schedule", [:]),
            (
                "2026-10-12T13:00", .override, "1002:wang",
                // As the daemon writes it, in the hall's zone (hardening finding 14: the report
                // read only the UTC form, and overrides never reached it).
                ["state": "on", "until": "2026-10-12T14:00:00+08:00", "reason": "领导视察"]
            ),
            ("2026-10-12T13:00:00", .screenOn, "1002:wang", [:]), ("2026-10-12T14:00", .screenOff, "schedule", [:]),
            ("2026-10-12T14:20", .screenOn, "schedule", [:]), ("2026-10-12T17:30", .screenOff, "schedule", [:]),
            // 13 Oct: lobbyd stopped 10:00-10:30.
            ("2026-10-13T08:20", .screenOn, "schedule", [:]), ("2026-10-13T10:00", .daemonStop, "daemon", [:]),
            ("2026-10-13T10:30", .daemonStart, "daemon", [:]), ("2026-10-13T10:30:00", .linkUp, "daemon", [:]),
            ("2026-10-13T10:30:00", .screenOn, "schedule", [:]), ("2026-10-13T12:00", .screenOff, "schedule", [:]),
            ("2026-10-13T14:20", .screenOn, "schedule", [:]), ("2026-10-13T17:30", .screenOff, "schedule", [:]),
            // 14 Oct: the sign lost power at 09:00 and showed its content again at 09:03.
            ("2026-10-14T08:20", .screenOn, "schedule", [:]), ("2026-10-14T09:00", .signReset, "daemon", [:]),
            ("2026-10-14T09:03", .signRestored, "daemon", [:]), ("2026-10-14T12:00", .screenOff, "schedule", [:]),
            ("2026-10-14T14:20", .screenOn, "schedule", [:]),
            // … and refused part of an upload at 15:00, put right at 15:05.
            ("2026-10-14T15:00", .signRefused, "daemon", [:]), ("2026-10-14T15:05", .signRestored, "daemon", [:]),
            ("2026-10-14T17:30", .screenOff, "schedule", [:]),
            // Proof of play, one row per item per hour.
            (
                "2026-10-08T09:00", .frameShown, "schedule",
                ["item": "hall-news#1#0", "category": "service-hall", "seconds": "2700"]
            ),
            (
                "2026-10-08T09:00", .frameShown, "schedule",
                ["item": "hotline-12345#1#0", "category": "hotline-12345", "seconds": "900"]
            ),
            (
                "2026-10-08T10:00", .frameShown, "schedule",
                ["item": "hall-news#1#1", "category": "service-hall", "seconds": "600"]
            ),
        ]
        for (time, kind, actor, detail) in events {
            try log.append(EventEntry(date: Self.zone.parseInstant(time)!, kind: kind, detail: detail, actor: actor))
        }
        try log.anchor(.write, at: Self.zone.parseInstant("2026-10-31T00:00")!)
        let schedule = Schedule(
            configuration: Configuration(),
            calendar: try WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar")]))
        report = try log.monthlyReport(
            year: 2026, month: 10, schedule: schedule, now: Self.zone.parseInstant("2026-11-15T09:00")!)
    }

    func day(_ number: Int) -> DayReport { report.days[number - 1] }

    @Test("a holiday requires nothing and shows nothing")
    func holiday() {
        #expect(day(1).day.reason == .holiday("国庆节") && day(1).requiredMinutes == 0 && day(1).shownMinutes == 0)
        #expect(day(1).coverage == nil)
    }

    @Test("an outage across 12:00 counts only inside the window")
    func outageAcrossNoon() {
        #expect(day(8).requiredMinutes == 410 && day(8).shownMinutes == 400 && day(8).outageMinutes == 10)
        #expect(abs((day(8).coverage ?? 0) - 400.0 / 410.0) < 1e-9)
        #expect(day(8).outages.map(\.cause) == [.linkDown])
        #expect(day(8).dailyChecks.map(\.actor) == ["1000:zhang"])
    }

    @Test("a make-up Saturday is required like a workday; maintenance is an outage, listed with who and what")
    func makeupSaturdayWithMaintenance() {
        #expect(day(10).day.reason == .makeup("国庆节") && day(10).requiredMinutes == 410 && day(10).shownMinutes == 370)
        #expect(day(10).outages.map(\.cause) == [.maintenance] && day(10).outageMinutes == 40)
        #expect(day(10).maintenance.map(\.actor) == ["1001:li"] && day(10).maintenance[0].span.seconds == 3600)
        #expect(day(10).dailyChecks.isEmpty && day(10).isMissingCheck)
    }

    @Test("an override's extra time is shown but not required, and listed with who and why")
    func override() {
        #expect(day(12).shownMinutes == 470 && day(12).coverage == 1)
        #expect(
            day(12).overrides.count == 1 && day(12).overrides[0].actor == "1002:wang"
                && day(12).overrides[0].text.contains("领导视察"))
    }

    @Test("time with lobbyd stopped inside a window is an outage")
    func daemonStopped() {
        #expect(day(13).shownMinutes == 380 && day(13).outageMinutes == 30)
        #expect(day(13).outages.map(\.cause) == [.notRunning])
    }

    @Test(
        "a blank sign after a power cut, or one that refused an upload, is an outage until it shows its content again")
    func signReset() {
        #expect(day(14).shownMinutes == 402 && day(14).outageMinutes == 8)
        #expect(day(14).outages.map(\.cause) == [.signReset, .signRefused])
    }

    @Test("the month's totals equal the hand-computed ones")
    func totals() {
        #expect(report.requiredMinutes == 18 * 410)
        #expect(report.shownMinutes == 7352)  // 18 × 410 required, 88 not shown, 60 by the override
        #expect(report.outageMinutes == 88)  // 10 link, 40 maintenance, 30 stopped, 8 sign
        #expect(report.missingDailyChecks == 17)
    }

    @Test("minutes shown are summed per category and per playlist from proof of play")
    func minutesShown() {
        #expect(report.minutesByCategory.map(\.name) == ["service-hall", "hotline-12345"])
        #expect(report.minutesByCategory.map(\.minutes) == [55, 15])
        #expect(report.minutesByPlaylist.map(\.name) == ["hall-news", "hotline-12345"])
        let csv = report.render(.csv)
        #expect(csv.contains("\r\ncategory,,,,,55.0,,,,,,,,,,,service-hall\r\n"))
        #expect(csv.contains("\r\nplaylist,,,,,55.0,,,,,,,,,,,hall-news\r\n"))
    }

    /// Hardening: the chain head printed on each monthly report, so a paper copy can be checked.
    @Test("the report names the month's last event row and its chain hash")
    func chainHead() throws {
        let log = try EventLog(path: "\(directory.path)/lobbyd.sqlite")
        let november = Self.zone.parseInstant("2026-11-01T00:00")!
        let last = try #require(try log.events(until: november, limit: 1_000).last)
        #expect(report.chainHead?.row == last.id && report.chainHead?.hash == last.hash)
        // The whole log: no anchor file, so the chain is checked from its first row to its last.
        let total = try log.events(limit: 10_000).count
        #expect(report.verification == .intact(rows: total))
        for format in MonthlyReport.Format.allCases where format != .csv {
            #expect(
                report.render(format).contains(
                    "自第 1 行起共 \(total) 行，哈希链完整（本月全部记录在内）；截至本月末的最后一行为第 \(last.id!) 行，哈希 \(last.hash)"))
        }
    }

    @Test("markdown, CSV and HTML carry the same figures; the HTML draws each day's timeline")
    func formats() {
        let markdown = report.render(.md)
        #expect(markdown.hasPrefix("# 政务服务中心一楼LED显示屏运行情况月报（2026年10月）\n"))
        #expect(
            markdown.contains(
                "| 2026-10-08 | 工作日 | 08:20-12:00, 14:20-17:30（推算：按现行日历） | 410.0 | 400.0 | 97.6% | 11:50–12:00 通信中断（10.0） | 09:00 1000:zhang：屏幕正常 |"
            ))
        let csv = report.render(.csv).split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(
            csv[10]
                == "day,2026-10-10,调休上班：国庆节,\"08:20-12:00, 14:20-17:30（推算：按现行日历）\",410.0,370.0,90.2%,未记录,0.0,40.0,0.0,0.0,0.0,0.0,0.0,2026-10-10 14:00–15:00 维护 1001:li 更换电源；完成,"
        )
        let html = report.render(.html)
        #expect(html.contains("<svg width=\"208\" height=\"12\"") && html.contains("fill=\"#d22\""))
        let english = report.render(.md, site: .init(name: "City Hall", language: .english))
        #expect(english.hasPrefix("# City Hall LED screen: monthly operation report (October 2026)\n"))
    }

    @Test("--month: YYYY-MM, 本月/this and 上月/last in hall time, across a year's end; nothing else")
    func monthNames() throws {
        let january = try #require(LocalDate(year: 2027, month: 1, day: 15))
        #expect(MonthlyReport.month("2026-11", today: january)! == (2026, 11))
        #expect(MonthlyReport.month("本月", today: january)! == (2027, 1))
        #expect(MonthlyReport.month("this", today: january)! == (2027, 1))
        #expect(MonthlyReport.month("上月", today: january)! == (2026, 12))
        #expect(MonthlyReport.month("last", today: january)! == (2026, 12))
        for text in ["2026-13", "2026-00", "2026-1", "26-11", "2026-1１", "+026-11", "2026/11", "", "下月"] {
            #expect(MonthlyReport.month(text, today: january) == nil, "\(text)")
        }
    }
}
