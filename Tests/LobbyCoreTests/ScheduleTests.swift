import Foundation
import LobbyCore
import LobbyTestSupport
import PropertyBased
import Testing

/// Instants in the hall's zone, built with Foundation's calendar so that the expectation does not
/// depend on `LocalDate`'s own arithmetic.
func hallTime(_ date: String, _ hour: Int, _ minute: Int, _ second: Int = 0, milliseconds: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    let fields = date.split(separator: "-").map { Int($0)! }
    let components = DateComponents(
        year: fields[0], month: fields[1], day: fields[2], hour: hour, minute: minute, second: second)
    return calendar.date(from: components)!.addingTimeInterval(Double(milliseconds) / 1000)
}

@Suite("Schedule")
struct ScheduleTests {
    static let standard = Result {
        Schedule(
            configuration: Configuration(),
            calendar: try WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar")]))
    }

    static let boundaries: [(date: String, time: (Int, Int, Int, Int), isOn: Bool)] = [
        ("2026-10-09", (8, 19, 59, 999), false),
        ("2026-10-09", (8, 20, 0, 0), true),
        ("2026-10-09", (11, 59, 59, 999), true),
        ("2026-10-09", (12, 0, 0, 0), false),
        ("2026-10-09", (14, 19, 59, 999), false),
        ("2026-10-09", (14, 20, 0, 0), true),
        ("2026-10-09", (17, 29, 59, 999), true),
        ("2026-10-09", (17, 30, 0, 0), false),
        ("2026-10-10", (8, 20, 0, 0), true),  // make-up Saturday
        ("2026-10-01", (9, 0, 0, 0), false),  // National Day, a Thursday
        ("2026-10-11", (9, 0, 0, 0), false),  // ordinary Sunday
        ("2026-02-14", (10, 0, 0, 0), true),  // make-up Saturday before the Spring Festival
        ("2027-03-01", (10, 0, 0, 0), true),  // Monday of a year without data: Monday–Friday assumed
    ]

    @Test("the screen is lit exactly inside the windows on workdays", arguments: boundaries)
    func boundary(date: String, time: (Int, Int, Int, Int), isOn: Bool) throws {
        let instant = hallTime(date, time.0, time.1, time.2, milliseconds: time.3)
        #expect(try Self.standard.get().state(at: instant).isOn == isOn)
    }

    @Test("the state says why, in the hall's words")
    func reasons() throws {
        let schedule = try Self.standard.get()
        #expect(schedule.state(at: hallTime("2026-10-09", 9, 0)).reason.words.english == "workday window 08:20-12:00")
        #expect(
            schedule.state(at: hallTime("2026-10-09", 13, 0)).reason.words.chinese == "工作日，不在开放时段内")
        #expect(schedule.state(at: hallTime("2026-10-01", 9, 0)).description == "off\t休息日（法定节假日：国庆节）")
        #expect(schedule.state(at: hallTime("2026-10-11", 9, 0)).reason.words.english == "off-day (weekend)")
    }

    @Test("a custom window set is obeyed, including off-day windows")
    func customWindows() throws {
        var configuration = Configuration()
        configuration.windows.workday = [PlaybackWindow(parsing: "09:00-17:00")!]
        configuration.windows.offday = [PlaybackWindow(parsing: "10:00-12:00")!]
        let schedule = Schedule(configuration: configuration, calendar: try Self.standard.get().calendar)
        #expect(!schedule.state(at: hallTime("2026-10-09", 8, 30)).isOn)
        #expect(schedule.state(at: hallTime("2026-10-09", 12, 30)).isOn)
        #expect(schedule.state(at: hallTime("2026-10-11", 10, 0)).description == "on\t休息日开放时段 10:00-12:00")
        #expect(!schedule.state(at: hallTime("2026-10-11", 12, 0)).isOn)
        let transitions = schedule.transitions(from: hallTime("2026-10-09", 0, 0), to: hallTime("2026-10-12", 0, 0))
        #expect(
            transitions.map { "\(schedule.timeZone.iso8601($0.at)) \($0.state.isOn)" } == [
                "2026-10-09T09:00:00+08:00 true", "2026-10-09T17:00:00+08:00 false",
                "2026-10-10T09:00:00+08:00 true", "2026-10-10T17:00:00+08:00 false",  // make-up Saturday
                "2026-10-11T10:00:00+08:00 true", "2026-10-11T12:00:00+08:00 false",
            ])
    }

    @Test("an override wins inside its interval, with who and why, and ends exactly at its end")
    func override() throws {
        var schedule = try Self.standard.get()
        let override = ScheduleOverride(
            isOn: false, from: hallTime("2026-10-09", 9, 0), until: hallTime("2026-10-09", 9, 30),
            reason: "屏幕检修", actor: "zhang")
        schedule.overrides = [override]
        #expect(schedule.state(at: hallTime("2026-10-09", 8, 59, 59, milliseconds: 999)).isOn)
        #expect(schedule.state(at: hallTime("2026-10-09", 9, 0)).description == "off\tzhang 人工控制：屏幕检修")
        #expect(schedule.state(at: hallTime("2026-10-09", 9, 30)).isOn)
        #expect(schedule.nextTransition(after: hallTime("2026-10-09", 8, 30)) == hallTime("2026-10-09", 9, 0))
        #expect(schedule.nextTransition(after: hallTime("2026-10-09", 9, 0)) == hallTime("2026-10-09", 9, 30))
    }

    @Test("the next transition skips a whole holiday week")
    func holidayWeek() throws {
        let schedule = try Self.standard.get()
        #expect(schedule.nextTransition(after: hallTime("2026-09-30", 17, 30)) == hallTime("2026-10-08", 8, 20))
        #expect(schedule.nextTransition(after: hallTime("2026-02-13", 18, 0)) == hallTime("2026-02-14", 8, 20))
    }

    @Test("with no windows at all the screen never turns on and there is no next transition")
    func noWindows() throws {
        var configuration = Configuration()
        configuration.windows.workday = []
        let schedule = Schedule(configuration: configuration, calendar: WorkdayCalendar())
        #expect(!schedule.state(at: hallTime("2026-10-09", 9, 0)).isOn)
        #expect(schedule.nextTransition(after: hallTime("2026-10-09", 9, 0)) == nil)
    }

    /// Instants between 2023-12-01 and 2027-02-01 (covered years, the year before and after), ms.
    static let instants = Gen.int(in: 1_701_360_000_000...1_801_440_000_000).map {
        Date(timeIntervalSince1970: Double($0) / 1000)
    }

    @Test("the state is constant between consecutive transitions and flips exactly at them")
    func transitionsProperty() async throws {
        let schedule = try Self.standard.get()
        await propertyCheck(count: 400, input: Self.instants, Gen.double(in: 0..<1).array(of: 8)) { start, fractions in
            checkTransition(schedule, after: start, probes: fractions)
        }
    }

    @Test("with random overrides the state still flips only at the transitions")
    func transitionsWithOverridesProperty() async throws {
        let base = try Self.standard.get()
        await propertyCheck(
            count: 300, input: Self.instants, Gen.int(in: -86_400...86_400), Gen.int(in: 1...20_000), Gen.bool
        ) { start, offset, length, isOn in
            var schedule = base
            let from = start.addingTimeInterval(Double(offset))
            schedule.overrides = [
                ScheduleOverride(
                    isOn: isOn, from: from, until: from.addingTimeInterval(Double(length)), reason: "test", actor: "t")
            ]
            checkTransition(schedule, after: start, probes: [0.1, 0.5, 0.9, 0.999])
        }
    }
}

/// Checks the transition property once: from `start`, the next flip `t` is later, the state at
/// `t` differs, and the state is unchanged just before `t` and at every probe in between.
private func checkTransition(_ schedule: Schedule, after start: Date, probes: [Double]) {
    let before = schedule.state(at: start).isOn
    guard let next = schedule.nextTransition(after: start) else {
        Issue.record("no transition after \(start)")
        return
    }
    #expect(next > start)
    #expect(schedule.state(at: next).isOn != before)
    #expect(schedule.state(at: next.addingTimeInterval(-0.001)).isOn == before)
    let span = next.timeIntervalSince(start)
    for fraction in probes {
        #expect(schedule.state(at: start.addingTimeInterval(span * fraction)).isOn == before)
    }
}
