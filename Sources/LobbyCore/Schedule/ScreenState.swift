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
        /// Outside the windows, lit for a valid emergency notice (`[emergency] outside_windows`).
        case emergency(day: CalendarDay)

        /// In both languages, for the request's or the hall's.
        public var words: Localized {
            switch self {
            case .window(let window, let day):
                Messages.Screen.window(window, workday: day.isWorkday)
            case .outsideWindows(let day) where day.isWorkday:
                Messages.Screen.outsideWindows
            case .outsideWindows(let day):
                Messages.Screen.offDay(Messages.Calendar.reason(day.reason))
            case .override(let override):
                Messages.Screen.override(by: override.actor, override.reason)
            case .maintenance(let actor, let note):
                Messages.Screen.maintenance(by: actor, note)
            case .testPattern(let pattern, let actor):
                Messages.Screen.testPattern(pattern.rawValue, by: actor)
            case .emergency:
                Messages.Screen.emergencyOutsideWindows
            }
        }

        public var description: String { words.description }
    }

    public var isOn: Bool
    public var reason: Reason

    /// Who decided: "schedule", or the operator whose override, maintenance or test pattern it is.
    public var actor: String {
        switch reason {
        case .window, .outsideWindows, .emergency: "schedule"
        case .override(let override): override.actor
        case .maintenance(let actor, _), .testPattern(_, let actor): actor
        }
    }

    /// What decides the state: "schedule", "override", "maintenance", "test-pattern" or
    /// "emergency".
    public var cause: String {
        switch reason {
        case .window, .outsideWindows: "schedule"
        case .override: "override"
        case .maintenance: "maintenance"
        case .testPattern: "test-pattern"
        case .emergency: "emergency"
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
