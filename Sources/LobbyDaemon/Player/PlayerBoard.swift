import Foundation
import LobbyCore
import Synchronization

/// What the player decided last, for `status`.
public struct PlayerView: Sendable {
    public var decision: ScreenDecision?
    /// When the screen last turned on or off.
    public var since: Date?
    public var playlists: [String] = []
    /// Seconds the screen was really lit (on, link ready, something shown) on `litDay`.
    public var litDay: LocalDate?
    public var litSeconds: Double = 0

    public init() {}
}

/// The player's latest view, published every time it changes.
public final class PlayerBoard: Sendable {
    private let view = Mutex(PlayerView())
    public init() {}
    public var snapshot: PlayerView { view.withLock { $0 } }
    func publish(_ change: (inout PlayerView) -> Void) { view.withLock { change(&$0) } }
}
