import Foundation
import GRDB
import LobbyCore

extension EventLog {
    static let reportKinds: [EventKind] = [
        .daemonStart, .daemonStop, .screenOn, .screenOff, .linkUp, .linkDown, .maintenanceStart, .maintenanceEnd,
        .override, .dailyCheck,
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
            return MonthlyReport.build(year: year, month: month, schedule: schedule, initial: initial, events: events)
        } catch {
            throw .readFailed(path: path, reason: "\(error)")
        }
    }
}
