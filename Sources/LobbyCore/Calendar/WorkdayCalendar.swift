/// China's statutory workday calendar plus a site's local additions: which days the hall works.
///
/// Public holidays are off even on weekdays; make-up workdays (调休上班) are workdays even on
/// weekends. A year with no statutory data falls back to Monday–Friday, and says so through
/// `CalendarDay.isCovered`, so the daemon can warn (`calendar_missing`) instead of guessing quietly.
public struct WorkdayCalendar: Sendable, Equatable {
    /// A day the calendar names explicitly.
    public struct Entry: Sendable, Equatable {
        public enum Kind: String, Sendable { case holiday, makeup }
        public var kind: Kind
        /// The holiday it belongs to: `春节`, `国庆节`, or a local name.
        public var name: String
        /// Where it was defined, for messages.
        public var source: SourceLocation

        public init(kind: Kind, name: String, source: SourceLocation) {
            self.kind = kind
            self.name = name
            self.source = source
        }
    }

    /// Explicit days; later files override earlier ones (a local closure on a make-up day).
    public private(set) var entries: [LocalDate: Entry]
    /// Years whose statutory arrangement was loaded.
    public private(set) var coveredYears: Set<Int>

    public init(entries: [LocalDate: Entry] = [:], coveredYears: Set<Int> = []) {
        self.entries = entries
        self.coveredYears = coveredYears
    }

    public func day(_ date: LocalDate) -> CalendarDay {
        let reason: CalendarDay.Reason =
            switch entries[date] {
            case let entry? where entry.kind == .holiday: .holiday(entry.name)
            case let entry?: .makeup(entry.name)
            case nil: date.isWeekend ? .weekend : .weekday
            }
        return CalendarDay(date: date, reason: reason, isCovered: coveredYears.contains(date.year))
    }

    /// A short digest of the days this calendar names and the years it covers: the calendar
    /// version the `schedule_applied` record carries, so a report can say which one applied.
    public var version: String {
        let days = entries.keys.sorted().map { "\($0) \(entries[$0]!.kind.rawValue) \(entries[$0]!.name)" }
        let years = coveredYears.sorted().map(String.init)
        return String(Digest.sha256Hex((days + years).joined(separator: "\n").utf8).prefix(12))
    }

    /// Adds `other` on top of this calendar: its days replace these ones, its years add.
    /// This calendar without the days and coverage of `years`.
    public func dropping(years: Set<Int>) -> WorkdayCalendar {
        WorkdayCalendar(
            entries: entries.filter { !years.contains($0.key.year) }, coveredYears: coveredYears.subtracting(years))
    }

    public mutating func overlay(_ other: WorkdayCalendar) {
        entries.merge(other.entries) { _, new in new }
        coveredYears.formUnion(other.coveredYears)
    }
}

/// One day as the calendar sees it.
public struct CalendarDay: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        case weekday, weekend
        case holiday(String)
        case makeup(String)

        /// Reads what `description` writes; `nil` for anything else.
        public init?(parsing text: String) {
            switch text {
            case "weekday": self = .weekday
            case "weekend": self = .weekend
            case _ where text.hasPrefix("holiday:"): self = .holiday(String(text.dropFirst(8)))
            case _ where text.hasPrefix("makeup:"): self = .makeup(String(text.dropFirst(7)))
            default: return nil
            }
        }

        /// `weekday`, `weekend`, `holiday:国庆节`, `makeup:春节`.
        public var description: String {
            switch self {
            case .weekday: "weekday"
            case .weekend: "weekend"
            case .holiday(let name): "holiday:\(name)"
            case .makeup(let name): "makeup:\(name)"
            }
        }
    }

    public var date: LocalDate
    public var reason: Reason
    /// `false` when the year has no statutory data and Monday–Friday was assumed.
    public var isCovered: Bool

    public var isWorkday: Bool {
        switch reason {
        case .weekday, .makeup: true
        case .weekend, .holiday: false
        }
    }

    /// `2026-10-01  休息日  法定节假日：国庆节`, as `lobbyctl calendar` prints it for people.
    public var line: String {
        "\(date)  \(Messages.Calendar.kind(workday: isWorkday))  \(Messages.Calendar.reason(reason))"
    }

    /// `2026-10-01<TAB>offday<TAB>holiday:国庆节`: the stable form of logs and scripts.
    public var description: String {
        "\(date)\t\(isWorkday ? "workday" : "offday")\t\(reason)"
    }
}
