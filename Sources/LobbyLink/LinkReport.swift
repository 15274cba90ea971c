import Foundation

/// What the link reports to the rest of the daemon (and, through it, the event log).
public enum LinkReport: Sendable, Equatable {
    case up
    case down(cause: String)
    /// Everything the screen should show is on the sign, which confirmed it.
    case synced(bytes: Int)
    /// The sign lost power or was reset since the last sync (its manifest or clock says so): it was dark
    /// until the re-sync that follows.
    case signReset
    /// The sign reported problems with an upload: it refused packets (what it shows is not what
    /// was sent) or received them damaged.
    case signRefused(problems: String)
    /// The sign's clock was off (it still held its content) and was set to `hour:minute`.
    case clockSet(hour: Int, minute: Int)
    /// After a `signReset` or a refused upload, an upload that puts everything back was
    /// confirmed clean.
    case signRestored
}
