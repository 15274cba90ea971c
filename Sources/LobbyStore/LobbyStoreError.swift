import LobbyCore

/// Every error `LobbyStore` reports, with the command that fixes it where there is one.
public enum LobbyStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    /// The file is not a healthy SQLite database; lobbyd refuses to start rather than guess.
    case corrupt(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            Messages.Store.cannotOpen(path, reason).description
        case .corrupt(let path, let reason):
            Messages.Store.corrupt(path, reason, recovery: Self.recovery(path)).description
        case .writeFailed(let path, let reason):
            Messages.Store.writeFailed(path, reason).description
        case .readFailed(let path, let reason):
            Messages.Store.readFailed(path, reason).description
        }
    }

    /// The commands that recover what can be read of a damaged log.
    static func recovery(_ path: String) -> String {
        // lint: not for people (shell commands)
        """
        mv \(path) \(path).damaged \
        && { [ ! -e \(path)-wal ] || mv \(path)-wal \(path).damaged-wal; } && rm -f \(path)-shm \
        && sqlite3 \(path).damaged .dump | sed 's/^ROLLBACK; -- due to errors$/COMMIT;/' | sqlite3 \(path) \
        && lobbyctl verify-log --database \(path)
        """
    }
}
