import Foundation
import LobbyCore
import LobbyDaemon
import LobbyStore

/// Issue 8's figures: with 1,000,000 events seeded (a year of a busy hall: proof of play every
/// half minute, the day's on/off transitions, link and maintenance events), the monthly report
/// time (target ≤ 200 ms) and events per second made durable (`synchronous=FULL`) through the
/// daemon's recorder and its writer thread (target ≥ 10,000, issue 24), from the caller's first
/// `record` to `flush` returning; one transaction per event, in the same run, is the reference
/// for what group commit saves.
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
        let single = try rate(count: 2_000) {
            try log.append(EventEntry(date: Date(), kind: .frameShown, detail: ["n": "\($0)"]))
        }
        let recorder = try EventRecorder(path: "\(directory)/lobbyd.sqlite", now: Date())
        let recorded = rate(count: 50_000) { _ in
            recorder.record(
                .frameShown, "bench", detail: ["item": "hall-news#3#1", "seconds": "30"], at: Date(), level: .trace)
        } finally: {
            recorder.flush()
        }
        recorder.close()
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
                format: "  durable events via the writer  %9.0f events/s          (target ≥ 10,000: %@)", recorded,
                recorded >= 10_000 ? "met" : "NOT met"))
        print(
            String(
                format: "  one transaction per event      %9.0f events/s  reference; writer/single = %.1f", single,
                recorded / single))
    }

    /// Per second, counting `finally` (the wait until the work is done, if any) in the time.
    static func rate(count: Int, _ body: (Int) throws -> Void, finally: () -> Void = {}) rethrows -> Double {
        let began = ContinuousClock.now
        for index in 0..<count { try body(index) }
        finally()
        return Double(count) / (ContinuousClock.now - began).inSeconds
    }
}
