import Foundation
import LobbyCore
import LobbyStore

/// Issue 8's figures: with 1,000,000 events seeded (a year of a busy hall: proof of play every
/// half minute, the day's on/off transitions, link and maintenance events), the monthly report
/// time (target ≤ 200 ms) and single appends per second (target ≥ 10,000), with batched appends
/// in the same run as the reference for the per-transaction cost.
enum StoreBenchmark {
    static func run(repo: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-bench-store-\(getpid())")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try EventLog(path: "\(directory)/lobbyd.sqlite")
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let start = zone.parseInstant("2026-01-01")!
        let seeding = ContinuousClock.now
        var batch: [EventEntry] = []
        for index in 0..<1_000_000 {
            let date = start.addingTimeInterval(Double(index) * 31.5)
            let kind: EventKind =
                index % 400 == 0
                ? .screenOn
                : index % 400 == 200
                    ? .screenOff : index % 5000 == 7 ? .linkDown : index % 5000 == 9 ? .linkUp : .frameShown
            batch.append(
                EventEntry(
                    date: date, kind: kind, detail: ["item": "hall-news#3#\(index % 7)", "seconds": "30"],
                    actor: "schedule"))
            if batch.count == 10_000 {
                try log.appendBatch(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        let seedSeconds = (ContinuousClock.now - seeding).inSeconds
        let single = try rate(count: 10_000) {
            try log.append(EventEntry(date: Date(), kind: .frameShown, detail: ["n": "\($0)"]))
        }
        let batched = try rate(count: 10_000, batch: 1000) { entries in try log.appendBatch(entries) }
        let schedule = Schedule(
            configuration: Configuration(), calendar: try WorkdayCalendar.load(directories: ["\(repo)/calendar"]))
        var timings: [Double] = []
        for _ in 0..<5 {
            let began = ContinuousClock.now
            _ = try log.monthlyReport(year: 2026, month: 10, schedule: schedule, now: Date()).render(.html)
            timings.append((ContinuousClock.now - began).inSeconds * 1000)
        }
        timings.sort()
        print("store: 1,000,000 events seeded in \(String(format: "%.1f", seedSeconds)) s (batches of 10,000)")
        print(
            String(
                format: "  monthly report (2026-10, html)  %7.1f ms median of 5   (target ≤ 200 ms: %@)", timings[2],
                timings[2] <= 200 ? "met" : "NOT met"))
        print(
            String(
                format: "  single appends                 %9.0f events/s          (target ≥ 10,000: %@)", single,
                single >= 10_000 ? "met" : "NOT met"))
        print(
            String(
                format: "  batched appends (1,000 per tx) %9.0f events/s  reference; single/batched = %.2f", batched,
                single / batched))
    }

    static func rate(count: Int, _ body: (Int) throws -> Void) rethrows -> Double {
        let began = ContinuousClock.now
        for index in 0..<count { try body(index) }
        return Double(count) / (ContinuousClock.now - began).inSeconds
    }

    static func rate(count: Int, batch: Int, _ body: ([EventEntry]) throws -> Void) rethrows -> Double {
        let began = ContinuousClock.now
        for start in stride(from: 0, to: count, by: batch) {
            try body(
                (start..<start + batch).map { EventEntry(date: Date(), kind: .frameShown, detail: ["n": "\($0)"]) })
        }
        return Double(count) / (ContinuousClock.now - began).inSeconds
    }
}
