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
            "\(path): cannot open the event log: \(reason)"
        case .corrupt(let path, let reason):
            """
            \(path): the event log is damaged (\(reason)). lobbyd will not start on it. To recover what can be read \
            (apt-get install sqlite3 first if needed), moving its write-ahead log with it: mv \(path) \(path).damaged \
            && { [ ! -e \(path)-wal ] || mv \(path)-wal \(path).damaged-wal; } && rm -f \(path)-shm \
            && sqlite3 \(path).damaged .dump | sed 's/^ROLLBACK; -- due to errors$/COMMIT;/' | sqlite3 \(path) \
            && lobbyctl verify-log --database \(path)
            """
        case .writeFailed(let path, let reason):
            "\(path): cannot write to the event log: \(reason)"
        case .readFailed(let path, let reason):
            "\(path): cannot read the event log: \(reason)"
        }
    }
}
