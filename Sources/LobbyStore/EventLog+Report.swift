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
            let head = try readPool { db in
                try Row.fetchOne(
                    db, sql: "SELECT id, hash FROM events WHERE ts < ? ORDER BY id DESC LIMIT 1", arguments: [end])
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
                inputs.signsOfLife = try String.fetchAll(
                    db,
                    sql: """
                        SELECT MAX(ts) FROM events WHERE kind = ? AND ts >= ? AND ts < ?
                        GROUP BY substr(ts, 1, 13) ORDER BY 1
                        """, arguments: [EventKind.frameShown.rawValue, start, end]
                ).compactMap(EventTime.parse)
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
            // The month's rows, as `lobbyctl verify-log` checks the whole log: the chain from the
            // last anchor before the month (a hash known outside the database) to the month's
            // last row, and the anchors from there on, which find a tail deleted or rows forged
            // with a correct chain.
            var (anchors, _) = try AnchorFile(log: path).read(since: start)
            let firstRow = try readPool { db in
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM events WHERE ts >= ? ORDER BY ts, id LIMIT 1", arguments: [start])
            }
            let base = anchors.last { $0.reason != .checkpoint && $0.row < firstRow ?? Int64.max }
            if let base { anchors.removeAll { $0.reason != .checkpoint && $0.row < base.row } }
            if let head, let row = head["id"] as Int64?, let hash = head["hash"] as String? {
                report.chainHead = (row, hash)
                report.verification = try verify(upTo: row, from: base)
                report.verifiedFrom =
                    try readPool { db in
                        try Int64.fetchOne(
                            db, sql: "SELECT MIN(id) FROM events WHERE id > ?", arguments: [base?.row ?? 0])
                    } ?? 1
            }
            report.anchorProblems = try verify(against: anchors).problems
            report.minutesByCategory = try shownMinutes(
                groupedBy: "json_extract(detail, '$.category')", from: start, to: end)
            report.minutesByPlaylist = try shownMinutes(
                groupedBy: "substr(json_extract(detail, '$.item'), 1, instr(json_extract(detail, '$.item'), '#') - 1)",
                from: start, to: end)
            return report
        } catch let error as LobbyStoreError {
            throw error
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }

    /// Proof-of-play seconds in `[from, to)` summed by an SQL expression over the detail, in
    /// minutes, largest first; summed in SQLite so a month of a busy hall stays fast.
    private func shownMinutes(groupedBy expression: String, from: String, to: String) throws -> [(
        name: String, minutes: Double
    )] {
        try readPool { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(expression) AS name, SUM(CAST(json_extract(detail, '$.seconds') AS INTEGER)) AS seconds
                    FROM events WHERE kind = ? AND ts >= ? AND ts < ? GROUP BY name ORDER BY seconds DESC
                    """,
                arguments: [EventKind.frameShown.rawValue, from, to])
            return rows.map { (name: $0["name"] ?? "?", minutes: Double($0["seconds"] as Int? ?? 0) / 60) }
        }
    }
}
