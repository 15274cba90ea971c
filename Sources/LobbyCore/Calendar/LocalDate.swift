/// A day on the hall's wall calendar, with no time and no zone: `2026-10-01`.
///
/// Arithmetic goes through a day number (days since 1970-01-01, proleptic Gregorian) with the
/// well-known civil-from-days conversion, so it is exact, fast and independent of locale.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// `nil` unless the date exists (leap years included).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Parses `YYYY-MM-DD`.
    public init?(parsing text: some StringProtocol) {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
            fields.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var weekday: Int {
        ((dayNumber % 7) + 7 + 3) % 7 + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    public var description: String {
        let monthText = month < 10 ? "0\(month)" : "\(month)"
        let dayText = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(monthText)-\(dayText)"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension LocalDate {
    /// `2026年11月30日` (also `2026年1月5日`): a date as Chinese forms write it; `nil` for
    /// anything else, or a day the calendar does not have.
    public init?(chinese text: String) {
        guard text.hasSuffix("日") else { return nil }
        let yearRest = text.dropLast().split(separator: "年", omittingEmptySubsequences: false)
        guard yearRest.count == 2 else { return nil }
        let monthDay = yearRest[1].split(separator: "月", omittingEmptySubsequences: false)
        guard monthDay.count == 2 else { return nil }
        let fields = [yearRest[0], monthDay[0], monthDay[1]]
        let isNumber = zip(fields, [4...4, 1...2, 1...2]).allSatisfy { field, lengths in
            lengths.contains(field.count) && field.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
        }
        guard isNumber else { return nil }
        self.init(year: Int(fields[0])!, month: Int(fields[1])!, day: Int(fields[2])!)
    }
}

extension LocalDate {
    /// The first day of the month after this date's.
    public var firstOfNextMonth: LocalDate {
        month == 12 ? LocalDate(year: year + 1, month: 1, day: 1)! : LocalDate(year: year, month: month + 1, day: 1)!
    }
}
