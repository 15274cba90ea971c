import Foundation
import LobbyCore
import LobbyStore
import Testing

@testable import LobbyDaemon

/// Days of the hall's life in virtual time against the real player, link, spool and event log
/// (RELIABILITY.md). `make test` runs a week around the National Day holiday; `make soak` runs
/// ninety days (`LOBBY_SOAK_DAYS`, `LOBBY_SOAK_START`, `LOBBY_SOAK_SEED`).
@Suite("Soak in virtual time")
struct SoakTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    /// 2026-10-07 … 10-13: the last holiday day, two workdays, the Saturday make-up workday, a
    /// Sunday and two workdays.
    static let days = Int(environment["LOBBY_SOAK_DAYS"] ?? "") ?? 7
    static let start = LocalDate(parsing: environment["LOBBY_SOAK_START"] ?? "2026-10-07")!
    static let seed = UInt64(environment["LOBBY_SOAK_SEED"] ?? "") ?? 20_261_125

    @Test("the screen follows the schedule to the second outside injected faults, and every event is logged once")
    func soak() throws {
        let hall = try SoakHall(start: Self.zone.instant(of: Self.start))
        let plan = SoakPlan(days: Self.days, start: Self.start, seed: Self.seed)
        var ledger = SoakLedger()
        var run = SoakRun(hall: hall)
        let began = ContinuousClock.now
        let memory = try run.live(days: Self.days, plan: plan, ledger: &ledger)
        let took = ContinuousClock.now - began

        let report = try SoakReport(hall: hall, plan: plan, ledger: ledger, ticks: run.ticks, memory: memory)
        report.print(days: Self.days, start: Self.start, seed: Self.seed, took: took)
        // The screen: to the second, outside the injected outages.
        #expect(report.wrongSeconds == 0, "seconds the sign was not what the schedule demanded: \(report.wrongDays)")
        for (date, day) in ledger.days {
            // (A microsecond for the sums of fractional seconds: equal to the outage is the bound.)
            #expect(abs(day.litSeconds - day.scheduledSeconds) <= day.outageSeconds + 1e-6, "\(date): \(day)")
        }
        #expect(report.unrecovered == 0 && report.longestRecovery <= report.recoveryBound)
        #expect(hall.sign.complaints.isEmpty, "\(hall.sign.complaints.prefix(3))")
        // A full re-sync only where a fault or a clock step explains it (a long power cut may
        // be noticed twice: by the health probe, then by the reopened port).
        let faults = plan.count { $0 == .pullCable } + 2 * plan.count { $0 == .cutPower } + plan.count(\.isClockStep)
        #expect(hall.sign.resyncs <= 1 + faults, "\(hall.sign.resyncs) full re-syncs for \(faults) faults")
        // Every event: in the log once, in order, the chain intact; and the right ones.
        #expect(report.lost == 0 && report.duplicated == 0 && report.logged == report.acknowledged)
        #expect(report.chain == .intact(rows: report.logged))
        #expect(report.count(.screenOn) + report.count(.screenOff) == 1 + ledger.transitions)
        #expect(report.count(.clockJump) == plan.count(\.isClockStep))
        #expect(report.count(.playlistAccepted) == plan.count { $0.isDrop(valid: true) })
        #expect(report.count(.playlistRejected) == plan.count { $0.isDrop(valid: false) })
        #expect(hall.waitingInIncoming.isEmpty)
        #expect(report.count(.linkDown) >= plan.count { $0 == .pullCable })
        #expect(report.count(.linkUp) == report.count(.linkDown) + 1)
        // Proof of play counts what lobbyd believed was shown: the lit seconds, give or take
        // the outages it had not noticed yet and rounding to whole seconds per item and hour.
        #expect(abs(report.proofSeconds - report.litSeconds) <= report.outageSeconds + Double(report.proofRows))
        // Memory: flat after the first week (RELIABILITY.md).
        if let growth = report.heapGrowthPerDay {
            #expect(growth <= SoakReport.heapGrowthLimit, "heap grows \(growth) bytes a day")
        }
    }
}
