import Foundation

/// The two clocks (docs/ARCHITECTURE.md, section 4 "Time"), read through closures so that every
/// component that keeps time can be run in virtual time (the soak test runs 90 days in minutes).
/// The wall clock decides windows and stamps events; the monotonic clock paces timers and
/// reveals jumps of the wall clock.
public struct Clocks: Sendable {
    public var wall: @Sendable () -> Date
    public var monotonic: @Sendable () -> ContinuousClock.Instant

    public init(
        wall: @escaping @Sendable () -> Date, monotonic: @escaping @Sendable () -> ContinuousClock.Instant
    ) {
        self.wall = wall
        self.monotonic = monotonic
    }

    /// The system's clocks.
    public static let system = Clocks(wall: { Date() }, monotonic: { ContinuousClock.now })
}
