import Foundation
import GRDB
import LobbyCore

extension EventLog {
    /// The events a report reads.
    static let reportKinds: [EventKind] = [
        .daemonStart, .daemonStop, .screenOn, .screenOff, .linkUp, .linkDown, .signReset, .signRefused, .signRestored,
        .contentMissing, .contentRestored, .scheduleApplied, .maintenanceStart, .maintenanceEnd, .override,
        .testPattern, .dailyCheck, .playlistAccepted, .playlistRejected, .playlistWithdrawn, .controlRefused,
        .configReloaded, .logTampered, .emergencySubmitted, .emergencyCleared, .keyAdded, .keyRevoked, .keyExpired,
    ]
    /// The operators' steering: it outlives a restart, so the month's first state needs the last
    /// of each before the month, not only what followed the last start.
    static let steeringKinds: [[EventKind]] = [[.maintenanceStart, .maintenanceEnd], [.override], [.testPattern]]

    /// The month's report as of `now`: its events, what the events before it say was true when
    /// it began (from the last daemon start and the last steering, not all of history), and the
    /// hash chain checked up to the month's last row.
    public func monthlyReport(year: Int, month: Int, schedule: Schedule, now: Date) throws(LobbyStoreError)
        -> MonthlyReport
    {
        let zone = schedule.timeZone
        let first = LocalDate(year: year, month: month, day: 1)!
        let start = EventTime.format(zone.instant(of: first))
        let end = EventTime.format(min(zone.instant(of: first.firstOfNextMonth), now))
        var inputs = MonthlyReport.Inputs(year: year, month: month, schedule: schedule, generatedAt: now)
        do {
            // The month's last row, found from the end of the log (`+ts` keeps SQLite off the
            // time index, which made it collect and sort every row before the month's end: 0.7 s
            // in a year's log). Only the rows written since the month ended are passed over.
            let head = try readPool { db in
                try Row.fetchOne(
                    db, sql: "SELECT id, CAST(hash AS TEXT) FROM events WHERE +ts < ? ORDER BY id DESC LIMIT 1",
                    arguments: [end])
            }
            // The rows before the month that the report reads (the state the month began in):
            // the chain is checked from before the earliest of them.
            var readBefore: [Int64] = []
            try readPool { db in
                func last(_ kinds: [EventKind]) throws -> StoredEvent? {
                    try StoredEvent.filter(Column("ts") < start).filter(kinds.map(\.rawValue).contains(Column("kind")))
                        .order(Column("id").desc).fetchOne(db)
                }
                var before = try Self.steeringKinds.compactMap(last)
                if let maintenance = before.first, maintenance.kind == EventKind.maintenanceStart.rawValue {
                    let details = maintenance.details
                    inputs.openMaintenance = (maintenance.actor, details["note"] ?? "")
                }
                if let lastRun = try last([.daemonStart, .daemonStop]), lastRun.kind == EventKind.daemonStart.rawValue {
                    before += try StoredEvent.filter(Column("id") >= lastRun.id!).filter(Column("ts") < start)
                        .filter(Self.reportKinds.map(\.rawValue).contains(Column("kind"))).fetchAll(db)
                }
                for event in before.sorted(by: { $0.id! < $1.id! }) {
                    if let date = event.date { inputs.initial.apply(event, at: date) }
                }
                let rules = try last([.scheduleApplied])
                inputs.previousRules = rules.flatMap { AppliedSchedule(detail: $0.details) }
                let update = try last([.playlistAccepted])
                inputs.previousUpdate = update?.date
                readBefore = (before + [rules, update].compactMap { $0 }).compactMap(\.id)
                inputs.inServiceSince =
                    try StoredEvent.filter(Column("kind") == EventKind.daemonStart.rawValue).order(Column("id"))
                    .fetchOne(db)?.date
                inputs.events = try StoredEvent.filter(Column("ts") >= start).filter(Column("ts") < end)
                    .filter(Self.reportKinds.map(\.rawValue).contains(Column("kind"))).order(Column("id")).fetchAll(db)
                // Signs of life (a run that ended without `daemon_stop` counts as running up to
                // its last record): the last proof of play of each hour, the records around.
                // The (kind, ts) index gives them in time order: an hour's last is the one before
                // the hour changes (GROUP BY in SQLite sorted them all again).
                var lastOfHour: [String] = []
                try RowScan.each(
                    db, "SELECT ts FROM events WHERE kind = ? AND ts >= ? AND ts < ? ORDER BY ts",
                    arguments: [EventKind.frameShown.rawValue, start, end]
                ) { row in
                    let ts = String(decoding: row.bytes(0), as: UTF8.self)
                    if let last = lastOfHour.last, last.utf8.prefix(13).elementsEqual(ts.utf8.prefix(13)) {
                        lastOfHour[lastOfHour.count - 1] = ts
                    } else {
                        lastOfHour.append(ts)
                    }
                    return true
                }
                inputs.signsOfLife = lastOfHour.compactMap(EventTime.parse)
                if let lastBefore = try Row.fetchOne(
                    db, sql: "SELECT id, CAST(ts AS TEXT) FROM events WHERE ts < ? ORDER BY ts DESC LIMIT 1",
                    arguments: [start])
                {
                    inputs.lastRecordBefore = (lastBefore[1] as String?).flatMap(EventTime.parse)
                    readBefore.append(lastBefore[0])
                }
                if let next = try Row.fetchOne(
                    db, sql: "SELECT kind, ts FROM events WHERE ts >= ? ORDER BY ts, id LIMIT 1", arguments: [end]),
                    let kind = next["kind"] as String?, let date = (next["ts"] as String?).flatMap(EventTime.parse)
                {
                    inputs.nextRecord = (kind, date)
                }
            }
            let (anchors, base) = try anchorsForReport(start: start, before: readBefore.min())
            // The chain from the base anchor (a hash known outside the database) to the last row,
            // so that no row the month's figures rest on is left out, and the anchors from the
            // base on, which find a tail deleted or rows forged with a correct chain. Both run on
            // a second core while the rest is read. Checkpoints below the base removed rows
            // before it (a checkpoint above it is anchored after it, so among the anchors read).
            let chainHead = head.map { (row: $0[0] as Int64? ?? 0, hash: $0[1] as String? ?? "") }
            // Where the check ends: the month's last row as the anchors know it (the first anchor
            // written after the month, or else the last one written in it), so that a row moved
            // out of the month by its time is still checked; the month's last row by its time
            // when there are no anchors.
            let endAnchor =
                anchors.first { $0.reason != .checkpoint && !$0.isBefore(end) }
                ?? anchors.last { $0.reason != .checkpoint && $0.isBefore(end) }
            let checkedTo = max(chainHead?.row ?? 0, endAnchor?.row ?? 0)
            let integrity = BackgroundWork { [self] () throws(LobbyStoreError) in
                let chain = try verify(upTo: checkedTo, from: base)
                var problems = try verify(against: anchors, checkpointsFrom: base?.row ?? 0).problems
                // A row outside the rows checked, whose time puts it in the month.
                if base != nil || endAnchor != nil,
                    let moved = try firstRow(
                        timedFrom: start, to: end,
                        outside: (base?.row ?? 0)...(endAnchor == nil ? Int64.max : checkedTo))
                {
                    problems.append(
                        Messages.Store.movedIntoMonth(moved, checked: (base?.row ?? 0) + 1, to: checkedTo).description)
                }
                return (chain, problems)
            }
            var report = MonthlyReport.build(inputs)
            report.chainHead = chainHead
            report.verifiedFrom = (base?.row ?? 0) + 1
            (report.minutesByCategory, report.minutesByPlaylist) = try shownMinutes(from: start, to: end)
            (report.verification, report.anchorProblems) = try integrity.value()
            return report
        } catch let error as LobbyStoreError {
            throw error
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }

    private static func bytes(_ text: StaticString) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// A text as SQLite's `CAST(… AS INTEGER)` reads it: leading blanks, a sign, the digits
    /// that follow, 0 without any, and the largest or smallest integer past them (a tampered
    /// log's "99999999999999999999" must not stop a report).
    static func integer(_ text: String) -> Int {
        let number = LeadingDecimal(text.utf8.drop { [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains($0) })
        return number.value.map(Int.init) ?? (number.isNegative ? Int.min : Int.max)
    }

    /// The first row outside `(rows.lowerBound, rows.upperBound]` whose time is in `[from, to)`.
    private func firstRow(timedFrom from: String, to: String, outside rows: ClosedRange<Int64>) throws(LobbyStoreError)
        -> Int64?
    {
        do {
            return try readPool { db in
                try Int64.fetchOne(
                    db, sql: "SELECT MIN(id) FROM events WHERE ts >= ? AND ts < ? AND (id <= ? OR id > ?)",
                    arguments: [from, to, rows.lowerBound, rows.upperBound])
            }
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }

    /// The anchors a report checks, and the base it checks the chain from: the last anchor
    /// written before the month whose row is before every row the report reads (`earliest`). The
    /// anchor file's time order finds it from the earliest row's time without reading the whole
    /// file; that time, which the database's owner can change, only says where to look. Without
    /// such an anchor (an anchor file begun later, torn or out of order) every anchor is read and
    /// the chain is checked from its start.
    private func anchorsForReport(start: String, before earliest: Int64?) throws(LobbyStoreError) -> (
        anchors: [ChainAnchor], base: ChainAnchor?
    ) {
        let file = AnchorFile(log: path)
        let time = earliest.flatMap { row in
            try? readPool { db in
                try String.fetchOne(db, sql: "SELECT CAST(ts AS TEXT) FROM events WHERE id = ?", arguments: [row])
            }
        }
        var (anchors, _) = try file.read(.since(min(time ?? start, start)))
        let before = earliest ?? Int64.max
        guard let base = anchors.last(where: { $0.reason != .checkpoint && $0.isBefore(start) && $0.row < before })
        else {
            return (try file.read().anchors, nil)
        }
        anchors.removeAll { $0.reason != .checkpoint && $0.row < base.row }
        return (anchors, base)
    }

    /// Proof-of-play minutes in `[from, to)` by content category and by playlist (the item's
    /// name before its first `#`), largest first. One pass over the month's `frame_shown` rows,
    /// each detail read in place: SQLite's json_extract, twice over, was a quarter of a report.
    private func shownMinutes(from: String, to: String) throws -> (
        byCategory: [(name: String, minutes: Double)], byPlaylist: [(name: String, minutes: Double)]
    ) {
        var byCategory: [String: Int] = [:]
        var byPlaylist: [String: Int] = [:]
        let (categoryKey, itemKey, secondsKey) = (Self.bytes("category"), Self.bytes("item"), Self.bytes("seconds"))
        try readPool { db in
            try RowScan.each(
                db, "SELECT detail FROM events WHERE kind = ? AND ts >= ? AND ts < ?",
                arguments: [EventKind.frameShown.rawValue, from, to]
            ) { row in
                var category: String?
                var item: String?
                var seconds: String?
                let read = Self.flatJSON(row.bytes(0)) { key, value in
                    // The first of a key written twice, as json_extract reads it.
                    if key.equals(categoryKey), category == nil {
                        category = String(decoding: value, as: UTF8.self)
                    } else if key.equals(itemKey), item == nil {
                        // The playlist: the item's name before its first `#`.
                        item = String(decoding: value.prefix { $0 != UInt8(ascii: "#") }, as: UTF8.self)
                    } else if key.equals(secondsKey), seconds == nil {
                        seconds = String(decoding: value, as: UTF8.self)
                    }
                }
                if !read {
                    let detail = StoredEvent.strings(row.bytes(0))
                    category = detail["category"]
                    item = detail["item"].map { String($0.prefix { $0 != "#" }) }
                    seconds = detail["seconds"]
                }
                let shown = Self.integer(seconds ?? "")
                byCategory[category ?? "?", default: 0].addSaturating(shown)
                byPlaylist[item ?? "?", default: 0].addSaturating(shown)
                return true
            }
        }
        func minutes(_ seconds: [String: Int]) -> [(name: String, minutes: Double)] {
            seconds.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, Double($0.value) / 60) }
        }
        return (minutes(byCategory), minutes(byPlaylist))
    }
}

extension Int {
    /// Adds, staying at the largest or smallest integer instead of overflowing.
    fileprivate mutating func addSaturating(_ other: Int) {
        let (sum, overflow) = addingReportingOverflow(other)
        self = overflow ? (other > 0 ? .max : .min) : sum
    }
}
