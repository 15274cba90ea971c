/// Whether the screen must be lit at an instant, and why, in words an operator and an auditor
/// understand.
public struct ScreenState: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// Inside an opening window of that day.
        case window(PlaybackWindow, day: CalendarDay)
        /// A workday or off-day outside all of its windows.
        case outsideWindows(day: CalendarDay)
        /// An operator's override is in force.
        case override(ScheduleOverride)

        public var description: String {
            switch self {
            case .window(let window, let day):
                "\(day.isWorkday ? "workday" : "off-day") window \(window)"
            case .outsideWindows(let day) where day.isWorkday:
                "workday, outside opening windows"
            case .outsideWindows(let day):
                "off-day (\(day.reason))"
            case .override(let override):
                "override by \(override.actor): \(override.reason)"
            }
        }
    }

    public var isOn: Bool
    public var reason: Reason

    public init(isOn: Bool, reason: Reason) {
        self.isOn = isOn
        self.reason = reason
    }

    /// `on<TAB>workday window 08:20-12:00`.
    public var description: String {
        "\(isOn ? "on" : "off")\t\(reason)"
    }
}
