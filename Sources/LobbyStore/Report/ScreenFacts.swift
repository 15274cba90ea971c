import Foundation
import LobbyCore

/// What the daemon, the link, the sign and the operators' steering were at an instant, as the
/// events tell it; `cause(at:)` says why a required minute was not shown.
public struct ScreenFacts: Sendable, Equatable {
    public var running = false
    public var linkUp = false
    /// `nil`, or why the sign does not hold its content: from a `sign_reset` or `sign_refused`
    /// until `sign_restored`.
    public var signProblem: OutageCause?
    /// False from `content_missing` until `content_restored` or the next `screen_on`.
    public var hasContent = true
    /// The technician's and the operators' steering as the events tell it; `ScreenPolicy` weighs it.
    public var steering = Steering()

    public init(running: Bool = false, linkUp: Bool = false) {
        self.running = running
        self.linkUp = linkUp
    }

    /// Why a required instant was not shown, or `nil` when it was.
    func cause(at instant: Date) -> OutageCause? {
        if !running { return .notRunning }
        switch ScreenPolicy.steered(by: steering, at: instant)?.reason {
        case .maintenance?, .testPattern?: return .maintenance
        case .override(let override)? where !override.isOn: return .manualOff
        default: break
        }
        if !linkUp { return .linkDown }
        if let signProblem { return signProblem }
        if !hasContent { return .noContent }
        return nil
    }

    /// Whether content was shown at an instant outside the required windows (an override on).
    func isShownOutsideWindows(at instant: Date) -> Bool {
        guard let override = steering.overrides.inForce(at: instant), override.isOn else { return false }
        return cause(at: instant) == nil
    }

    /// The next instant after `instant` at which a test pattern or an override runs out.
    func nextExpiry(after instant: Date) -> Date? {
        ([steering.testPattern?.until] + steering.overrides.map(\.until)).compactMap { $0 }.filter { $0 > instant }
            .min()
    }

    mutating func apply(_ event: StoredEvent, at date: Date) {
        switch EventKind(rawValue: event.kind) {
        case .daemonStart?:
            (running, linkUp, signProblem, hasContent) = (true, false, nil, true)
        case .daemonStop?: (running, linkUp) = (false, false)
        case .linkUp?: linkUp = true
        case .linkDown?: linkUp = false
        case .signReset?: signProblem = .signReset
        case .signRefused?: signProblem = signProblem ?? .signRefused
        case .signRestored?: signProblem = nil
        case .screenOn?, .contentRestored?: hasContent = true
        case .contentMissing?: hasContent = false
        case .maintenanceStart?:
            steering.maintenance = .init(since: date, actor: event.actor, note: "", pattern: nil)
        case .maintenanceEnd?: steering.maintenance = nil
        case .testPattern?:
            let minutes = Double(event.details["minutes"] ?? "") ?? 0
            steering.testPattern = .init(
                pattern: event.details["pattern"].flatMap(TestPattern.init(rawValue:)) ?? .allOn,
                until: date.addingTimeInterval(minutes * 60), actor: event.actor)
        case .override?:
            // As lobbyd keeps them: a clear removes all, a new one goes on top of those in force.
            let details = event.details
            switch details["state"] {
            case "clear": steering.overrides = []
            case let state?:
                if let until = details["until"].flatMap(EventTime.parseDetail) {
                    steering.expire(at: date)
                    steering.overrides.append(
                        ScheduleOverride(isOn: state == "on", from: date, until: until, reason: "", actor: event.actor))
                }
            case nil: break
            }
        default: break
        }
    }
}
