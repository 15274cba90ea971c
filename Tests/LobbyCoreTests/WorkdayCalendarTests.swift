import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

@Suite("Workday calendar")
struct WorkdayCalendarTests {
    static let shipped = Result { try WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar")]) }

    @Test("every day of each official holiday block is an off-day named for it", arguments: OfficialArrangements.blocks)
    func holidayBlock(block: HolidayBlock) throws {
        let calendar = try Self.shipped.get()
        let first = try #require(LocalDate(parsing: block.first))
        let last = try #require(LocalDate(parsing: block.last))
        for dayNumber in first.dayNumber...last.dayNumber {
            let day = calendar.day(LocalDate(dayNumber: dayNumber))
            #expect(!day.isWorkday && day.reason == .holiday(block.name), "\(day)")
        }
        #expect(calendar.day(first.adding(days: -1)).reason != .holiday(block.name))
        #expect(calendar.day(last.adding(days: 1)).reason != .holiday(block.name))
    }

    @Test(
        "each make-up day is a workday even though it falls on a weekend",
        arguments: OfficialArrangements.blocks.flatMap { block in block.makeup.map { (block.name, $0) } })
    func makeupDay(name: String, date: String) throws {
        let day = try Self.shipped.get().day(try #require(LocalDate(parsing: date)))
        #expect(day.date.isWeekend)
        #expect(day.isWorkday && day.reason == .makeup(name), "\(day)")
    }

    @Test("a make-up Saturday is a workday", arguments: ["2026-02-28", "2026-10-10", "2024-10-12"])
    func makeupSaturday(date: String) throws {
        let day = try Self.shipped.get().day(try #require(LocalDate(parsing: date)))
        #expect(day.date.weekday == 6 && day.isWorkday)
    }

    @Test("each year has as many workdays as days minus weekend days minus statutory holidays", arguments: 2024...2026)
    func workdaysPerYear(year: Int) throws {
        let calendar = try Self.shipped.get()
        let first = try #require(LocalDate(year: year, month: 1, day: 1))
        let last = try #require(LocalDate(year: year, month: 12, day: 31))
        let days = (first.dayNumber...last.dayNumber).map { calendar.day(LocalDate(dayNumber: $0)) }
        let weekendDays = days.filter(\.date.isWeekend).count
        let statutory = try #require(OfficialArrangements.statutoryHolidays[year])
        #expect(days.filter(\.isWorkday).count == days.count - weekendDays - statutory)
        #expect(days.allSatisfy { $0.isCovered })
    }

    @Test("weekdays agree with the Gregorian calendar of Foundation for every day of 1970-2100")
    func weekdaysAgreeWithFoundation() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try #require(TimeZone(identifier: "UTC"))
        for dayNumber in 0..<47_847 {
            let date = LocalDate(dayNumber: dayNumber)
            let instant = Date(timeIntervalSince1970: Double(dayNumber) * 86_400)
            let components = gregorian.dateComponents([.year, .month, .day, .weekday], from: instant)
            #expect(date.year == components.year && date.month == components.month && date.day == components.day)
            #expect(date.weekday == (components.weekday! + 5) % 7 + 1)
            #expect(date.dayNumber == dayNumber)
        }
    }

    @Test("a day in a year with no data falls back to Monday–Friday and says it is not covered")
    func missingYear() throws {
        let calendar = try Self.shipped.get()
        let nationalDay2027 = calendar.day(try #require(LocalDate(parsing: "2027-10-01")))
        #expect(nationalDay2027.isWorkday && nationalDay2027.reason == .weekday && !nationalDay2027.isCovered)
        let saturday = calendar.day(try #require(LocalDate(parsing: "2027-10-02")))
        #expect(!saturday.isWorkday && saturday.reason == .weekend && !saturday.isCovered)
        #expect(calendar.coveredYears == [2024, 2025, 2026])
    }

    @Test("a local closure file overrides the shipped calendar, even on a make-up day")
    func localClosure() throws {
        let local = try TemporaryDirectory()
        try local.write(
            "renovation.toml",
            """
            [[holidays]]
            name = "大厅装修"
            first = 2026-02-27
            last = 2026-02-28
            [[workdays]]
            name = "政务服务开放日"
            days = [2026-03-07]
            """)
        let calendar = try WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar"), local.path])
        let makeupSaturday = calendar.day(try #require(LocalDate(parsing: "2026-02-28")))
        #expect(!makeupSaturday.isWorkday && makeupSaturday.reason == .holiday("大厅装修"))
        #expect(calendar.day(try #require(LocalDate(parsing: "2026-02-27"))).reason == .holiday("大厅装修"))
        #expect(calendar.day(try #require(LocalDate(parsing: "2026-03-07"))).reason == .makeup("政务服务开放日"))
        #expect(calendar.day(try #require(LocalDate(parsing: "2026-02-14"))).reason == .makeup("春节"))
        #expect(calendar.coveredYears == [2024, 2025, 2026])
    }

    @Test(
        "a calendar directory that does not exist adds nothing to the shipped calendar; a file in its place is an error"
    )
    func directories() throws {
        let empty = try WorkdayCalendar.load(directories: ["/nonexistent/calendar.d"])
        #expect(empty == WorkdayCalendar.shipped, "the shipped calendar alone")
        let scratch = try TemporaryDirectory()
        let file = try scratch.write("not-a-directory", "")
        #expect(throws: LobbyCoreError.unreadable(file: file, reason: "不是目录")) {
            try WorkdayCalendar.load(directories: [file])
        }
    }

    static let invalidFiles: [(toml: String, line: Int, message: String)] = [
        ("[[holidays]]\nname = \"x\"\nfirst = 2026-02-30\n", 3, "TOML syntax error"),
        (
            "[[holidays]]\nname = \"x\"\nfirst = 2026-05-01\n[[holidays]]\nname = \"y\"\nfirst = 2026-05-01\n", 6,
            "holidays[1].first = 2026-05-01: expected a date not already listed (it is listed at line 3, x)"
        ),
        (
            "[[holidays]]\nname = \"x\"\nfirst = 2026-05-01\nlast = 2026-05-05\nmakeup = [2026-05-03]\n", 5,
            "holidays[0].makeup = 2026-05-03: expected a date that is not both a holiday and a make-up workday"
        ),
        (
            "[[workdays]]\nname = \"x\"\ndays = [2026-05-09, 2026-05-09]\n", 3,
            "workdays[0].days = 2026-05-09: expected a date not already listed"
        ),
        (
            "[[holidays]]\nname = \"x\"\nfirst = 2026-05-05\nlast = 2026-05-01\n", 4,
            "holidays[0].last = 2026-05-01: expected a date on or after first (2026-05-05)"
        ),
        (
            "year = 2026\n[[holidays]]\nname = \"x\"\nfirst = 2062-05-01\n", 4,
            "holidays[0].first = 2062-05-01: expected a date in or next to the file's year 2026"
        ),
        ("[[holidays]]\nfirst = 2026-05-01\n", 1, "missing required key \"holidays[0].name\""),
        ("[[holidays]]\nname = \"x\"\nfirst = \"2026-05-01\"\n", 3, "expected a date (YYYY-MM-DD, unquoted)"),
        (
            "[[holidays]]\nname = \"x\"\nfrist = 2026-05-01\n", 3,
            "unknown key \"holidays[0].frist\" (did you mean \"first\"?)"
        ),
    ]

    @Test("an invalid calendar file is refused with file, line and date", arguments: invalidFiles)
    func invalidFile(toml: String, line: Int, message: String) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("cn-2026.toml", toml)
        // Made and worded in English: a message is worded when it is made.
        let text = Language.$scoped.withValue(.english) { () -> String? in
            do {
                _ = try WorkdayCalendar.load(directories: [directory.path])
                return nil
            } catch {
                return "\(error)"
            }
        }
        let reason = try #require(text, "accepted an invalid calendar file")
        #expect(reason.contains("\(file):\(line):"), "\(reason)")
        #expect(reason.contains(message), "\(reason)")
    }
}
