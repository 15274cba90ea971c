import Foundation

extension TimeZone {
    /// Parses an instant as operators type it: `2026-10-09` (midnight), `2026-10-09T08:20`,
    /// `2026-10-09T08:20:30` (a space may replace the `T`), each in this zone unless it ends
    /// with `Z` or an offset such as `+08:00`.
    public func parseInstant(_ text: String) -> Date? {
        let separator = text.firstIndex { $0 == "T" || $0 == " " }
        let day = text[..<(separator ?? text.endIndex)]
        // As the forms write a day too: 2026年11月30日.
        guard let date = LocalDate(parsing: day) ?? LocalDate(chinese: String(day)) else { return nil }
        guard let separator else { return instant(of: date) }
        var clock = text[text.index(after: separator)...]
        var offset: Int?
        if clock.hasSuffix("Z") {
            offset = 0
            clock = clock.dropLast()
        } else if let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            guard let parsed = Self.offsetSeconds(clock[sign...]) else { return nil }
            offset = parsed
            clock = clock[..<sign]
        }
        guard let secondOfDay = Self.secondOfDay(clock) else { return nil }
        guard let offset else { return instant(of: date, secondOfDay: secondOfDay) }
        return Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400 + secondOfDay - Double(offset))
    }

    /// `HH:MM` or `HH:MM:SS`; the hour may have one digit (`8:20`), as people write it.
    private static func secondOfDay(_ text: Substring) -> Double? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            (1...2).contains(fields[0].count), fields.dropFirst().allSatisfy({ $0.count == 2 }),
            let hours = Int(fields[0]), let minutes = Int(fields[1]), hours < 24, minutes < 60
        else { return nil }
        let seconds = fields.count == 3 ? Int(fields[2]) : 0
        guard let seconds, seconds < 60 else { return nil }
        return Double(hours * 3600 + minutes * 60 + seconds)
    }

    /// `+08:00` or `-05:30` to seconds east of UTC.
    private static func offsetSeconds(_ text: Substring) -> Int? {
        let sign = text.first == "-" ? -1 : 1
        let fields = text.dropFirst().split(separator: ":")
        guard fields.count == 2, fields.allSatisfy({ $0.count == 2 }),
            let hours = Int(fields[0]), let minutes = Int(fields[1]), hours <= 14, minutes < 60
        else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
