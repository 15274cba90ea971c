import Foundation
import GRDB
import LobbyCore

extension EventLog {
    /// The events a report reads.
    static let reportKinds: [EventKind] = [
        .daemonStart, .daemonStop, .screenOn, .screenOff, .linkUp, .linkDown, .signReset, .signRefused, .signRestored,
        .contentMissing, .contentRestored, .scheduleApplied, .maintenanceStart, .maintenanceEnd, .override,
        .testPattern, .dailyCheck, .playlistAccepted, .playlistRejected, .playlistWithdrawn, .controlRefused,
        .configReloaded, .logTampered,
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
                    db, sql: "SELECT id, hash FROM events WHERE +ts < ? ORDER BY id DESC LIMIT 1", arguments: [end])
            }
            // The month's rows, as `lobbyctl verify-log` checks the whole log: the chain from the
            // last anchor before the month (a hash known outside the database) to the month's
            // last row, and the anchors from there on, which find a tail deleted or rows forged
            // with a correct chain. Only the anchor file's end is read. Both checks, the longest
            // part of a report, run on a second core while the rest is read.
            var (anchors, _) = try AnchorFile(log: path).read(.since(start))
            let firstRow = try readPool { db in
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM events WHERE ts >= ? ORDER BY ts, id LIMIT 1", arguments: [start])
            }
            let base = anchors.last { $0.reason != .checkpoint && $0.row < firstRow ?? Int64.max }
            if let base { anchors.removeAll { $0.reason != .checkpoint && $0.row < base.row } }
            let chainHead = head.flatMap { head in
                (head["id"] as Int64?).flatMap { row in (head["hash"] as String?).map { (row: row, hash: $0) } }
            }
            // Checkpoints below the base anchor removed rows before the month (a checkpoint
            // above it is anchored after it, so among the anchors read).
            let integrity = BackgroundWork { [self, anchors] () throws(LobbyStoreError) in
                let chain = try chainHead.map { head throws(LobbyStoreError) in try verify(upTo: head.row, from: base) }
                return (chain, try verify(against: anchors, checkpointsFrom: base?.row ?? 0).problems)
            }
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
                inputs.previousRules = try last([.scheduleApplied]).flatMap { AppliedSchedule(detail: $0.details) }
                inputs.previousUpdate = try last([.playlistAccepted])?.date
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
                inputs.lastRecordBefore = try String.fetchOne(
                    db, sql: "SELECT MAX(ts) FROM events WHERE ts < ?", arguments: [start]
                ).flatMap(EventTime.parse)
                if let next = try Row.fetchOne(
                    db, sql: "SELECT kind, ts FROM events WHERE ts >= ? ORDER BY ts, id LIMIT 1", arguments: [end]),
                    let kind = next["kind"] as String?, let date = (next["ts"] as String?).flatMap(EventTime.parse)
                {
                    inputs.nextRecord = (kind, date)
                }
            }
            var report = MonthlyReport.build(inputs)
            if let chainHead {
                report.chainHead = chainHead
                report.verifiedFrom =
                    try readPool { db in
                        try Int64.fetchOne(
                            db, sql: "SELECT MIN(id) FROM events WHERE id > ?", arguments: [base?.row ?? 0])
                    } ?? 1
            }
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
                    if key.equals(categoryKey) {
                        category = String(decoding: value, as: UTF8.self)
                    } else if key.equals(itemKey) {
                        // The playlist: the item's name before its first `#`.
                        item = String(decoding: value.prefix { $0 != UInt8(ascii: "#") }, as: UTF8.self)
                    } else if key.equals(secondsKey) {
                        seconds = String(decoding: value, as: UTF8.self)
                    }
                }
                if !read {
                    let detail = StoredEvent.strings(row.bytes(0))
                    category = detail["category"]
                    item = detail["item"].map { String($0.prefix { $0 != "#" }) }
                    seconds = detail["seconds"]
                }
                // As SQLite's CAST: the leading digits, 0 without any.
                let shown = (seconds?.utf8.prefix { (0x30...0x39).contains($0) }).flatMap { Int(Substring($0)) } ?? 0
                byCategory[category ?? "?", default: 0] += shown
                byPlaylist[item ?? "?", default: 0] += shown
                return true
            }
        }
        func minutes(_ seconds: [String: Int]) -> [(name: String, minutes: Double)] {
            seconds.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, Double($0.value) / 60) }
        }
        return (minutes(byCategory), minutes(byPlaylist))
    }
}
