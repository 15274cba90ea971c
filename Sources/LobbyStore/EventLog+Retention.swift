import Foundation
import GRDB

extension EventLog {
    /// Removes events older than `cutoff`, in batches of `batch` rows, each in its own short
    /// transaction so that writers are never held up for long. A checkpoint first records the
    /// hash of the last row to go, so `verify()` still checks the whole remaining chain.
    /// Returns the number of rows removed.
    @discardableResult
    public func prune(olderThan cutoff: Date, batch: Int = 1000, now: Date = Date()) throws(LobbyStoreError) -> Int {
        do {
            let last = try readPool { db in
                try Row.fetchOne(
                    db, sql: "SELECT id, CAST(hash AS TEXT) AS hash FROM events WHERE ts < ? ORDER BY id DESC LIMIT 1",
                    arguments: [EventTime.format(cutoff)])
            }
            guard let last, let lastID = last["id"] as Int64?, let hash = last["hash"] as String? else { return 0 }
            // Anchored outside the database first: a checkpoint nobody anchored is a deletion.
            try AnchorFile(log: path).append(
                ChainAnchor(ts: EventTime.format(now), reason: .checkpoint, row: lastID, hash: hash))
            try writePool { db in
                try db.execute(
                    sql: "INSERT INTO retention_checkpoints (up_to_id, hash, ts) VALUES (?, ?, ?)",
                    arguments: [lastID, hash, EventTime.format(now)])
            }
            var removed = 0
            while true {
                let count = try writePool { db -> Int in
                    try db.execute(
                        sql: "DELETE FROM events WHERE id IN (SELECT id FROM events WHERE id <= ? ORDER BY id LIMIT ?)",
                        arguments: [lastID, batch])
                    return db.changesCount
                }
                removed += count
                if count < batch { return removed }
            }
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }
}
