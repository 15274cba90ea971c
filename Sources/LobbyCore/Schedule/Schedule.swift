import Foundation

/// When the screen must be lit by the hall's rules: calendar, opening windows, time zone, and the
/// operators' overrides when `ScreenPolicy` adds them (it weighs the technician's steering too).
///
/// Pure and total: every instant has an answer, computed from the instant alone (never from what
/// happened before), so the daemon converges after a restart, a suspend or a clock jump.
public struct Schedule: Sendable {
    public var calendar: WorkdayCalendar
    public var windows: Configuration.Windows
    public var timeZone: TimeZone
    /// Later entries win where they overlap.
    public var overrides: [ScheduleOverride]

    /// How far `nextTransition` looks ahead before concluding the screen never changes
    /// (a configuration with no windows at all).
    public static let searchHorizonDays = 800

    public init(
        calendar: WorkdayCalendar, windows: Configuration.Windows, timeZone: TimeZone,
        overrides: [ScheduleOverride] = []
    ) {
        self.calendar = calendar
        self.windows = windows
        self.timeZone = timeZone
        self.overrides = overrides
    }

    public init(configuration: Configuration, calendar: WorkdayCalendar) {
        self.init(calendar: calendar, windows: configuration.windows, timeZone: configuration.timeZone)
    }

    /// The calendar day the hall's wall clock shows at `instant`.
    public func day(at instant: Date) -> CalendarDay {
        calendar.day(timeZone.localTime(of: instant).date)
    }

    public func state(at instant: Date) -> ScreenState {
        if let override = overrides.inForce(at: instant) {
            return override.state
        }
        let local = timeZone.localTime(of: instant)
        let day = calendar.day(local.date)
        if let window = windows(for: day).first(where: { $0.contains(secondOfDay: local.secondOfDay) }) {
            return ScreenState(isOn: true, reason: .window(window, day: day))
        }
        return ScreenState(isOn: false, reason: .outsideWindows(day: day))
    }

    /// The first instant after `instant` at which the screen flips on or off, or `nil` if it
    /// never does within `searchHorizonDays`.
    public func nextTransition(after instant: Date) -> Date? {
        let current = state(at: instant).isOn
        var date = timeZone.localTime(of: instant).date
        for _ in 0..<Self.searchHorizonDays {
            for candidate in boundaries(on: date) where candidate > instant {
                if state(at: candidate).isOn != current { return candidate }
            }
            date = date.adding(days: 1)
        }
        return nil
    }

    /// Every flip in `[from, to)`, with the state it flips to. A flip exactly at `from` counts
    /// (judged against the state 1 ms earlier; boundaries are whole seconds).
    public func transitions(from: Date, to: Date) -> [(at: Date, state: ScreenState)] {
        var result: [(at: Date, state: ScreenState)] = []
        let atStart = state(at: from)
        if atStart.isOn != state(at: from.addingTimeInterval(-0.001)).isOn, from < to {
            result.append((from, atStart))
        }
        var cursor = from
        while let next = nextTransition(after: cursor), next < to {
            result.append((next, state(at: next)))
            cursor = next
        }
        return result
    }

    /// Seconds the screen is on in `[from, to)`.
    public func onSeconds(from: Date, to: Date) -> TimeInterval {
        guard from < to else { return 0 }
        var total: TimeInterval = 0
        var cursor = from
        var isOn = state(at: from).isOn
        for flip in transitions(from: from, to: to) where flip.at > from {
            if isOn { total += flip.at.timeIntervalSince(cursor) }
            (cursor, isOn) = (flip.at, flip.state.isOn)
        }
        return total + (isOn ? to.timeIntervalSince(cursor) : 0)
    }

    private func windows(for day: CalendarDay) -> [PlaybackWindow] {
        day.isWorkday ? windows.workday : windows.offday
    }

    /// Instants on `date` at which the state can change: midnight, window edges, override edges.
    private func boundaries(on date: LocalDate) -> [Date] {
        let start = timeZone.instant(of: date)
        let end = timeZone.instant(of: date.adding(days: 1))
        var result = [start]
        for window in windows(for: calendar.day(date)) {
            result.append(timeZone.instant(of: date, secondOfDay: Double(window.start * 60)))
            result.append(timeZone.instant(of: date, secondOfDay: Double(window.end * 60)))
        }
        for override in overrides {
            result += [override.from, override.until].filter { start <= $0 && $0 < end }
        }
        return result.sorted()
    }
}
