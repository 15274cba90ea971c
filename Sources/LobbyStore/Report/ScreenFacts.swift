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
    public var maintenance = false
    public var testPatternUntil: Date?
    /// The latest override: on or off, until when. A `clear` removes it.
    public var override: Override?

    public struct Override: Sendable, Equatable {
        public var isOn: Bool
        public var until: Date
    }

    public init(running: Bool = false, linkUp: Bool = false) {
        self.running = running
        self.linkUp = linkUp
    }

    /// Why a required instant was not shown, or `nil` when it was.
    func cause(at instant: Date) -> OutageCause? {
        if !running { return .notRunning }
        if maintenance || (testPatternUntil.map { instant < $0 } ?? false) { return .maintenance }
        if let override, instant < override.until, !override.isOn { return .manualOff }
        if !linkUp { return .linkDown }
        if let signProblem { return signProblem }
        if !hasContent { return .noContent }
        return nil
    }

    /// Whether content was shown at an instant outside the required windows (an override on).
    func isShownOutsideWindows(at instant: Date) -> Bool {
        guard let override, override.isOn, instant < override.until else { return false }
        return cause(at: instant) == nil
    }

    /// The next instant after `instant` at which a test pattern or an override runs out.
    func nextExpiry(after instant: Date) -> Date? {
        [testPatternUntil, override?.until].compactMap { $0 }.filter { $0 > instant }.min()
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
        case .maintenanceStart?: maintenance = true
        case .maintenanceEnd?: maintenance = false
        case .testPattern?:
            let minutes = Double(event.details["minutes"] ?? "") ?? 0
            testPatternUntil = date.addingTimeInterval(minutes * 60)
        case .override?:
            let details = event.details
            switch details["state"] {
            case "clear": override = nil
            case let state?:
                if let until = details["until"].flatMap(EventTime.parseDetail) {
                    override = Override(isOn: state == "on", until: until)
                }
            case nil: break
            }
        default: break
        }
    }
}
