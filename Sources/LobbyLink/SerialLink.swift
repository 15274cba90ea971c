import LobbyCore

/// The link to the sign as a state machine: each event returns the actions its thin driver loop
/// performs, so every recovery path is tested without a device.
///
/// ```
/// closed → opening → probing → ready ⇄ (health probe)
///             ↑          ↓ no answer      ↓ write/read error
///          failed ← degraded (3 misses)  failed → (backoff 1 s … 30 s) → opening
/// ```
/// Every time the sign answers after being unreachable (or lobbyd starts), lobbyd asks whether
/// it still holds what lobbyd last confirmed: the probe reads back a manifest token stored on
/// the sign (`SignLedger`). If so, the sign's memory is adopted and only what changed is sent;
/// otherwise (unplugged and power-cycled, or never synced) everything is uploaded again. The
/// probe also reads the sign's clock, which lobbyd sets at every sync. At a health probe, a
/// token that no longer matches, or (for a sign that keeps no token) a clock that disagrees,
/// means a power cut nobody saw: it is reported (`signReset`) and re-syncs; a matching token
/// with a wrong clock only sets the clock.
///
/// When the sign confirms an upload but says it refused part of it, everything is sent once
/// more (a damaged packet goes through the second time); a sign that refuses again keeps what
/// it has until the content changes, so that a refusal never becomes an upload loop.
///
/// The link is reported down once per outage: when a link that was up fails, and also when the
/// very first attempt fails (a wrong device or a refused permission is an outage from the start).
public struct SerialLink: Sendable {
    public enum State: Sendable, Equatable, CustomStringConvertible {
        case closed, opening, probing, ready
        /// The port is open but the sign does not answer (muted, wrong device, wrong speed).
        case degraded
        /// The port is gone or cannot be opened; waiting to retry.
        case failed

        public var description: String {
            switch self {
            case .closed: "closed"
            case .opening: "opening"
            case .probing: "probing"
            case .ready: "ready"
            case .degraded: "degraded"
            case .failed: "failed"
            }
        }
    }

    public enum Event: Sendable, Equatable {
        case start
        case opened
        case openFailed(String)
        /// The sign answered the probe; `clockAgrees` is false when its clock was reset, and
        /// `manifest` says whether it still holds what lobbyd last confirmed.
        case probeAnswered(clockAgrees: Bool, manifest: ManifestCheck = .unknown)
        /// No answer to a probe, or to the read that confirms an upload.
        case probeUnanswered
        case transmissionFailed(String)
        case retryDue
        case healthCheckDue
        case contentChanged
        /// The sign confirmed an upload but reports that it refused part of it (or received it
        /// damaged): what it shows is not what was sent.
        case signRefused
        /// Time to send everything again to a sign that cannot say whether it still holds it
        /// (`Controller.refreshInterval`).
        case refreshDue
    }

    /// The manifest token a probe read back, against the one lobbyd last stored.
    public enum ManifestCheck: Sendable, Equatable {
        /// The same: the sign holds what lobbyd last confirmed.
        case ours
        /// Another or none: the sign lost its memory, or an upload was cut short.
        case other
        /// The sign did not answer for it (no manifest file): only the clock can tell.
        case unknown
    }

    public enum Action: Sendable, Equatable {
        case open
        case close
        case probe
        /// Forget what the sign holds; upload everything and set its clock.
        case resync
        /// The sign holds what lobbyd last confirmed: keep it, send only what changed (at
        /// least the run sequence).
        case adopt
        /// Only the sign's clock is off: set it.
        case setClock
        /// Send what changed since the last upload.
        case sendChanges
        case scheduleRetry(after: Duration)
        case scheduleHealthCheck(after: Duration)
        case linkUp
        case linkDown(cause: String)
        /// The sign answered, but its clock shows it lost power (and its memory) since the last sync.
        case signReset
    }

    /// How often a ready sign is probed: a power-cycled sign is noticed within this time, and
    /// each probe costs 71 bytes on the Alpha driver (three reads and a clear), 0.5 % of a
    /// 9600-baud line at the default 15 s.
    public let healthInterval: Duration
    public static let maximumBackoff: Duration = .seconds(30)
    /// Unanswered probes in a row before the port is closed and opened again.
    public static let missesBeforeReopen = 3

    public private(set) var state: State = .closed
    /// Failed attempts since the link was last ready.
    public private(set) var retries = 0
    public private(set) var lastError: String?
    private var isUp = false
    /// `linkDown` was reported and no `linkUp` since.
    private var isDownReported = false
    private var misses = 0
    private var isHealthProbe = false
    /// A refused upload was already sent again in full: a sign that refuses the same content
    /// twice will refuse it every time, so no more until the content changes.
    private var hasResentRefused = false

    public init(healthInterval: Duration = .seconds(15)) {
        self.healthInterval = healthInterval
    }

    /// The delay before retry `attempt` (counted from 1): 1 s, 2 s, 4 s … capped at 30 s.
    public static func backoff(_ attempt: Int) -> Duration {
        min(.seconds(1 << min(max(attempt, 1) - 1, 5)), maximumBackoff)
    }

    public mutating func handle(_ event: Event) -> [Action] {
        switch (state, event) {
        case (.closed, .start), (.failed, .retryDue):
            state = .opening
            return [.open]
        case (.opening, .opened):
            state = .probing
            isHealthProbe = false
            return [.probe]
        case (.opening, .openFailed(let reason)):
            return fail(reason)
        case (.probing, .probeAnswered(let clockAgrees, let manifest)),
            (.degraded, .probeAnswered(let clockAgrees, let manifest)):
            let wasHealthCheck = isHealthProbe && state == .probing
            state = .ready
            retries = 0
            misses = 0
            lastError = nil
            var actions: [Action] = []
            if !isUp { actions.append(.linkUp) }
            isUp = true
            isDownReported = false
            switch (wasHealthCheck, manifest, clockAgrees) {
            case (_, .ours, true): if !wasHealthCheck { actions.append(.adopt) }
            case (_, .ours, false): actions += wasHealthCheck ? [.setClock] : [.adopt, .setClock]
            case (true, .other, _), (true, .unknown, false): actions += [.signReset, .resync]
            case (true, .unknown, true): break
            case (false, .other, _), (false, .unknown, _): actions.append(.resync)
            }
            return actions + [.scheduleHealthCheck(after: healthInterval)]
        // In `ready`: an upload the sign did not confirm (`LinkLoop.upload`).
        case (.probing, .probeUnanswered), (.degraded, .probeUnanswered), (.ready, .probeUnanswered):
            misses += 1
            if misses >= Self.missesBeforeReopen { return fail(Messages.Link.missedProbes(misses).description) }
            retries += 1
            lastError = Messages.Link.noAnswer.description
            state = .degraded
            return reportDown(Messages.Link.noAnswer.description) + [.scheduleRetry(after: Self.backoff(retries))]
        case (.degraded, .retryDue):
            return [.probe]
        case (.ready, .healthCheckDue):
            state = .probing
            isHealthProbe = true
            return [.probe]
        case (.ready, .contentChanged):
            hasResentRefused = false
            return [.sendChanges]
        case (.ready, .refreshDue):
            return [.resync]
        case (.ready, .signRefused):
            guard !hasResentRefused else { return [] }
            hasResentRefused = true
            return [.resync]
        case (.ready, .transmissionFailed(let reason)), (.probing, .transmissionFailed(let reason)),
            (.degraded, .transmissionFailed(let reason)):
            return fail(reason)
        default:
            return []
        }
    }

    /// The port is gone: close it, say so once, and retry with backoff.
    private mutating func fail(_ reason: String) -> [Action] {
        state = .failed
        misses = 0
        retries += 1
        lastError = reason
        return [.close] + reportDown(reason) + [.scheduleRetry(after: Self.backoff(retries))]
    }

    /// `linkDown`, unless this outage was already reported.
    private mutating func reportDown(_ cause: String) -> [Action] {
        isUp = false
        guard !isDownReported else { return [] }
        isDownReported = true
        return [.linkDown(cause: cause)]
    }
}
