import LobbyCore
import Testing

@Suite("Calendar warnings")
struct CalendarWarningTests {
    let calendar = WorkdayCalendar(coveredYears: [2025, 2026])

    @Test(
        "missing data is warned about for the current year, and for next year from 1 December",
        arguments: [
            ("2026-06-30", [CalendarWarning]()),
            ("2026-11-30", []),
            ("2026-12-01", [.nextYearNotCovered(2027)]),
            ("2025-12-31", []),
            ("2027-01-04", [.yearNotCovered(2027)]),
            ("2027-12-15", [.yearNotCovered(2027), .nextYearNotCovered(2028)]),
        ])
    func warnings(date: String, expected: [CalendarWarning]) throws {
        #expect(calendar.warnings(on: try #require(LocalDate(parsing: date))) == expected)
    }

    @Test("a warning tells the technician which file to add")
    func wording() {
        #expect(
            CalendarWarning.yearNotCovered(2027).words.english.contains(
                "add cn-2027.toml to a directory of [calendar] directories"))
    }

    @Test("a daily warning passes once per day, however often it is asked")
    func oncePerDay() throws {
        var gate = OncePerDay()
        let monday = try #require(LocalDate(parsing: "2027-01-04"))
        let answers = [monday, monday, monday.adding(days: 1), monday.adding(days: 1)].map {
            gate.shouldEmit(on: $0)
        }
        #expect(answers == [true, false, true, false])
    }
}
