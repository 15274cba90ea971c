import Foundation

/// The one place that decides whether the screen is lit, and why. The player, `status`, the
/// metrics and the report ask it; nothing else weighs steering against the schedule.
///
/// Precedence, highest first: the technician's test pattern while it runs; an open maintenance
/// period (dark, or its pattern); the operators' override in force; the schedule. When the
/// outcome is "on" without a pattern, what is shown is the content on hand: emergency items
/// pre-empt the rotation, the standing notice stands in when no playlist is valid, and with
/// none of these the screen is on by rule but dark for want of content. Outside the windows,
/// with `[emergency] outside_windows`, a valid emergency notice lights the screen; an
/// operator's "off" override and maintenance still keep it dark.
///
/// Pure: every instant has an answer computed from the instant and the inputs alone.
public struct ScreenPolicy: Sendable {
    /// What the accepted playlists offer at an instant.
    public enum Content: Sendable, Equatable, CaseIterable {
        /// Nothing valid, and no standing notice.
        case none
        /// No playlist is valid: the standing notice.
        case fallback
        /// The rotation of the accepted playlists.
        case playlists
        /// Valid emergency items: they take the screen from the rotation.
        case emergency
    }

    public struct Verdict: Sendable, Equatable {
        /// Whether the screen must be on, and why (the words `status` and the events carry).
        public var state: ScreenState
        /// The technician's pattern, shown instead of any content.
        public var pattern: TestPattern?
        /// The content shown: `.none` while dark or while a pattern shows.
        public var content: Content

        public init(state: ScreenState, pattern: TestPattern?, content: Content) {
            (self.state, self.pattern, self.content) = (state, pattern, content)
        }

        /// Whether the panel shows something (a pattern or content).
        public var isLit: Bool { state.isOn && (pattern != nil || content != .none) }

        /// On by rule but with nothing to show: the report's "no content" minutes.
        public var lacksContent: Bool { state.isOn && pattern == nil && content == .none }
    }

    /// The hall's rules with the operators' overrides, as `transitions` and `nextChange` use them.
    public let schedule: Schedule
    public let steering: Steering
    /// Whether a valid emergency notice lights the screen outside the windows.
    public let emergencyOutsideWindows: Bool

    public init(schedule: Schedule, steering: Steering, emergencyOutsideWindows: Bool = false) {
        var withOverrides = schedule
        withOverrides.overrides = steering.overrides
        self.schedule = withOverrides
        self.steering = steering
        self.emergencyOutsideWindows = emergencyOutsideWindows
    }

    /// The verdict at `instant`. `content` is asked only when the screen is on without a
    /// pattern, so a dark tick costs no rotation.
    public func verdict(at instant: Date, content: () -> Content) -> Verdict {
        if let (state, pattern) = Self.imposed(by: steering, at: instant) {
            return Verdict(state: state, pattern: pattern, content: .none)
        }
        let state = schedule.state(at: instant)
        if state.isOn { return Verdict(state: state, pattern: nil, content: content()) }
        if emergencyOutsideWindows, case .outsideWindows(let day) = state.reason, content() == .emergency {
            return Verdict(
                state: ScreenState(isOn: true, reason: .emergency(day: day)), pattern: nil, content: .emergency)
        }
        return Verdict(state: state, pattern: nil, content: .none)
    }

    /// What the technician imposes at `instant` ahead of the schedule and the overrides: a
    /// running test pattern, or maintenance (dark, or its pattern); `nil` when they do not.
    public static func imposed(by steering: Steering, at instant: Date) -> (
        state: ScreenState, pattern: TestPattern?
    )? {
        if let run = steering.testPattern, instant < run.until {
            return (ScreenState(isOn: true, reason: .testPattern(run.pattern, actor: run.actor)), run.pattern)
        }
        if let maintenance = steering.maintenance {
            let reason = ScreenState.Reason.maintenance(actor: maintenance.actor, note: maintenance.note)
            return (ScreenState(isOn: maintenance.pattern != nil, reason: reason), maintenance.pattern)
        }
        return nil
    }

    /// What the steering alone imposes at `instant`: the technician's hold, else the operators'
    /// override in force; `nil` when the schedule decides. The monthly report asks this of the
    /// steering it rebuilds from the events.
    public static func steered(by steering: Steering, at instant: Date) -> ScreenState? {
        if let held = imposed(by: steering, at: instant) { return held.state }
        return steering.overrides.inForce(at: instant)?.state
    }

    /// Whether the technician holds the screen at `instant`: no schedule change applies then.
    public func isHeld(at instant: Date) -> Bool {
        Self.imposed(by: steering, at: instant) != nil
    }

    /// The next instant the schedule or an override turns the screen on or off, with the state it
    /// turns to; `nil` while the technician holds it, or if it never changes.
    public func nextChange(after instant: Date) -> (at: Date, state: ScreenState)? {
        guard !isHeld(at: instant), let next = schedule.nextTransition(after: instant) else { return nil }
        return (next, schedule.state(at: next))
    }

    /// When the schedule next lights the screen with nothing of the technician's in the way:
    /// where the player stages the next opening's pages. `nil` if no such opening is known.
    public func nextOpening(after instant: Date) -> Date? {
        guard let next = nextChange(after: instant), next.state.isOn, !isHeld(at: next.at) else { return nil }
        return next.at
    }

    /// The schedule's flips in `[from, to)`, overrides included.
    public func transitions(from: Date, to: Date) -> [(at: Date, state: ScreenState)] {
        schedule.transitions(from: from, to: to)
    }
}
