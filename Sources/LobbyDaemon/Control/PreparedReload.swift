import LobbyCore

/// A reload read and checked but not yet applied: what it will say, and the change itself,
/// which the caller makes once the event is recorded (`lobbyctl reload`) or at once (SIGHUP).
struct PreparedReload: Sendable {
    let message: Localized
    let apply: @Sendable () -> Void
}
