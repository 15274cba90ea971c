import Foundation
import LobbyCore

/// The log's time format, `2026-11-25T00:20:00.000Z`, written and read directly: a date
/// formatter per call was most of the cost of an append and of a monthly report.
public enum EventTime {
    public static func format(_ date: Date) -> String {
        let milliseconds = max(0, Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
        var seconds = time_t(milliseconds / 1000)
        let fraction = Int(milliseconds % 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour,
            parts.tm_min, parts.tm_sec, fraction)
    }

    /// The stored form only: `2026-11-25T02:00:00.000Z`.
    public static func parse(_ text: String) -> Date? {
        guard text.utf8.count == 24, text.hasSuffix("Z"), text.utf8.dropFirst(19).first == UInt8(ascii: ".") else {
            return nil
        }
        return parseDetail(text)
    }

    /// The stored form and the hall's form that details such as an override's `until` carry
    /// (`2026-11-25T10:00:00+08:00`, milliseconds optional).
    public static func parseDetail(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T"), let year = number(0..<4), let month = number(5..<7),
            let day = number(8..<10), let hour = number(11..<13), let minute = number(14..<16),
            let second = number(17..<19), let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        var offset = 19
        var milliseconds = 0
        if bytes[offset] == UInt8(ascii: ".") {
            guard let value = number(20..<23) else { return nil }
            milliseconds = value
            offset = 23
        }
        let zoneSeconds: Int
        switch bytes[offset...].count {
        case 1 where bytes[offset] == UInt8(ascii: "Z"):
            zoneSeconds = 0
        case 6 where bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-"):
            guard bytes[offset + 3] == UInt8(ascii: ":"), let hours = number((offset + 1)..<(offset + 3)),
                let minutes = number((offset + 4)..<(offset + 6))
            else { return nil }
            zoneSeconds = (bytes[offset] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        let seconds =
            Double(date.dayNumber) * 86_400 + Double(hour * 3600 + minute * 60 + second - zoneSeconds)
            + Double(milliseconds) / 1000
        return Date(timeIntervalSince1970: seconds)
    }
}
