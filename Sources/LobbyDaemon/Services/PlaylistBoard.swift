import LobbyCore
import Synchronization

/// The accepted playlists as the player last saw them; the spool thread replaces the snapshot
/// after every change.
public final class PlaylistBoard: Sendable {
    private let store = Mutex<PlaylistStore?>(nil)

    public init() {}

    /// The accepted playlists; empty until the spool has restored its archive at start.
    public var snapshot: PlaylistStore { store.withLock { $0 ?? PlaylistStore() } }

    /// Whether the archive has been restored, so that "no content" means no content.
    public var isLoaded: Bool { store.withLock { $0 != nil } }

    func publish(_ new: PlaylistStore) { store.withLock { $0 = new } }

    private let standing = Mutex(PlaylistStore())

    /// The standing notice (`[content] fallback`): checked at start and again at each reload,
    /// so that revoking its signer's key takes it off the screen as it does any playlist.
    public var fallback: PlaylistStore { standing.withLock { $0 } }

    func publish(fallback: PlaylistStore) { standing.withLock { $0 = fallback } }

    private let keys = Mutex<[TrustStore.Expiry]>([])

    /// The signing keys with a last day, as the spool's trust store has them.
    public var expiries: [TrustStore.Expiry] { keys.withLock { $0 } }

    func publish(_ expiries: [TrustStore.Expiry]) { keys.withLock { $0 = expiries } }
}
