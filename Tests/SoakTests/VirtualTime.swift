import Foundation
import LobbyCore
import Synchronization

/// The soak's clocks: time moves only when the soak moves it. The wall clock is the monotonic
/// one plus an offset, which a simulated clock step (NTP correcting a drifted clock, a
/// technician setting it by hand) changes; the monotonic clock never jumps.
final class VirtualTime: Sendable {
    private struct Readings {
        var elapsed: Duration = .zero
        var wallOffset: TimeInterval = 0
    }

    let start: Date
    private let origin = ContinuousClock.now
    private let readings = Mutex(Readings())

    init(start: Date) {
        self.start = start
    }

    /// Monotonic time since the start of the soak.
    var elapsed: Duration { readings.withLock { $0.elapsed } }
    var monotonic: ContinuousClock.Instant { origin + elapsed }
    var wall: Date { readings.withLock { start.addingTimeInterval($0.elapsed.inSeconds + $0.wallOffset) } }

    /// The clocks as the daemon's components read them.
    var clocks: Clocks { Clocks(wall: { self.wall }, monotonic: { self.monotonic }) }

    func advance(by duration: Duration) {
        readings.withLock { $0.elapsed += max(.zero, duration) }
    }

    func advance(to elapsed: Duration) {
        readings.withLock { $0.elapsed = max($0.elapsed, elapsed) }
    }

    /// Steps the wall clock alone, as `date -s` or an NTP step does.
    func stepWall(by seconds: TimeInterval) {
        readings.withLock { $0.wallOffset += seconds }
    }
}
