import GRDB
import LobbyCore

extension EventLog {
    /// What `verify()` found.
    public enum Verification: Sendable, Equatable {
        case intact(rows: Int)
        case broken(row: Int64, reason: String)

        /// The two reasons `verify()` gives, so a report can word them in its own language.
        // lint: not for people (a key)
        public static let notFollowing = "it does not follow the row before it (a row was removed or inserted)"
        // lint: not for people (a key)
        public static let edited = "its content does not match its hash (the row was edited)"
    }

    /// Recomputes the chain row by row, up to row `last` when given, and names the first row
    /// that does not fit. From the start of the log (its last retention checkpoint), or from
    /// `anchor` (a row whose hash is known from outside the database) when it is later.
    public func verify(upTo last: Int64? = nil, from anchor: ChainAnchor? = nil) throws(LobbyStoreError)
        -> Verification
    {
        do {
            return try readPool { db in
                let checkpoint = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT CAST(up_to_id AS INTEGER) AS up_to_id, CAST(hash AS TEXT) AS hash FROM retention_checkpoints "
                        // lint: not for people (SQL)
                        + "ORDER BY CAST(up_to_id AS INTEGER) DESC LIMIT 1")
                // Rows at or below the checkpoint are being pruned (a crash may leave some behind).
                var after: (row: Int64, hash: String) = (
                    checkpoint?["up_to_id"] ?? 0, checkpoint?["hash"] ?? Self.genesis
                )
                if let anchor, anchor.row > after.row { after = (anchor.row, anchor.hash) }
                var previous = Array(after.hash.utf8)
                var hashed: [UInt8] = []
                var rows = 0
                var result = Verification.intact(rows: 0)
                try RowScan.each(
                    db,
                    "SELECT id, ts, kind, detail, actor, previous_hash, hash FROM events "
                        // lint: not for people (SQL)
                        + "WHERE id > ? AND id <= ? ORDER BY id",
                    arguments: [after.row, last ?? Int64.max]
                ) { row in
                    guard previous.withUnsafeBytes({ row.bytes(5).equals($0) }) else {
                        result = .broken(row: row.int64(0), reason: Verification.notFollowing)
                        return false
                    }
                    // The hashed text, as `StoredEvent.chainHash` joins it.
                    hashed.removeAll(keepingCapacity: true)
                    hashed += previous
                    for column in Int32(1)...4 {
                        hashed.append(StoredEvent.separator)
                        hashed += row.bytes(column)
                    }
                    let hash = row.bytes(6)
                    guard hashed.withUnsafeBytes({ Digest.sha256(of: $0, matches: hash) }) else {
                        result = .broken(row: row.int64(0), reason: Verification.edited)
                        return false
                    }
                    previous.replaceSubrange(previous.startIndex..., with: hash)
                    rows += 1
                    return true
                }
                if case .intact = result { result = .intact(rows: rows) }
                return result
            }
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }
}
