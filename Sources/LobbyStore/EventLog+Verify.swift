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
    /// `anchor` (a row whose hash is known from outside the database) when it is later. A long
    /// chain is checked in two halves at once, on two cores: the second half from the hash the
    /// first half's last row holds, which the first half checks (a year's log has a million rows).
    public func verify(upTo last: Int64? = nil, from anchor: ChainAnchor? = nil) throws(LobbyStoreError)
        -> Verification
    {
        try verify(upTo: last, from: anchor, halvesFrom: Self.halvesFrom)
    }

    /// `verify(upTo:from:)`, in halves when the rows span `halvesFrom` ids or more.
    func verify(upTo last: Int64?, from anchor: ChainAnchor?, halvesFrom: Int64) throws(LobbyStoreError)
        -> Verification
    {
        do {
            // The ends; a short chain is walked in the same read.
            let (start, end, whole) = try readPool { db -> (Int64, Int64, Verification?) in
                let after = try Self.start(db, from: anchor)
                let end = min(last ?? Int64.max, try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM events") ?? 0)
                // A checkpoint's row is whatever the database says, Int64.min included.
                let (span, overflowed) = end.subtractingReportingOverflow(after.row)
                guard !overflowed, span >= halvesFrom else {
                    return (after.row, end, try Self.walk(db, after: after, through: last ?? Int64.max))
                }
                return (after.row, end, nil)
            }
            if let whole { return whole }
            let middle = start + (end - start) / 2
            let second = BackgroundWork { [self] () throws(LobbyStoreError) in
                do {
                    return try readPool { db -> Verification? in
                        // The last row of the first half, whose hash the second half follows.
                        guard
                            let row = try Row.fetchOne(
                                db,
                                sql: "SELECT id, CAST(hash AS TEXT) FROM events WHERE id > ? AND id <= ? "
                                    // lint: not for people (SQL)
                                    + "ORDER BY id DESC LIMIT 1",
                                arguments: [start, middle])
                        else { return nil }
                        return try Self.walk(db, after: (row[0], row[1]), through: end)
                    }
                } catch {
                    throw .readFailed(path: path, reason: "\(error)")
                }
            }
            let first = try walk(from: anchor, through: middle)
            guard case .intact(let firstRows) = first else { return first }
            guard let rest = try second.value() else { return try walk(from: anchor, through: last) }
            guard case .intact(let restRows) = rest else { return rest }
            return .intact(rows: firstRows + restRows)
        } catch let error as LobbyStoreError {
            throw error
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }

    /// Shorter chains are checked in one pass: a second thread costs more than it saves.
    static let halvesFrom: Int64 = 50_000

    /// The chain from the start (or `anchor`) through row `last`, in one read. The start is
    /// read again in that read: retention may have moved it since the ends were read.
    private func walk(from anchor: ChainAnchor?, through last: Int64?) throws(LobbyStoreError) -> Verification {
        do {
            return try readPool { db in
                try Self.walk(db, after: try Self.start(db, from: anchor), through: last ?? Int64.max)
            }
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }

    /// Where the chain is checked from: the last retention checkpoint (rows at or below it are
    /// being pruned, and a crash may leave some behind; its hash is the one the next row
    /// follows), or `anchor` when it is later.
    private static func start(_ db: Database, from anchor: ChainAnchor?) throws -> (row: Int64, hash: String) {
        let checkpoint = try Row.fetchOne(
            db,
            sql:
                "SELECT CAST(up_to_id AS INTEGER) AS up_to_id, CAST(hash AS TEXT) AS hash FROM retention_checkpoints "
                // lint: not for people (SQL)
                + "ORDER BY CAST(up_to_id AS INTEGER) DESC LIMIT 1")
        let row: Int64 = checkpoint?["up_to_id"] ?? 0
        if let anchor, anchor.row > row { return (anchor.row, anchor.hash) }
        return (row, checkpoint?["hash"] ?? genesis)
    }

    /// Checks the rows after `after.row` through `last`, each following the one before (the
    /// first following `after.hash`) and matching its own hash.
    private static func walk(_ db: Database, after: (row: Int64, hash: String), through last: Int64) throws
        -> Verification
    {
        var previous = Array(after.hash.utf8)
        var hashed: [UInt8] = []
        var rows = 0
        var result = Verification.intact(rows: 0)
        try RowScan.each(
            db,
            "SELECT id, ts, kind, detail, actor, previous_hash, hash FROM events "
                // lint: not for people (SQL)
                + "WHERE id > ? AND id <= ? ORDER BY id",
            arguments: [after.row, last]
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
}
