import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// `lobbyctl calendar` and `lobbyctl schedule` as a person runs them, against the shipped data.
@Suite("Calendar and schedule from the command line")
struct CalendarCommandTests {
    let lobbyctl = BuiltProgram("lobbyctl")
    let calendarDirectory = RepositoryFiles.path("calendar")

    @Test("lobbyctl calendar agrees with the official arrangements on every day of 2024-2026")
    func everyDay() throws {
        let result = try runWithShippedData("calendar", from: "2024-01-01", to: "2026-12-31", "--json")
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let lines = try result.standardOutput.split(separator: "\n").map {
            let object = try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            return "\(object["date"]!)\t\(object["workday"] as! Bool ? "workday" : "offday")\t\(object["reason"]!)"
        }
        let expected = Self.expectedLines()
        #expect(lines.count == 1096)
        for (line, expectation) in zip(lines, expected) where line != expectation {
            Issue.record("lobbyctl printed \(line), the State Council's notice says \(expectation)")
        }
    }

    @Test("for people, a day and its reason in the office's words: 法定节假日, 调休上班, 周末")
    func chineseReasons() throws {
        let result = try runWithShippedData("calendar", from: "2026-09-30", to: "2026-10-01")
        #expect(result.standardOutput == "2026-09-30  上班  工作日\n2026-10-01  休息  法定节假日：国庆节\n")
        let makeup = try runWithShippedData("calendar", from: "2026-10-10", to: "2026-10-11", "--lang", "en")
        #expect(makeup.standardOutput == "2026-10-10  workday  make-up workday: 国庆节\n2026-10-11  off-day  weekend\n")
    }

    @Test("--json gives the same days and transitions as the text output, one object per line")
    func json() throws {
        for command in ["calendar", "schedule"] {
            let text = try runWithShippedData(command, from: "2026-09-28", to: "2026-10-12")
            let json = try lobbyctl.run([
                command, "--calendar-dir", calendarDirectory, "--from", "2026-09-28", "--to", "2026-10-12", "--json",
            ])
            #expect(json.status == 0)
            let objects = try json.standardOutput.split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
            // The text is for people (in Chinese here); the JSON keeps the stable identifiers.
            let rebuilt = objects.map { object in
                command == "calendar"
                    ? "\(object["date"]!)  \(object["workday"] as! Bool ? "上班" : "休息")  "
                        + Messages.Calendar.reason(CalendarDay.Reason(parsing: object["reason"] as! String)!).chinese
                    : "\(object["at"]!)\t\(object["on"] as! Bool ? "开屏" : "关屏")\t\(object["reason"]!)"
            }
            #expect(rebuilt == text.standardOutput.split(separator: "\n").map(String.init), "\(command)")
        }
    }

    @Test("lobbyctl calendar warns on stderr about a year with no statutory data")
    func missingYear() throws {
        let result = try runWithShippedData("calendar", from: "2027-01-01", to: "2027-01-04")
        #expect(result.status == 0)
        #expect(
            result.standardOutput == "2027-01-01  上班  工作日\n2027-01-02  休息  周末\n"
                + "2027-01-03  休息  周末\n2027-01-04  上班  工作日\n")
        #expect(result.standardError.contains("没有 2027 年的法定节假日安排；暂按周一至周五上班处理"))
    }

    @Test("lobbyctl schedule prints each transition in ISO 8601 with offset and the reason")
    func schedule() throws {
        let result = try runWithShippedData("schedule", from: "2026-10-09T08:20", to: "2026-10-11", "--lang", "en")
        #expect(result.status == 0)
        #expect(
            result.standardOutput == """
                2026-10-09T08:20:00+08:00\ton\tworkday window 08:20-12:00
                2026-10-09T12:00:00+08:00\toff\tworkday, outside opening windows
                2026-10-09T14:20:00+08:00\ton\tworkday window 14:20-17:30
                2026-10-09T17:30:00+08:00\toff\tworkday, outside opening windows
                2026-10-10T08:20:00+08:00\ton\tworkday window 08:20-12:00
                2026-10-10T12:00:00+08:00\toff\tworkday, outside opening windows
                2026-10-10T14:20:00+08:00\ton\tworkday window 14:20-17:30
                2026-10-10T17:30:00+08:00\toff\tworkday, outside opening windows

                """)
    }

    @Test("a bad date exits 64, an invalid calendar file 2, each saying where")
    func badInput() throws {
        let badDate = try lobbyctl.run([
            "calendar", "--calendar-dir", calendarDirectory, "--from", "2026-13-01", "--to", "2026-12-31",
        ])
        #expect(badDate.status == 64)
        #expect(badDate.standardError.contains("--from 2026-13-01 --to 2026-12-31：应为两个 YYYY-MM-DD 格式的日期"))
        let directory = try TemporaryDirectory()
        let file = try directory.write(
            "local.toml", "[[holidays]]\nname = \"x\"\nfirst = 2026-05-01\nmakeup = [2026-05-01]\n")
        let badFile = try lobbyctl.run([
            "calendar", "--calendar-dir", directory.path, "--from", "2026-05-01", "--to", "2026-05-01",
        ])
        #expect(badFile.status == 2)
        #expect(badFile.standardError.contains("\(file):4: holidays[0].makeup = 2026-05-01"))
    }

    /// Runs `lobbyctl COMMAND` with the example configuration and the shipped calendar data.
    private func runWithShippedData(_ command: String, from: String, to: String, _ more: String...) throws
        -> BuiltProgram.Result
    {
        try lobbyctl.run(
            [
                command, "--config", RepositoryFiles.path("lobbyd.toml.example"),
                "--calendar-dir", calendarDirectory, "--from", from, "--to", to,
            ] + more)
    }

    /// One line per day from 2024-01-01 to 2026-12-31, computed from `OfficialArrangements` and
    /// Foundation's Gregorian calendar, independently of LobbyCore.
    static func expectedLines() -> [String] {
        var named: [String: String] = [:]
        for block in OfficialArrangements.blocks {
            var day = isoDay(block.first)
            while day <= isoDay(block.last) {
                named[format(day)] = "offday\tholiday:\(block.name)"
                day = day.addingTimeInterval(86_400)
            }
            for makeup in block.makeup { named[makeup] = "workday\tmakeup:\(block.name)" }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var lines: [String] = []
        var day = isoDay("2024-01-01")
        while day <= isoDay("2026-12-31") {
            let weekend = [1, 7].contains(calendar.component(.weekday, from: day))
            lines.append("\(format(day))\t\(named[format(day)] ?? (weekend ? "offday\tweekend" : "workday\tweekday"))")
            day = day.addingTimeInterval(86_400)
        }
        return lines
    }

    private static func isoDay(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: "\(text)T00:00:00Z")!
    }

    private static func format(_ day: Date) -> String {
        String(ISO8601DateFormatter().string(from: day).prefix(10))
    }
}
