import Foundation

/// The rules that decided one day's required minutes, as lobbyd applied them: the day as the
/// calendar saw it, that day's windows, the configured windows and the calendar's version.
///
/// lobbyd logs one as `schedule_applied` at start, on reload and at midnight; the monthly report
/// computes required minutes from these records, so changing the windows or the calendar later
/// does not rewrite an earlier month.
public struct AppliedSchedule: Sendable, Equatable {
    public var day: CalendarDay
    /// The windows the day required (the workday or the off-day windows).
    public var windows: [PlaybackWindow]
    public var configured: Configuration.Windows
    /// `WorkdayCalendar.version` of the calendar in force.
    public var calendarVersion: String
    /// The calendar's word on the days after this one (`aheadDays` of them): a day lobbyd did not
    /// run is judged by the calendar it had then, not by whatever calendar is read later.
    public var ahead: [CalendarDay.Reason]

    public static let aheadDays = 31

    public init(schedule: Schedule, date: LocalDate) {
        day = schedule.calendar.day(date)
        configured = schedule.windows
        windows = day.isWorkday ? configured.workday : configured.offday
        calendarVersion = schedule.calendar.version
        ahead = (1...Self.aheadDays).map { schedule.calendar.day(date.adding(days: $0)).reason }
    }

    /// The day `date` as this record's calendar saw it, when it lies in `ahead`.
    public func foresaw(_ date: LocalDate) -> CalendarDay? {
        let offset = date.dayNumber - day.date.dayNumber
        guard offset >= 1, offset <= ahead.count else { return nil }
        return CalendarDay(date: date, reason: ahead[offset - 1], isCovered: day.isCovered)
    }

    /// The same configured windows applied to another day (for a day lobbyd did not run: its
    /// windows come from the last record before it, its kind from `day`).
    public func applied(to day: CalendarDay) -> AppliedSchedule {
        var copy = self
        copy.day = day
        copy.windows = day.isWorkday ? configured.workday : configured.offday
        copy.ahead = []
        return copy
    }

    /// The event detail, readable by `init(detail:)`.
    public var detail: [String: String] {
        [
            "date": "\(day.date)", "day": day.isWorkday ? "workday" : "offday", "reason": "\(day.reason)",
            "covered": day.isCovered ? "yes" : "no", "windows": Self.format(windows),
            "workday_windows": Self.format(configured.workday), "offday_windows": Self.format(configured.offday),
            "calendar": calendarVersion, "ahead": Self.encode(ahead.map(\.description)),
        ]
    }

    /// `nil` unless every field `detail` writes is there and well formed.
    public init?(detail: [String: String]) {
        guard let date = detail["date"].flatMap(LocalDate.init(parsing:)),
            let reason = detail["reason"].flatMap(CalendarDay.Reason.init(parsing:)),
            let windows = detail["windows"].flatMap(Self.parse),
            let workday = detail["workday_windows"].flatMap(Self.parse),
            let offday = detail["offday_windows"].flatMap(Self.parse), let version = detail["calendar"]
        else { return nil }
        day = CalendarDay(date: date, reason: reason, isCovered: detail["covered"] == "yes")
        self.windows = windows
        configured = Configuration.Windows()
        configured.workday = workday
        configured.offday = offday
        calendarVersion = version
        // (Absent from records written before it existed: no days foreseen.)
        let foreseen = Self.decode(detail["ahead"] ?? "[]").map(CalendarDay.Reason.init(parsing:))
        ahead = foreseen.contains(nil) ? [] : foreseen.compactMap { $0 }
    }

    /// A JSON array of strings: holiday names are the calendar's text and may hold any character.
    static func encode(_ strings: [String]) -> String {
        (try? JSONEncoder().encode(strings)).flatMap { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The strings of a JSON array; none for anything else.
    static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// `08:20-12:00,14:20-17:30`; empty for none.
    static func format(_ windows: [PlaybackWindow]) -> String {
        windows.map(\.description).joined(separator: ",")
    }

    static func parse(_ text: String) -> [PlaybackWindow]? {
        if text.isEmpty { return [] }
        let windows = text.split(separator: ",").map { PlaybackWindow(parsing: String($0)) }
        return windows.contains(nil) ? nil : windows.compactMap { $0 }
    }
}
