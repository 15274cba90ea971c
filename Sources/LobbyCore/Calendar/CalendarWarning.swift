/// Something the technician must do about the calendar data, raised as `calendar_missing`.
public enum CalendarWarning: Sendable, Equatable, CustomStringConvertible {
    /// Today's year has no statutory data: Monday–Friday is being assumed.
    case yearNotCovered(Int)
    /// It is December and next year's arrangement is not installed yet.
    case nextYearNotCovered(Int)

    public var words: Localized {
        switch self {
        case .yearNotCovered(let year): Messages.Calendar.yearNotCovered(year)
        case .nextYearNotCovered(let year): Messages.Calendar.nextYearNotCovered(year)
        }
    }

    public var description: String { words.description }
}

extension WorkdayCalendar {
    /// What is missing on `date`: its own year, and from 1 December the next year too.
    public func warnings(on date: LocalDate) -> [CalendarWarning] {
        var warnings: [CalendarWarning] = []
        if !coveredYears.contains(date.year) { warnings.append(.yearNotCovered(date.year)) }
        if date.month == 12, !coveredYears.contains(date.year + 1) {
            warnings.append(.nextYearNotCovered(date.year + 1))
        }
        return warnings
    }
}

/// Lets a recurring warning through at most once per local day (`calendar_missing`,
/// `content_stale`), however often the daemon's tick asks.
public struct OncePerDay: Sendable, Equatable {
    private var lastDay: LocalDate?

    public init() {}

    /// `true` the first time it is asked on `date`, `false` for the rest of that day.
    public mutating func shouldEmit(on date: LocalDate) -> Bool {
        guard lastDay != date else { return false }
        lastDay = date
        return true
    }
}
