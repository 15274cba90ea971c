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
        /// A maintenance period is open: dark, or a test pattern if the technician chose one.
        case maintenance(actor: String, note: String)
        /// A time-limited test pattern for a dead-dot check.
        case testPattern(TestPattern, actor: String)

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
            case .maintenance(let actor, let note):
                "maintenance by \(actor): \(note)"
            case .testPattern(let pattern, let actor):
                "test pattern \(pattern.rawValue) by \(actor)"
            }
        }
    }

    public var isOn: Bool
    public var reason: Reason

    /// Who decided: "schedule", or the operator whose override, maintenance or test pattern it is.
    public var actor: String {
        switch reason {
        case .window, .outsideWindows: "schedule"
        case .override(let override): override.actor
        case .maintenance(let actor, _), .testPattern(_, let actor): actor
        }
    }

    /// What decides the state: "schedule", "override", "maintenance" or "test-pattern".
    public var cause: String {
        switch reason {
        case .window, .outsideWindows: "schedule"
        case .override: "override"
        case .maintenance: "maintenance"
        case .testPattern: "test-pattern"
        }
    }

    public init(isOn: Bool, reason: Reason) {
        self.isOn = isOn
        self.reason = reason
    }

    /// `on<TAB>workday window 08:20-12:00`.
    public var description: String {
        "\(isOn ? "on" : "off")\t\(reason)"
    }
}
