import Foundation
import GRDB
import LobbyCore

/// The event chain's head written outside the database, so that someone holding the database
/// file cannot quietly delete its tail, empty it, move the retention checkpoint or append rows
/// while lobbyd is stopped: `EventLog.verify(against:)` checks the database against these.
///
/// `LOG.anchors` beside the database, one line per anchor, only ever appended (O_APPEND, fsync):
/// `2026-11-29T15:00:00.000Z hourly 1234 3f5a…` — when, why, the row id and that row's hash.
/// The daemon writes one at start, every hour, at stop and at each retention checkpoint, and
/// puts the same line in the journal, which a database owner cannot rewrite.
public struct ChainAnchor: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case start, hourly, stop
        /// After each write of the daemon's events (not synced: it guards against the process
        /// dying and against edits while lobbyd runs; the hourly and stop anchors are synced).
        case write
        /// Retention removed the rows up to `row`; its hash is the checkpoint's.
        case checkpoint
    }

    public var ts: String
    public var reason: Reason
    /// 0 with the genesis hash for an empty log.
    public var row: Int64
    public var hash: String

    public var description: String { "\(ts) \(reason.rawValue) \(row) \(hash)" }

    /// One line of the file: `ts reason row hash`, single spaces. A year's file has a million
    /// lines; each is parsed in place, making only the two strings it keeps.
    init?(line: Slice<UnsafeBufferPointer<UInt8>>) {
        guard let afterTime = line.firstIndex(of: 0x20),
            let afterReason = line[(afterTime + 1)...].firstIndex(of: 0x20),
            let afterRow = line[(afterReason + 1)...].firstIndex(of: 0x20)
        else { return nil }
        func text(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String { String(decoding: field, as: UTF8.self) }
        let hash = line[(afterRow + 1)...]
        guard afterTime > line.startIndex, hash.count == 64, !hash.contains(0x20),
            let reason = Reason(rawValue: text(line[(afterTime + 1)..<afterReason])),
            let row = Int64(text(line[(afterReason + 1)..<afterRow]))
        else { return nil }
        self.init(ts: text(line[..<afterTime]), reason: reason, row: row, hash: text(hash))
    }

    public init(ts: String, reason: Reason, row: Int64, hash: String) {
        self.ts = ts
        self.reason = reason
        self.row = row
        self.hash = hash
    }
}

/// The anchor file of one event log.
public struct AnchorFile: Sendable {
    public let path: String

    public init(log: String) {
        path = "\(log).anchors"
    }

    public init(path: String) {
        self.path = path
    }

    /// Appends `anchor` on a line of its own, synced to disk unless `sync` is false. A write cut
    /// short (disk full) is taken back, and a line torn before (a power cut) is ended first, so
    /// one failure never spoils the anchors after it.
    public func append(_ anchor: ChainAnchor, sync: Bool = true) throws(LobbyStoreError) {
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: Messages.System.error(errno).description) }
        defer { close(descriptor) }
        let end = lseek(descriptor, 0, SEEK_END)
        var last: UInt8 = 0x0A
        if end > 0 { _ = pread(descriptor, &last, 1, end - 1) }
        let bytes = Array("\(last == 0x0A ? "" : "\n")\(anchor)\n".utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, !sync || fsync(descriptor) == 0 else {
            // A short write sets no errno: the disk is full.
            let reason = Messages.System.error(written >= 0 && written < bytes.count ? ENOSPC : errno).description
            if end >= 0 { _ = ftruncate(descriptor, end) }
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// Every anchor, oldest first; an absent file has none. Lines that are not anchors (a torn
    /// last line after a power cut) are skipped and counted.
    public func read() throws(LobbyStoreError) -> (anchors: [ChainAnchor], unreadable: Int) {
        try read(since: nil)
    }

    /// The anchors written at or after `since` (an `EventTime` text), with the one before them
    /// and every retention checkpoint: what a report of a month needs, without parsing the
    /// years of lines before it (lobbyd anchors every write). `nil`: every anchor.
    public func read(since: String?) throws(LobbyStoreError) -> (anchors: [ChainAnchor], unreadable: Int) {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, limit: 256 << 20, links: .refuse)
        } catch .missing {
            return ([], 0)
        } catch {
            throw .readFailed(path: path, reason: error.description)
        }
        var anchors: [ChainAnchor] = []
        var unreadable = 0
        var since = since.map { Array($0.utf8) }
        // Before `since`: the last line, parsed once `since` is reached, and the checkpoints.
        var lineBefore: Range<Int>?
        let checkpoint = Array(" \(ChainAnchor.Reason.checkpoint.rawValue) ".utf8)
        bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                defer { start = end + 1 }
                guard end > start else { continue }
                let line = bytes[start..<end]
                if let earliest = since {
                    if line.lexicographicallyPrecedes(earliest) {
                        if line.dropFirst(earliest.count).starts(with: checkpoint), let anchor = ChainAnchor(line: line)
                        {
                            anchors.append(anchor)
                        } else {
                            lineBefore = start..<end
                        }
                        continue
                    }
                    since = nil
                    if let before = lineBefore.flatMap({ ChainAnchor(line: bytes[$0]) }) { anchors.append(before) }
                }
                if let anchor = ChainAnchor(line: line) {
                    anchors.append(anchor)
                } else {
                    unreadable += 1
                }
            }
            if since != nil, let before = lineBefore.flatMap({ ChainAnchor(line: bytes[$0]) }) {
                anchors.append(before)
            }
        }
        return (anchors, unreadable)
    }
}

extension EventLog {
    /// The last row's id and hash: `(0, genesis)` for an empty log.
    public func head() throws(LobbyStoreError) -> (row: Int64, hash: String) {
        do {
            return try readPool { db in
                let row = try Row.fetchOne(db, sql: "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")
                return (row?["id"] ?? 0, row?["hash"] ?? Self.genesis)
            }
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }

    /// Records the current head in the anchor file, for `reason`, at `now`.
    @discardableResult
    public func anchor(_ reason: ChainAnchor.Reason, at now: Date) throws(LobbyStoreError) -> ChainAnchor {
        let head = try head()
        let anchor = ChainAnchor(ts: EventTime.format(now), reason: reason, row: head.row, hash: head.hash)
        try AnchorFile(log: path).append(anchor, sync: reason != .write)
        return anchor
    }

    /// What `verify(against:)` found beyond the chain itself.
    public struct AnchorCheck: Sendable, Equatable {
        public var checked = 0
        /// Each anchor the database contradicts, in words.
        public var problems: [String] = []
    }

    /// Checks the database against `anchors`: every anchored row is there with its hash (or was
    /// removed by a retention checkpoint that is itself anchored), no rows were written between
    /// a stop and the next start, and the database is not behind its last anchor.
    public func verify(against anchors: [ChainAnchor]) throws(LobbyStoreError) -> AnchorCheck {
        var check = AnchorCheck()
        do {
            try readPool { db in
                let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0
                if anchors.isEmpty && rows > 0 {
                    check.problems.append(
                        Messages.Store.noAnchor(rows: rows, file: AnchorFile(log: path).path).description)
                }
                let checkpoints = try Row.fetchAll(db, sql: "SELECT up_to_id, hash FROM retention_checkpoints")
                let anchoredCheckpoints = Set(
                    anchors.filter { $0.reason == .checkpoint }.map { "\($0.row) \($0.hash)" })
                for checkpoint in checkpoints {
                    let key = "\(checkpoint["up_to_id"] as Int64? ?? 0) \(checkpoint["hash"] as String? ?? "")"
                    if !anchoredCheckpoints.contains(key) {
                        check.problems.append(
                            Messages.Store.unanchoredCheckpoint(String(key.split(separator: " ")[0])).description)
                    }
                }
                let prunedUpTo = checkpoints.compactMap { $0["up_to_id"] as Int64? }.max() ?? 0
                let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM events") ?? 0
                let found = try Self.anchoredRows(anchors, after: prunedUpTo, in: db)
                var previous: ChainAnchor?
                for (anchor, found) in zip(anchors, found) where anchor.reason != .checkpoint {
                    check.checked += 1
                    defer { previous = anchor }
                    // lobbyd anchors every write of its own, so a start finds the log where the
                    // last anchor left it; rows beyond were written by someone else. (After a
                    // power cut the last anchor, not synced, may be lost: the journal, which has
                    // every event's line, then tells a forged row from a real one.)
                    if let previous, anchor.reason == .start, anchor.row != previous.row {
                        let when = previous.reason == .stop ? Messages.Store.whileStopped : Messages.Store.uncleanStop
                        check.problems.append(
                            Messages.Store.writtenBetween(
                                previous.row + 1, anchor.row, when: when, from: previous.ts, to: anchor.ts
                            ).description)
                    }
                    switch found {
                    case .notChecked, .same: break
                    case .missing:
                        check.problems.append(
                            anchor.row > last
                                ? Messages.Store.tailDeleted(last: last, row: anchor.row, at: anchor.ts).description
                                : Messages.Store.rowMissing(anchor.row, at: anchor.ts).description)
                    case .different:
                        check.problems.append(Messages.Store.rewritten(anchor.row, at: anchor.ts).description)
                    }
                }
            }
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
        return check
    }

    /// What the database holds at an anchor's row.
    enum AnchoredRow: UInt8 {
        /// A checkpoint, the genesis, or a row retention removed.
        case notChecked
        case same, different, missing
    }

    /// For each anchor, what its row holds: one pass over the rows the anchors span, merged
    /// with the anchors in row order (lobbyd anchors every write, so a year's log has about as
    /// many anchors as rows, and a query each took half a minute).
    static func anchoredRows(_ anchors: [ChainAnchor], after prunedUpTo: Int64, in db: Database) throws
        -> [AnchoredRow]
    {
        var found = [AnchoredRow](repeating: .notChecked, count: anchors.count)
        // Appended in time order, so already sorted unless the clock or the file went back.
        let order = anchors.indices.filter {
            anchors[$0].reason != .checkpoint && anchors[$0].row > 0 && anchors[$0].row > prunedUpTo
        }.sorted { anchors[$0].row < anchors[$1].row }
        guard let first = order.first, let lastIndex = order.last else { return found }
        var next = order.startIndex
        try RowScan.each(
            db, "SELECT id, hash FROM events WHERE id >= ? AND id <= ? ORDER BY id",
            arguments: [anchors[first].row, anchors[lastIndex].row]
        ) { row in
            let id = row.int64(0)
            while next < order.endIndex, anchors[order[next]].row <= id {
                let index = order[next]
                found[index] =
                    anchors[index].row < id ? .missing : row.bytes(1).equals(anchors[index].hash) ? .same : .different
                next += 1
            }
            return next < order.endIndex
        }
        for index in order[next...] { found[index] = .missing }
        return found
    }
}
