import Foundation
import LobbyCore

/// The daemon's two clocks, wall and monotonic: the system's, or (demo and tests only) the
/// system's with the wall clock shifted so that it started at a chosen instant, which lets a
/// demo at any hour show 08:20 arrive, or (the soak test) virtual ones.
public struct DaemonClock: Sendable {
    public let clocks: Clocks
    public let isShifted: Bool

    public init(startingAt start: Date? = nil) {
        let offset = start.map { $0.timeIntervalSinceNow } ?? 0
        clocks = Clocks(wall: { Date().addingTimeInterval(offset) }, monotonic: { ContinuousClock.now })
        isShifted = offset != 0
    }

    /// Clocks that tests drive.
    public init(_ clocks: Clocks) {
        self.clocks = clocks
        isShifted = false
    }

    public func now() -> Date { clocks.wall() }

    public func monotonic() -> ContinuousClock.Instant { clocks.monotonic() }
}
