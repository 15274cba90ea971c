import Foundation
import GRDB
import LobbyCore

extension EventLog {
    static let reportKinds: [EventKind] = [
        .daemonStart, .daemonStop, .screenOn, .screenOff, .linkUp, .linkDown, .signReset, .signRefused, .signRestored,
        .maintenanceStart, .maintenanceEnd, .override, .dailyCheck,
    ]

    /// The month's report: its events, and what the events before it say was true when it began
    /// (found from the last daemon start, not by reading all of history).
    public func monthlyReport(year: Int, month: Int, schedule: Schedule) throws(LobbyStoreError) -> MonthlyReport {
        let zone = schedule.timeZone
        let start = zone.instant(of: LocalDate(year: year, month: month, day: 1)!)
        let end = zone.instant(
            of: month == 12
                ? LocalDate(year: year + 1, month: 1, day: 1)! : LocalDate(year: year, month: month + 1, day: 1)!)
        let kinds = Self.reportKinds.map(\.rawValue)
        do {
            let head = try readPool { db in
                try Row.fetchOne(
                    db, sql: "SELECT id, hash FROM events WHERE ts < ? ORDER BY id DESC LIMIT 1",
                    arguments: [EventTime.format(end)])
            }
            let (initial, events) = try readPool { db -> (ScreenFacts, [StoredEvent]) in
                var facts = ScreenFacts()
                let boundary = EventTime.format(start)
                if let lastRun = try StoredEvent.filter(Column("ts") < boundary)
                    .filter([EventKind.daemonStart.rawValue, EventKind.daemonStop.rawValue].contains(Column("kind")))
                    .order(Column("id").desc).fetchOne(db), lastRun.kind == EventKind.daemonStart.rawValue
                {
                    facts = ScreenFacts(running: true)
                    let since = try StoredEvent.filter(Column("id") > lastRun.id!).filter(Column("ts") < boundary)
                        .filter(kinds.contains(Column("kind"))).order(Column("id")).fetchAll(db)
                    for event in since { facts.apply(event.kind) }
                }
                let events = try StoredEvent.filter(Column("ts") >= boundary).filter(
                    Column("ts") < EventTime.format(end)
                )
                .filter(kinds.contains(Column("kind"))).order(Column("id")).fetchAll(db)
                return (facts, events)
            }
            var report = MonthlyReport.build(
                year: year, month: month, schedule: schedule, initial: initial, events: events)
            if let head, let row = head["id"] as Int64?, let hash = head["hash"] as String? {
                report.chainHead = (row, hash)
            }
            report.minutesByCategory = try shownMinutes(
                groupedBy: "json_extract(detail, '$.category')", from: start, to: end)
            report.minutesByPlaylist = try shownMinutes(
                groupedBy: "substr(json_extract(detail, '$.item'), 1, instr(json_extract(detail, '$.item'), '#') - 1)",
                from: start, to: end)
            return report
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }

    /// Proof-of-play seconds in `[from, to)` summed by an SQL expression over the detail, in
    /// minutes, largest first; summed in SQLite so a month of a busy hall stays fast.
    private func shownMinutes(groupedBy expression: String, from: Date, to: Date) throws -> [(
        name: String, minutes: Double
    )] {
        try readPool { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(expression) AS name, SUM(CAST(json_extract(detail, '$.seconds') AS INTEGER)) AS seconds
                    FROM events WHERE kind = ? AND ts >= ? AND ts < ? GROUP BY name ORDER BY seconds DESC
                    """,
                arguments: [EventKind.frameShown.rawValue, EventTime.format(from), EventTime.format(to)])
            return rows.map { (name: $0["name"] ?? "?", minutes: Double($0["seconds"] as Int? ?? 0) / 60) }
        }
    }
}
