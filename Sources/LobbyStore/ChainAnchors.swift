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
    public enum Reason: String, Sendable, CaseIterable {
        case start, hourly, stop
        /// After each write of the daemon's events (not synced: it guards against the process
        /// dying and against edits while lobbyd runs; the hourly and stop anchors are synced).
        case write
        /// Retention removed the rows up to `row`; its hash is the checkpoint's.
        case checkpoint

        private static let spellings = allCases.map { ($0, Array($0.rawValue.utf8)) }

        /// The reason spelt by `bytes`, compared as bytes (a million lines, each with one).
        init?(bytes: ArraySlice<UInt8>) {
            guard
                let found = Self.spellings.first(where: { spelling in
                    spelling.1.count == bytes.count
                        && spelling.1.withUnsafeBytes { one in bytes.withUnsafeBytes { one.equals($0) } }
                })
            else { return nil }
            self = found.0
        }
    }

    public var reason: Reason
    /// 0 with the genesis hash for an empty log.
    public var row: Int64
    /// The anchor's line as written (`ts reason row hash`), a slice of the whole file read, so
    /// that a million anchors are a million small values and no strings: their time and hash
    /// are made into strings only when asked for (for words, mostly).
    private(set) var line: ArraySlice<UInt8>
    private var timeBytes: Int
    private var hashBytes: Int

    public var ts: String { String(decoding: time, as: UTF8.self) }
    public var hash: String { String(decoding: hashText, as: UTF8.self) }
    /// The time as its UTF-8 bytes: compared with other times without a string.
    var time: ArraySlice<UInt8> { line.prefix(timeBytes) }
    var hashText: ArraySlice<UInt8> { line.suffix(hashBytes) }

    public var description: String { "\(ts) \(reason.rawValue) \(row) \(hash)" }

    /// Whether this anchor was written before the time `text` (an `EventTime` text).
    func isBefore(_ text: String) -> Bool { time.lexicographicallyPrecedes(text.utf8) }

    /// One line of the file: `ts reason row hash`, single spaces. A year's file has a million
    /// lines; each is parsed in place and kept as a slice of the file.
    init?(line: ArraySlice<UInt8>) {
        guard let afterTime = line.firstIndex(of: 0x20),
            let afterReason = line[(afterTime + 1)...].firstIndex(of: 0x20),
            let afterRow = line[(afterReason + 1)...].firstIndex(of: 0x20)
        else { return nil }
        let hash = line[(afterRow + 1)...]
        guard afterTime > line.startIndex, hash.count == 64, !hash.contains(0x20),
            let reason = Reason(bytes: line[(afterTime + 1)..<afterReason]),
            let row = Self.decimal(line[(afterReason + 1)..<afterRow])
        else { return nil }
        (self.reason, self.row, self.line) = (reason, row, line)
        (timeBytes, hashBytes) = (afterTime - line.startIndex, hash.count)
    }

    public init(ts: String, reason: Reason, row: Int64, hash: String) {
        self.reason = reason
        self.row = row
        line = ArraySlice("\(ts) \(reason.rawValue) \(row) \(hash)".utf8)
        (timeBytes, hashBytes) = (ts.utf8.count, hash.utf8.count)
    }

    /// A decimal integer as `Int64(String)` reads one (an optional sign, then digits; nil when
    /// it overflows), read from bytes.
    static func decimal(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let number = LeadingDecimal(bytes)
        return number.digits > 0 && number.length == bytes.count ? number.value : nil
    }

    public static func == (lhs: ChainAnchor, rhs: ChainAnchor) -> Bool {
        lhs.reason == rhs.reason && lhs.row == rhs.row && lhs.time.elementsEqual(rhs.time)
            && lhs.hashText.elementsEqual(rhs.hashText)
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

    /// Which anchors `read` returns.
    public enum Selection: Sendable, Equatable {
        case all
        /// Those written at or after a time (an `EventTime` text), with the one just before:
        /// what a month's report needs. Found by bisection (the file is in time order), so only
        /// the file's end is read; retention checkpoints before it are not among them
        /// (`EventLog.verify(against:checkpointsFrom:)`).
        case since(String)
        /// From the last start anchor on, and every retention checkpoint: what lobbyd checks
        /// when it starts.
        case fromLastStart
    }

    /// The anchors `selection` asks for, oldest first; an absent file has none. Lines that are
    /// not anchors (a torn last line after a power cut) are skipped and counted. lobbyd anchors
    /// every write, so a year's file has a million lines: lines outside the selection are not
    /// parsed, or not even read.
    public func read(_ selection: Selection = .all) throws(LobbyStoreError) -> (
        anchors: [ChainAnchor], unreadable: Int
    ) {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, limit: 256 << 20, links: .refuse) { descriptor, size in
                guard case .since(let time) = selection else { return 0 }
                return Self.lineBefore(Array(time.utf8), descriptor: descriptor, size: size)
            }
        } catch .missing {
            return ([], 0)
        } catch {
            throw .readFailed(path: path, reason: error.description)
        }
        var anchors: [ChainAnchor] = []
        // lobbyd's lines are about a hundred bytes: room for all of them at once.
        anchors.reserveCapacity(bytes.count / 96)
        var unreadable = 0
        bytes.withUnsafeBufferPointer { buffer in
            let lines = LineRanges(buffer)
            // Lines from `first` on are parsed; before it, only the checkpoints.
            var first = 0
            if selection == .fromLastStart {
                first = lines.last { Self.reason(of: buffer[$0]) == .start }?.lowerBound ?? 0
            }
            for line in lines {
                if line.lowerBound < first {
                    guard Self.reason(of: buffer[line]) == .checkpoint, let anchor = ChainAnchor(line: bytes[line])
                    else { continue }
                    anchors.append(anchor)
                } else if let anchor = ChainAnchor(line: bytes[line]) {
                    anchors.append(anchor)
                } else {
                    unreadable += 1
                }
            }
        }
        return (anchors, unreadable)
    }

    /// Where the last line written before `since` begins (0 when there is none), by bisection
    /// over the file's lines, a few short reads in all.
    static func lineBefore(_ since: [UInt8], descriptor: Int32, size: Int) -> Int {
        let window = 512
        func read(at offset: Int, count: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: max(0, min(count, size - offset)))
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            return Array(bytes.prefix(max(0, read)))
        }
        /// The first line beginning at or after `offset`.
        func lineStart(atOrAfter offset: Int) -> Int {
            var offset = offset
            guard offset > 0 else { return 0 }
            while offset < size {
                let bytes = read(at: offset - 1, count: window)
                if let newline = bytes.firstIndex(of: 0x0A) { return offset + newline }
                guard !bytes.isEmpty else { break }
                offset += bytes.count
            }
            return size
        }
        // The smallest offset whose next line is at or after `since` (or the end).
        var low = 0
        var high = size
        while low < high {
            let middle = low + (high - low) / 2
            let line = lineStart(atOrAfter: middle)
            if line == size || !read(at: line, count: since.count).lexicographicallyPrecedes(since) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        let first = lineStart(atOrAfter: low)
        guard first > 0 else { return 0 }
        // The line before it: back to the newline that ends the one before that.
        let from = max(0, first - 1 - window)
        let before = read(at: from, count: first - 1 - from)
        if let newline = before.lastIndex(of: 0x0A) { return from + newline + 1 }
        return from == 0 ? 0 : first
    }

    /// A line's reason, read without parsing the rest.
    static func reason(of line: Slice<UnsafeBufferPointer<UInt8>>) -> ChainAnchor.Reason? {
        guard let space = line.firstIndex(of: 0x20) else { return nil }
        let rest = line[(space + 1)...]
        let end = rest.firstIndex(of: 0x20) ?? rest.endIndex
        return ChainAnchor.Reason(rawValue: String(decoding: rest[..<end], as: UTF8.self))
    }
}

/// The non-empty lines of a buffer, as index ranges, found with memchr: forwards, and from the
/// end backwards for `last(where:)`.
struct LineRanges: Sequence {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func makeIterator() -> AnyIterator<Range<Int>> {
        var start = 0
        return AnyIterator {
            while start < bytes.count {
                let end = newline(after: start) ?? bytes.count
                defer { start = end + 1 }
                if end > start { return start..<end }
            }
            return nil
        }
    }

    /// The last line that satisfies `matches`, looking from the end.
    func last(where matches: (Range<Int>) -> Bool) -> Range<Int>? {
        var end = bytes.count
        while end > 0 {
            let start = newline(before: end).map { $0 + 1 } ?? 0
            if start < end, matches(start..<end) { return start..<end }
            end = start - 1
        }
        return nil
    }

    private func newline(after start: Int) -> Int? {
        guard let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
    }

    private func newline(before end: Int) -> Int? {
        bytes[..<end].lastIndex(of: 0x0A)
    }
}

extension EventLog {
    /// The last row's id and hash: `(0, genesis)` for an empty log.
    public func head() throws(LobbyStoreError) -> (row: Int64, hash: String) {
        do {
            return try readPool { db in
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, CAST(hash AS TEXT) AS hash FROM events ORDER BY id DESC LIMIT 1")
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
    public func verify(
        against anchors: [ChainAnchor], checkpointsFrom firstRow: Int64 = 0, file: AnchorFile? = nil
    ) throws(LobbyStoreError) -> AnchorCheck {
        let file = file ?? AnchorFile(log: path)
        var check = AnchorCheck()
        do {
            try readPool { db in
                let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0
                if anchors.isEmpty && rows > 0 {
                    check.problems.append(
                        (FileManager.default.fileExists(atPath: file.path)
                            ? Messages.Store.noReadableAnchor(rows: rows, file: file.path)
                            : Messages.Store.noAnchor(rows: rows, file: file.path)).description)
                }
                let checkpoints = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT CAST(up_to_id AS INTEGER) AS up_to_id, CAST(hash AS TEXT) AS hash FROM retention_checkpoints"
                )
                let anchoredCheckpoints = Set(
                    anchors.filter { $0.reason == .checkpoint }.map { "\($0.row) \($0.hash)" })
                for checkpoint in checkpoints where checkpoint["up_to_id"] as Int64? ?? 0 >= firstRow {
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
                    anchors[index].row < id
                    ? .missing
                    : anchors[index].hashText.withUnsafeBytes { row.bytes(1).equals($0) } ? .same : .different
                next += 1
            }
            return next < order.endIndex
        }
        for index in order[next...] { found[index] = .missing }
        return found
    }
}
