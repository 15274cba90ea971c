import Foundation
import LobbyTestSupport

/// When the hall's screen must be lit, worked out a second time and independently of lobbyd's
/// `Schedule` and calendar files: Foundation's Gregorian calendar in Asia/Shanghai, the State
/// Council's arrangements as the tests transcribe them (`OfficialArrangements`), and the hours
/// the hall publishes, 08:20–12:00 and 14:20–17:30 on workdays.
struct HallHours {
    enum Kind: Equatable {
        case workday, makeup, holiday, weekend
    }

    static let windows = [(8 * 3600 + 20 * 60, 12 * 3600), (14 * 3600 + 20 * 60, 17 * 3600 + 30 * 60)]
    private let calendar: Calendar
    private let holidays: Set<String>
    private let makeups: Set<String>
    /// The local day last asked about, its date and its opening intervals.
    private var day: (start: Date, end: Date, name: String, open: [Range<Date>])?

    init() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        self.calendar = calendar
        var holidays = Set<String>()
        for block in OfficialArrangements.blocks {
            var date = Self.parse(block.first, calendar)
            while Self.format(date, calendar) <= block.last {
                holidays.insert(Self.format(date, calendar))
                date = calendar.date(byAdding: .day, value: 1, to: date)!
            }
        }
        self.holidays = holidays
        makeups = Set(OfficialArrangements.blocks.flatMap(\.makeup))
    }

    func kind(of date: Date) -> Kind {
        let name = Self.format(date, calendar)
        if makeups.contains(name) { return .makeup }
        if holidays.contains(name) { return .holiday }
        return calendar.isDateInWeekend(date) ? .weekend : .workday
    }

    mutating func isOpen(at wall: Date) -> Bool { demand(at: wall).isOpen }

    /// The local date `wall` falls on (`2026-10-08`), and whether the screen must be lit then.
    mutating func demand(at wall: Date) -> (date: String, isOpen: Bool) {
        if let day, day.start <= wall, wall < day.end { return (day.name, day.open.contains { $0.contains(wall) }) }
        let start = calendar.startOfDay(for: wall)
        let kind = kind(of: start)
        let open =
            kind == .workday || kind == .makeup
            ? Self.windows.map {
                start.addingTimeInterval(TimeInterval($0.0))..<start.addingTimeInterval(TimeInterval($0.1))
            } : []
        day = (start, calendar.date(byAdding: .day, value: 1, to: start)!, Self.format(start, calendar), open)
        return demand(at: wall)
    }

    private static func parse(_ text: String, _ calendar: Calendar) -> Date {
        let parts = text.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    }

    private static func format(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
