import Foundation

/// The daemon's wall clock: the system clock, or (demo and tests only) the system clock shifted
/// so that it started at a chosen instant, which lets a demo at any hour show 08:20 arrive.
public struct WallClock: Sendable {
    private let offset: TimeInterval

    public init(startingAt start: Date? = nil) {
        offset = start.map { $0.timeIntervalSinceNow } ?? 0
    }

    public var isShifted: Bool { offset != 0 }

    public func now() -> Date {
        Date().addingTimeInterval(offset)
    }

    /// An instant some component took from the system clock (the link driver), on this clock.
    public func reading(_ systemInstant: Date) -> Date {
        systemInstant.addingTimeInterval(offset)
    }
}
