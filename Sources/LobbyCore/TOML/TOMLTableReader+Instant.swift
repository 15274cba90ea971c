import Foundation

extension TOMLTableReader {
    /// A point in time written as a TOML date (local midnight in `zone`), a local date-time
    /// (wall clock in `zone`) or an offset date-time (`2026-11-20T08:00:00+08:00`).
    func instant(_ key: String, in zone: TimeZone) -> Date? {
        let expected = Messages.Expect.instant
        let value = typed(key, expected: expected) { value -> (TOMLDate, TOMLTime?, Int?)? in
            switch value {
            case .localDate(let date): (date, nil, nil)
            case .localDateTime(let date, let time): (date, time, nil)
            case .offsetDateTime(let date, let time, let offset): (date, time, offset)
            // As the hall's forms write a date: "2026年11月20日", midnight in the hall.
            case .string(let text):
                LocalDate(chinese: text).map { (TOMLDate(year: $0.year, month: $0.month, day: $0.day), nil, nil) }
            default: nil
            }
        }
        guard let (tomlDate, time, offsetMinutes) = value else { return nil }
        guard let date = LocalDate(year: tomlDate.year, month: tomlDate.month, day: tomlDate.day) else {
            invalid(
                key, value: "\(tomlDate.year)-\(tomlDate.month)-\(tomlDate.day)", expected: Messages.Expect.realDate)
            return nil
        }
        let second = time.map { Double($0.hour * 3600 + $0.minute * 60 + $0.second) + Double($0.nanosecond) / 1e9 } ?? 0
        guard let offsetMinutes else { return zone.instant(of: date, secondOfDay: second) }
        return Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + second - Double(offsetMinutes * 60))
    }

    /// A TOML date (no time) as a `LocalDate`; also a string the way the hall's forms write a
    /// date, `"2026年11月30日"`.
    func localDate(_ key: String) -> LocalDate? {
        let dated = typed(key, expected: Messages.Expect.officeDate) { value -> DateForm? in
            if let date = value.date { return .toml(date) }
            if let text = value.string, let date = LocalDate(chinese: text) { return .chinese(date) }
            return nil
        }
        switch dated {
        case nil: return nil
        case .chinese(let date)?: return date
        case .toml(let value)?: return real(key, value)
        }
    }

    /// How a date was written: TOML's own form, still to be checked, or the Chinese one.
    private enum DateForm { case toml(TOMLDate), chinese(LocalDate) }

    private func real(_ key: String, _ value: TOMLDate) -> LocalDate? {
        guard let date = LocalDate(year: value.year, month: value.month, day: value.day) else {
            invalid(key, value: "\(value.year)-\(value.month)-\(value.day)", expected: Messages.Expect.realDate)
            return nil
        }
        return date
    }
}
