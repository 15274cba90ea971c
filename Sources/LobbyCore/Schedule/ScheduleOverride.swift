import Foundation

/// An operator's decision to force the screen on or off for a while, with who and why; the
/// caller resolves "until the next transition" to an instant when it creates one.
public struct ScheduleOverride: Sendable, Equatable, Codable {
    public var isOn: Bool
    /// In force over `[from, until)`.
    public var from: Date
    public var until: Date
    public var reason: String
    /// User name of the operator, as the control socket authenticated them.
    public var actor: String

    public init(isOn: Bool, from: Date, until: Date, reason: String, actor: String) {
        self.isOn = isOn
        self.from = from
        self.until = until
        self.reason = reason
        self.actor = actor
    }

    public func covers(_ instant: Date) -> Bool {
        from <= instant && instant < until
    }

    /// The screen as this override holds it, with who and why.
    public var state: ScreenState { ScreenState(isOn: isOn, reason: .override(self)) }
}

extension [ScheduleOverride] {
    /// The override in force at `instant`: the latest one that covers it (later entries win
    /// where they overlap).
    public func inForce(at instant: Date) -> ScheduleOverride? {
        last { $0.covers(instant) }
    }
}
