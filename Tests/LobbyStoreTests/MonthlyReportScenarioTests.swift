import Foundation
import LobbyCore
import LobbyStore
import LobbyTestSupport
import Testing

/// November 2026 as lobbyd would have logged it, every figure computed by hand: installed on
/// Monday the 16th at 10:00 with no content yet, a sign power cycle, an override off, a test
/// pattern, maintenance, a link outage, the windows changed by a reload on the 23rd, lobbyd
/// stopped on the 25th and back on the 27th, daily checks missing on some days. The report is
/// made on the 27th at 10:00 (a month still running) and again on 5 December.
@Suite("Monthly report: a month as the log records it")
struct MonthlyReportScenarioTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let standard = "08:20-12:00,14:20-17:30"
    static let changed = "09:00-12:00,14:00-17:00"
    let directory: TemporaryDirectory
    let log: EventLog
    let schedule: Schedule

    init() throws {
        directory = try TemporaryDirectory()
        log = try EventLog(path: "\(directory.path)/lobbyd.sqlite")
        schedule = Schedule(
            configuration: Configuration(),
            calendar: try WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar")]))
        let calendar = schedule.calendar
        /// The record lobbyd writes for `date` with `windows` on workdays.
        func rules(_ date: String, _ windows: String) -> [String: String] {
            var configuration = Configuration()
            configuration.windows.workday = windows.split(separator: ",").map { PlaybackWindow(parsing: String($0))! }
            return AppliedSchedule(
                schedule: Schedule(configuration: configuration, calendar: calendar), date: LocalDate(parsing: date)!
            ).detail
        }
        let accepted: [String: String] = [
            "id": "hall-news", "version": "3", "title": "大厅公告", "publisher": "发布员", "valid_from": "2026-11-16 00:00",
            "valid_until": "2026-12-31 00:00", "section": "综合科", "drafted": "王芳 2026-11-12",
            "reviewed": "李明 2026-11-13", "confidentiality_review": "passed", "approved": "张伟 2026-11-14",
            "confidentiality_approval": "通过",
            "document": "", "items": "service-hall\t欢迎来到政务服务中心\n!hotline-12345\t停电通知：今日下午暂停办理",
        ]
        let events: [(String, EventKind, String, [String: String])] = [
            // Installed on the 16th at 10:00, no playlist yet: the window is dark for want of content.
            ("2026-11-16T10:00", .daemonStart, "daemon", [:]),
            ("2026-11-16T10:00", .scheduleApplied, "schedule", rules("2026-11-16", Self.standard)),
            ("2026-11-16T10:00", .linkUp, "daemon", [:]), ("2026-11-16T10:00", .screenOn, "schedule", [:]),
            ("2026-11-16T10:00", .contentMissing, "schedule", [:]),
            ("2026-11-16T12:00", .screenOff, "schedule", [:]),
            ("2026-11-16T14:00", .playlistAccepted, "daemon", accepted),
            ("2026-11-16T14:20", .screenOn, "schedule", [:]), ("2026-11-16T17:30", .screenOff, "schedule", [:]),
            (
                "2026-11-16T18:00", .playlistRejected, "daemon",
                ["file": "rejected/x.toml", "problems": "1", "summary": "x.toml:3: 保密审核未通过"]
            ),
            // 17th: the sign loses power at 09:00 and shows its content again at 09:05; two checks.
            ("2026-11-17T00:00", .scheduleApplied, "schedule", rules("2026-11-17", Self.standard)),
            ("2026-11-17T09:00", .signReset, "daemon", [:]), ("2026-11-17T09:05", .signRestored, "daemon", [:]),
            ("2026-11-17T09:30", .dailyCheck, "1000:zhang", ["note": "屏幕正常"]),
            ("2026-11-17T16:00", .dailyCheck, "1000:zhang", ["note": "下午复查正常"]),
            // 18th: forced off 10:00–11:00, a test pattern at 15:00 for 10 minutes.
            ("2026-11-18T00:00", .scheduleApplied, "schedule", rules("2026-11-18", Self.standard)),
            ("2026-11-18T09:00", .dailyCheck, "1000:zhang", ["note": "正常"]),
            (
                "2026-11-18T10:00", .override, "1002:wang",
                ["state": "off", "until": "2026-11-18T11:00:00+08:00", "reason": "领导视察，临时关屏"]
            ),
            ("2026-11-18T15:00", .testPattern, "1001:li", ["pattern": "full", "minutes": "10"]),
            (
                "2026-11-18T16:00", .emergencyCleared, "1002:wang",
                [
                    "items": "hall-news#3#1", "reason": "已恢复供电\n## 伪造的标题",
                    "message": "1002:wang 撤下紧急通知 hall-news#3#1：已恢复供电\n## 伪造的标题",
                ]
            ),
            // 19th: the link is down 08:00–08:30.
            ("2026-11-19T00:00", .scheduleApplied, "schedule", rules("2026-11-19", Self.standard)),
            ("2026-11-19T08:00", .linkDown, "daemon", [:]), ("2026-11-19T08:30", .linkUp, "daemon", [:]),
            ("2026-11-19T09:00", .dailyCheck, "1000:zhang", ["note": "正常"]),
            // 20th: maintenance 14:00–15:00, no daily check.
            ("2026-11-20T00:00", .scheduleApplied, "schedule", rules("2026-11-20", Self.standard)),
            ("2026-11-20T14:00", .maintenanceStart, "1001:li", ["note": "更换电源"]),
            ("2026-11-20T15:00", .maintenanceEnd, "1001:li", ["note": "完成"]),
            // 23rd: a reload at 12:30 changes the windows.
            ("2026-11-23T00:00", .scheduleApplied, "schedule", rules("2026-11-23", Self.standard)),
            ("2026-11-23T09:00", .dailyCheck, "1000:zhang", ["note": "正常"]),
            ("2026-11-23T12:30", .configReloaded, "0:root", ["message": "configuration reloaded"]),
            ("2026-11-23T12:30", .scheduleApplied, "schedule", rules("2026-11-23", Self.changed)),
            ("2026-11-24T00:00", .scheduleApplied, "schedule", rules("2026-11-24", Self.changed)),
            ("2026-11-24T09:00", .dailyCheck, "1000:zhang", ["note": "正常"]),
            (
                "2026-11-24T11:00", .controlRefused, "1005:zhao",
                ["message": "1005:zhao is not root or in group lobbyops", "request": "override off"]
            ),
            // 25th: stopped at 16:30; the 26th has no record; started again on the 27th at 08:00.
            ("2026-11-25T00:00", .scheduleApplied, "schedule", rules("2026-11-25", Self.changed)),
            ("2026-11-25T16:30", .daemonStop, "daemon", [:]),
            ("2026-11-27T08:00", .daemonStart, "daemon", [:]),
            ("2026-11-27T08:00", .scheduleApplied, "schedule", rules("2026-11-27", Self.changed)),
            ("2026-11-27T08:00", .linkUp, "daemon", [:]),
            // … and its midnights: a running lobbyd is never silent for a day.
            ("2026-11-28T00:00", .scheduleApplied, "schedule", rules("2026-11-28", Self.changed)),
            ("2026-11-29T00:00", .scheduleApplied, "schedule", rules("2026-11-29", Self.changed)),
            ("2026-11-30T00:00", .scheduleApplied, "schedule", rules("2026-11-30", Self.changed)),
            ("2026-12-01T00:00", .scheduleApplied, "schedule", rules("2026-12-01", Self.changed)),
        ]
        for (time, kind, actor, detail) in events {
            try log.append(EventEntry(date: Self.zone.parseInstant(time)!, kind: kind, detail: detail, actor: actor))
        }
        // As lobbyd anchors each write of its own.
        try log.anchor(.write, at: Self.zone.parseInstant("2026-12-01T00:00")!)
    }

    /// The shipped calendar with a local holiday on a day of November 2026 (a `calendar.d` file).
    func calendar(withHoliday name: String, on day: Int) -> WorkdayCalendar {
        var calendar = schedule.calendar
        calendar.overlay(
            WorkdayCalendar(
                entries: [
                    LocalDate(year: 2026, month: 11, day: day)!: .init(
                        kind: .holiday, name: name, source: SourceLocation(file: "local.toml"))
                ], coveredYears: [2026]))
        return calendar
    }

    func report(at time: String, schedule: Schedule? = nil) throws -> MonthlyReport {
        try log.monthlyReport(
            year: 2026, month: 11, schedule: schedule ?? self.schedule, now: Self.zone.parseInstant(time)!)
    }

    @Test("every minute figure and every cause, day by day, for a month still running")
    func minutes() throws {
        let report = try report(at: "2026-11-27T10:00")
        func day(_ number: Int) -> DayReport { report.days[number - 1] }
        #expect(report.isPartial)
        #expect((1...15).allSatisfy { day($0).status == .notInService && day($0).requiredMinutes == 0 })
        #expect((28...30).allSatisfy { day($0).status == .future && day($0).requiredMinutes == 0 })
        let expected: [Int: (required: Double, shown: Double, causes: [OutageCause: Double])] = [
            16: (310, 190, [.noContent: 120]), 17: (410, 405, [.signReset: 5]),
            18: (410, 340, [.manualOff: 60, .maintenance: 10]), 19: (410, 400, [.linkDown: 10]),
            20: (410, 370, [.maintenance: 40]), 21: (0, 0, [:]), 22: (0, 0, [:]), 23: (400, 400, [:]),
            24: (360, 360, [:]), 25: (360, 330, [.notRunning: 30]), 26: (360, 0, [.notRunning: 360]),
            27: (60, 60, [:]),
        ]
        for (number, figures) in expected {
            #expect(day(number).status == .inService)
            #expect(day(number).requiredMinutes == figures.required, "required on the \(number)th")
            #expect(day(number).shownMinutes == figures.shown, "shown on the \(number)th")
            for cause in OutageCause.allCases {
                #expect(day(number).outageMinutes(cause) == figures.causes[cause] ?? 0, "\(cause) on the \(number)th")
            }
        }
        #expect(report.requiredMinutes == 3490 && report.shownMinutes == 2855 && report.outageMinutes == 635)
        #expect(day(23).rulesSource == .logged && day(26).rulesSource == .earlierRecord)
        #expect(report.missingDailyChecks == 5)
        #expect(day(17).dailyChecks.map(\.note) == ["屏幕正常", "下午复查正常"])
        let markdown = report.render(.md)
        #expect(markdown.contains("生成时间 2026-11-27 10:00，时区 Asia/Shanghai；截至 2026-11-27 10:00"))
        #expect(markdown.contains("| 2026-11-01 | 未投入使用 |") && markdown.contains("| 2026-11-30 | — |"))
        #expect(markdown.contains("| 2026-11-18 10:00–11:00 | 强制关屏 | 1002:wang | 领导视察，临时关屏 |"))
        #expect(markdown.contains("| 2026-11-18 15:00–15:10 | 维护/测试 | 1001:li | full |"))
        #expect(
            markdown.contains(
                "| 2026-11-23 | 工作日 | 08:20-12:00, 14:20-17:30 → 09:00-12:00, 14:00-17:00（12:30起） | 400.0 |"))
    }

    @Test("what an inspector asks for: approvals, refusals, freshness, emergencies, changes, integrity")
    func inspection() throws {
        let report = try report(at: "2026-12-05T09:00")
        #expect(!report.isPartial)
        #expect(report.publications.map(\.record.approved) == ["张伟 2026-11-14"])
        #expect(report.emergencies.map(\.item.text) == ["停电通知：今日下午暂停办理"])
        #expect(report.rejections.map(\.summary) == ["x.toml:3: 保密审核未通过"])
        #expect(report.entries.map(\.kind) == ["emergency_cleared", "config_reloaded", "control_refused"])
        // Nothing before the 16th; the gap from then to the month's end is 14.4 days, flagged.
        #expect(report.freshness.longestGapDays > 14 && report.freshness.longestGapDays < 15)
        let markdown = report.render(.md)
        #expect(markdown.contains("| 李明 2026-11-13（passed） | 张伟 2026-11-14（通过） |"))
        #expect(markdown.contains("超过14天，按巡查要求应予说明"))
        // The emergency section says who cleared a notice, and why.
        #expect(markdown.contains("1002:wang 撤下紧急通知 hall-news#3#1：已恢复供电 ## 伪造的标题"), "\(markdown)")
        #expect(!markdown.contains("\n## 伪造的标题"))
        #expect(markdown.contains("校验通过"))
        #expect(markdown.contains("制表人：") && markdown.contains("审核人："))
        #expect(markdown.contains("| 拒绝的控制命令 | 1005:zhao | 1005:zhao is not root or in group lobbyops：override off |"))
    }

    @Test("changing the windows afterwards leaves the earlier month's report byte for byte the same")
    func earlierMonthUnchanged() throws {
        let before = MonthlyReport.Format.allCases.map { try? report(at: "2026-12-05T09:00").render($0) }
        // December: the windows change, and the configuration read now says so too.
        try log.append(
            EventEntry(
                date: Self.zone.parseInstant("2026-12-01T09:00")!, kind: .configReloaded,
                detail: ["message": "configuration reloaded"], actor: "0:root"))
        try log.anchor(.write, at: Self.zone.parseInstant("2026-12-01T09:00")!)
        var configuration = Configuration()
        configuration.windows.workday = [PlaybackWindow(parsing: "08:00-18:00")!]
        // … and a calendar that would make the 26th, a day lobbyd did not run, a holiday.
        let now = Schedule(configuration: configuration, calendar: calendar(withHoliday: "设备检修", on: 26))
        let after = MonthlyReport.Format.allCases.map { try? report(at: "2026-12-05T09:00", schedule: now).render($0) }
        #expect(before == after)
        #expect(before.allSatisfy { $0 != nil })
        // The 26th, which lobbyd did not see, is the workday its calendar of the 25th foresaw.
        let december = try report(at: "2026-12-05T09:00", schedule: now)
        #expect(december.days[25].day.isWorkday && december.days[25].requiredMinutes == 360)
    }

    @Test("the CSV opens in Python's csv module (BOM and all) and its totals equal the sum of its rows")
    func csvInPython() throws {
        let path = try directory.write("report.csv", try report(at: "2026-12-05T09:00").render(.csv))
        let script = """
            import csv, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
            header, body = rows[0], rows[1:]
            assert header[0] == "section", header
            days = [r for r in body if r[0] == "day"]
            total = [r for r in body if r[0] == "total"]
            assert len(days) == 30 and len(total) == 1, (len(days), len(total))
            for column in range(4, len(header)):
                if header[column] in ("显示率", "日常管护", "维护、测试与人工干预", "名称"):
                    continue
                values = [float(r[column]) for r in days if r[column]]
                assert abs(sum(values) - float(total[0][column])) < 0.05, (header[column], sum(values), total[0][column])
            steering = header.index("维护、测试与人工干预")
            assert "强制关屏 1002:wang 领导视察，临时关屏" in days[17][steering], days[17][steering]
            print("ok", len(days), total[0][4])
            """
        let result = try BuiltProgram(path: "/usr/bin/python3").run(["-c", script, path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "ok 30 4150.0\n")
    }

    @Test("the HTML prints to A4 in Chromium: pages, title, totals and sign-off in the PDF's text")
    func printedByChromium() throws {
        let html = try directory.write("report.html", try report(at: "2026-12-05T09:00").render(.html))
        let pdf = "\(directory.path)/report.pdf"
        let chromium = try BuiltProgram(path: "/usr/bin/chromium").run(
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)",
                "file://\(html)",
            ], environment: ["HOME": directory.path])
        #expect(chromium.status == 0, "\(chromium.standardError)")
        let info = try BuiltProgram(path: "/usr/bin/pdfinfo").run([pdf])
        let pages = info.standardOutput.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        #expect(
            pages?.split(separator: " ").last == "4",
            "summary and days on 2, the inspection lists on 2: \(info.standardOutput)")
        #expect(info.standardOutput.contains("841.92 x 594.96 pts (A4)"), "A4 landscape")
        let text = try BuiltProgram(path: "/usr/bin/pdftotext").run(["-layout", pdf, "-"]).standardOutput
        #expect(text.contains("政务服务中心一楼LED显示屏运行情况月报（2026年11月）"))
        #expect(text.contains("应开屏 4150.0 分钟"))
        #expect(text.contains("制表人") && text.contains("审核人"))
        let image = "\(directory.path)/report-page1"
        let png = try BuiltProgram(path: "/usr/bin/pdftoppm").run([
            "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, image,
        ])
        #expect(png.status == 0 && FileManager.default.fileExists(atPath: image + ".png"))
        // Kept for a person to look at (the temporary directory goes with the test).
        for (from, to) in [(image + ".png", "lobbyd-report-page1.png"), (pdf, "lobbyd-report.pdf")] {
            let kept = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(to).path
            try? FileManager.default.removeItem(atPath: kept)
            try FileManager.default.copyItem(atPath: from, toPath: kept)
            print("monthly report as printed: \(kept)")
        }
    }

    @Test("a run that ended without daemon_stop (killed, power failure) counts as running only to its last record")
    func crashWithoutStop() throws {
        let directory = try TemporaryDirectory()
        let log = try EventLog(path: "\(directory.path)/lobbyd.sqlite")
        let events: [(String, EventKind, [String: String])] = [
            ("2026-11-16T08:00", .daemonStart, [:]), ("2026-11-16T08:00", .linkUp, [:]),
            // Proof of play is a sign of life: the hour's tally written at 09:00.
            (
                "2026-11-16T09:00", .frameShown,
                ["item": "hall-news#1#0", "category": "service-hall", "seconds": "2400"]
            ),
            // Killed some time later; started again at 14:00.
            ("2026-11-16T14:00", .daemonStart, [:]), ("2026-11-16T14:00", .linkUp, [:]),
        ]
        for (time, kind, detail) in events {
            try log.append(EventEntry(date: Self.zone.parseInstant(time)!, kind: kind, detail: detail, actor: "daemon"))
        }
        let day = try log.monthlyReport(
            year: 2026, month: 11, schedule: schedule, now: Self.zone.parseInstant("2026-12-01T09:00")!
        ).days[15]
        #expect(day.requiredMinutes == 410 && day.shownMinutes == 40 + 190)
        #expect(day.outageMinutes(.notRunning) == 180, "\(day.outages)")
    }

    @Test("rows forged with a correct chain are found by the anchors: the report says so and is not intact")
    func forgedRows() throws {
        try log.anchor(.stop, at: Self.zone.parseInstant("2026-11-27T09:00")!)
        try log.append(
            EventEntry(
                date: Self.zone.parseInstant("2026-11-26T09:00")!, kind: .dailyCheck, detail: ["note": "补记"],
                actor: "1000:zhang"))
        try log.anchor(.start, at: Self.zone.parseInstant("2026-11-27T09:30")!)
        let report = try report(at: "2026-12-05T09:00")
        #expect(!report.isIntact)
        #expect(report.render(.md).contains("校验未通过：日志与其锚点文件不符"))
    }

    @Test("maintenance opened in the month before is listed with who opened it and why, not who closed it")
    func maintenanceAcrossMonths() throws {
        let directory = try TemporaryDirectory()
        let log = try EventLog(path: "\(directory.path)/lobbyd.sqlite")
        let events: [(String, EventKind, String, [String: String])] = [
            ("2026-10-30T08:00", .daemonStart, "daemon", [:]),
            ("2026-10-31T10:00", .maintenanceStart, "1001:li", ["note": "更换模组"]),
            ("2026-11-02T09:00", .maintenanceEnd, "1002:wang", ["note": "完成"]),
        ]
        for (time, kind, actor, detail) in events {
            try log.append(EventEntry(date: Self.zone.parseInstant(time)!, kind: kind, detail: detail, actor: actor))
        }
        let report = try log.monthlyReport(
            year: 2026, month: 11, schedule: schedule, now: Self.zone.parseInstant("2026-12-01T09:00")!)
        let notes = report.days[0].maintenance
        #expect(notes.map(\.actor) == ["1001:li"] && notes.first?.text == "更换模组；完成")
        #expect(report.days[1].outageMinutes(.maintenance) == 40, "Monday the 2nd, 08:20–09:00")
    }

    @Test("a lobbyd killed and not started again that month: 未运行 from its last record, whatever comes next")
    func killedNotRestarted() throws {
        let directory = try TemporaryDirectory()
        let log = try EventLog(path: "\(directory.path)/lobbyd.sqlite")
        let calendar = schedule.calendar
        func rules(_ date: String) -> [String: String] {
            AppliedSchedule(
                schedule: Schedule(configuration: Configuration(), calendar: calendar),
                date: LocalDate(parsing: date)!
            ).detail
        }
        let events: [(String, EventKind, [String: String])] = [
            ("2026-11-16T08:00", .daemonStart, [:]), ("2026-11-16T08:00", .scheduleApplied, rules("2026-11-16")),
            ("2026-11-16T08:00", .linkUp, [:]),
            ("2026-11-17T00:00", .scheduleApplied, rules("2026-11-17")),
            (
                "2026-11-17T09:00", .frameShown,
                ["item": "hall-news#1#0", "category": "service-hall", "seconds": "2400"]
            ),
        ]
        for (time, kind, detail) in events {
            try log.append(EventEntry(date: Self.zone.parseInstant(time)!, kind: kind, detail: detail, actor: "daemon"))
        }
        // Silent since the 17th, 09:00: the report of the 1st of December sees it.
        let silent = try log.monthlyReport(
            year: 2026, month: 11, schedule: schedule, now: Self.zone.parseInstant("2026-12-01T06:00")!)
        #expect(silent.days[16].shownMinutes == 40 && silent.days[16].outageMinutes(.notRunning) == 370)
        #expect(silent.days[17].outageMinutes(.notRunning) == 410, "the 18th")
        // A month still running, the last record two hours old: lobbyd is taken to be running.
        let running = try log.monthlyReport(
            year: 2026, month: 11, schedule: schedule, now: Self.zone.parseInstant("2026-11-17T11:00")!)
        #expect(running.days[16].shownMinutes == 160)
        // Started again in January: the same.
        try log.append(
            EventEntry(
                date: Self.zone.parseInstant("2027-01-04T08:00")!, kind: .daemonStart, detail: [:], actor: "daemon"))
        let restarted = try log.monthlyReport(
            year: 2026, month: 11, schedule: schedule, now: Self.zone.parseInstant("2027-01-05T06:00")!)
        #expect(restarted.days[17].outageMinutes(.notRunning) == 410)
    }

    @Test("records from before the calendar's days ahead, or with any text in a holiday's name, are read safely")
    func olderAndOddRecords() throws {
        var old = AppliedSchedule(schedule: schedule, date: LocalDate(year: 2026, month: 11, day: 20)!).detail
        old["ahead"] = nil
        let record = try #require(AppliedSchedule(detail: old))
        #expect(record.ahead.isEmpty && record.foresaw(LocalDate(year: 2026, month: 11, day: 21)!) == nil)
        let odd = AppliedSchedule(
            schedule: Schedule(
                configuration: Configuration(), calendar: calendar(withHoliday: "检修;weekend;weekend", on: 24)),
            date: LocalDate(year: 2026, month: 11, day: 23)!)
        let read = try #require(AppliedSchedule(detail: odd.detail))
        #expect(read == odd)
        #expect(read.foresaw(LocalDate(year: 2026, month: 11, day: 25)!)?.isWorkday == true)
        #expect(read.foresaw(LocalDate(year: 2026, month: 11, day: 24)!)?.reason == .holiday("检修;weekend;weekend"))
    }
}
