import Foundation
import LobbyCore

/// The soak's own account of the screen, second by second, against the hall's hours: kept by
/// the test (with its own idea of the hours, `HallHours`), not by lobbyd, so that lobbyd's
/// figures can be checked against it.
struct SoakLedger {
    /// What the sign showed over an interval.
    struct Observation: Equatable {
        var isLit: Bool
        /// The sign shows exactly the pages the player decided (or is dark when it decided dark).
        var showsDecision: Bool
    }

    struct Day {
        var scheduledSeconds = 0.0
        var litSeconds = 0.0
        /// Seconds between an injected fault and the sign being right again.
        var outageSeconds = 0.0
        /// Seconds, outside outages, when the sign was not what the schedule demands.
        var wrongSeconds = 0.0
    }

    private(set) var hours = HallHours()
    /// Keyed by the local date, `2026-10-08`.
    private(set) var days: [String: Day] = [:]
    /// From a fault's end (cable back, power back) to the sign being right again.
    private(set) var recoveries: [Duration] = []
    /// Screen on/off changes the schedule demanded at the player's ticks.
    private(set) var transitions = 0
    private var lastDemand: Bool?
    private var activeFaults = 0
    private var outageSince: Duration?
    private var faultsClearedAt: Duration?

    var isInOutage: Bool { outageSince != nil }

    /// What the schedule demands at `wall`, and whether that is a change since the last tick.
    mutating func noteTick(at wall: Date) {
        let demand = hours.isOpen(at: wall)
        if let lastDemand, lastDemand != demand { transitions += 1 }
        lastDemand = demand
    }

    mutating func faultStarted(at elapsed: Duration) {
        activeFaults += 1
        outageSince = outageSince ?? elapsed
        faultsClearedAt = nil
    }

    mutating func faultEnded(at elapsed: Duration) {
        activeFaults -= 1
        if activeFaults == 0 { faultsClearedAt = elapsed }
    }

    /// Whether `observation` is what the hall's hours demand at `wall`.
    mutating func isRight(_ observation: Observation, at wall: Date) -> Bool {
        observation.isLit == hours.isOpen(at: wall) && observation.showsDecision
    }

    /// Ends the outage once every fault is over and the sign is right again (`linkReady`: and
    /// lobbyd knows it).
    mutating func check(_ observation: Observation, at elapsed: Duration, wall: Date, linkReady: Bool) {
        guard let cleared = faultsClearedAt, activeFaults == 0, linkReady, isRight(observation, at: wall) else {
            return
        }
        recoveries.append(elapsed - cleared)
        outageSince = nil
        faultsClearedAt = nil
    }

    /// Books `[from, to)` (monotonic), during which the sign showed `observation`; the wall
    /// clock reads `wallAtFrom` at `from`. Split at whole seconds, where windows begin and end.
    mutating func account(from: Duration, to: Duration, wallAtFrom: Date, _ observation: Observation) {
        var start = from
        while start < to {
            let nextSecond = Duration.seconds(start.components.seconds + 1)
            let end = min(to, nextSecond)
            let seconds = (end - start).inSeconds
            let wall = wallAtFrom.addingTimeInterval((start - from).inSeconds)
            let (date, demanded) = hours.demand(at: wall)
            days[date, default: Day()].scheduledSeconds += demanded ? seconds : 0
            days[date, default: Day()].litSeconds += observation.isLit ? seconds : 0
            if isInOutage {
                days[date, default: Day()].outageSeconds += seconds
            } else if !isRight(observation, at: wall) {
                days[date, default: Day()].wrongSeconds += seconds
            }
            start = end
        }
    }
}
