import Foundation

/// An instant seen on the hall's wall clock: which day, and how far into it.
public struct LocalTime: Sendable, Hashable {
    public var date: LocalDate
    /// Seconds after local midnight, `0 ..< 86400` (fractions kept).
    public var secondOfDay: Double
}

extension TimeZone {
    /// The wall-clock day and time of `instant` in this zone.
    public func localTime(of instant: Date) -> LocalTime {
        let local = instant.timeIntervalSince1970 + Double(secondsFromGMT(for: instant))
        let dayNumber = Int((local / 86_400).rounded(.down))
        return LocalTime(date: LocalDate(dayNumber: dayNumber), secondOfDay: local - Double(dayNumber) * 86_400)
    }

    /// The instant at which this zone's wall clock shows `date` plus `secondOfDay`.
    ///
    /// The offset is looked up twice so that a day on which the offset changes resolves to the
    /// offset in force at the result (zones with daylight saving time; Asia/Shanghai has none).
    public func instant(of date: LocalDate, secondOfDay: Double = 0) -> Date {
        let local = Double(date.dayNumber) * 86_400 + secondOfDay
        let guess = local - Double(secondsFromGMT(for: Date(timeIntervalSince1970: local)))
        return Date(timeIntervalSince1970: local - Double(secondsFromGMT(for: Date(timeIntervalSince1970: guess))))
    }

    /// `2026-10-09T08:20:00+08:00`: ISO 8601 with this zone's offset at that instant.
    public func iso8601(_ instant: Date) -> String {
        let time = localTime(of: instant)
        let seconds = Int(time.secondOfDay.rounded(.down))
        let offset = secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        return "\(time.date)T\(twoDigits(seconds / 3600)):\(twoDigits(seconds / 60 % 60)):\(twoDigits(seconds % 60))"
            + "\(sign)\(twoDigits(abs(offset) / 3600)):\(twoDigits(abs(offset) / 60 % 60))"
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
