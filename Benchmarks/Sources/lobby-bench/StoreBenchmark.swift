import Foundation
import LobbyCore
import LobbyDaemon
import LobbyStore

/// Issue 8's and 24's figures, on 1,000,000 events seeded as a year of a busy hall (proof of
/// play every half minute, the day's on/off transitions, link events, a weekly daemon start) with
/// the anchor file lobbyd writes beside them (one anchor per write, as lobbyd writes one event at
/// a time in a quiet hall; an hourly one; one at each start):
/// - the monthly report in process, and `lobbyctl report` end to end (target ≤ 200 ms);
/// - `lobbyctl verify-log` end to end (target ≤ 1 s per 1 M rows), against `sha256sum` of the
///   same database file, measured in the same run;
/// - events per second made durable (`synchronous=FULL`) through the daemon's recorder and its
///   writer thread (target ≥ 10,000), against one transaction per event.
enum StoreBenchmark {
    static func run(bin: String, repo: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-bench-store-\(getpid())")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try EventLog(path: "\(directory)/lobbyd.sqlite")
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        // A year that ends as October 2026 does, the month reported, as on the 1st of November.
        let reportTime = zone.parseInstant("2026-11-01T09:00")!
        let start = zone.parseInstant("2026-11-01")!.addingTimeInterval(-1_000_000 * 31.5)
        let seeding = ContinuousClock.now
        var batch: [EventEntry] = []
        for index in 0..<1_000_000 {
            let date = start.addingTimeInterval(Double(index) * 31.5)
            let kind: EventKind =
                index % 400 == 0
                ? .screenOn
                : index % 400 == 200
                    ? .screenOff
                    : index % 5000 == 7
                        ? .linkDown
                        : index % 5000 == 9 ? .linkUp : index % 20_000 == 11 ? .daemonStart : .frameShown
            batch.append(
                EventEntry(
                    date: date, kind: kind, detail: ["item": "hall-news#3#\(index % 7)", "seconds": "30"],
                    actor: "schedule"))
            if batch.count == 10_000 {
                try log.appendBatch(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try anchorEveryRow(log)
        let seedSeconds = (ContinuousClock.now - seeding).inSeconds
        let schedule = Schedule(
            configuration: Configuration(), calendar: try WorkdayCalendar.load(directories: ["\(repo)/calendar"]))
        var timings: [Double] = []
        for _ in 0..<5 {
            let began = ContinuousClock.now
            _ = try log.monthlyReport(year: 2026, month: 10, schedule: schedule, now: reportTime).render(.html)
            timings.append((ContinuousClock.now - began).inSeconds * 1000)
        }
        timings.sort()
        let database = "\(directory)/lobbyd.sqlite"
        let reportCommand = try commandMilliseconds(
            "\(bin)/lobbyctl",
            [
                "report", "--database", database, "--month", "2026-10", "--format", "html", "--out",
                "\(directory)/r.html",
            ])
        let verifyLog = try commandMilliseconds("\(bin)/lobbyctl", ["verify-log", "--database", database], rounds: 3)
        let hashFile = try commandMilliseconds("/usr/bin/sha256sum", [database], rounds: 3)
        let rows = Double(try log.head().row)
        let verifyPerMillion = verifyLog / 1000 * 1_000_000 / rows
        // Appended after the figures above, which need the log as lobbyd leaves it (an anchor
        // after each of its writes).
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
        print("store: 1,000,000 events and their anchors seeded in \(String(format: "%.1f", seedSeconds)) s")
        print(
            String(
                format: "  monthly report (2026-10, html)  %7.1f ms median of 5   (target ≤ 200 ms: %@)", timings[2],
                timings[2] <= 200 ? "met" : "NOT met"))
        print(
            String(
                format: "  lobbyctl report, end to end    %7.1f ms median of 5   (target ≤ 200 ms: %@)", reportCommand,
                reportCommand <= 200 ? "met" : "NOT met"))
        print(
            String(
                format:
                    "  lobbyctl verify-log            %7.2f s per 1 M rows   (target ≤ 1 s: %@); sha256sum of the file %.2f s, ratio %.1f×",
                verifyPerMillion, verifyPerMillion <= 1 ? "met" : "NOT met", hashFile / 1000, verifyLog / hashFile))
        print(
            String(
                format: "  durable events via the writer  %9.0f events/s          (target ≥ 10,000: %@)", recorded,
                recorded >= 10_000 ? "met" : "NOT met"))
        print(
            String(
                format: "  one transaction per event      %9.0f events/s  reference; writer/single = %.1f", single,
                recorded / single))
    }

    /// An anchor after every row, hourly ones and one at each start, as lobbyd writes them,
    /// appended to the log's anchor file in one go.
    static func anchorEveryRow(_ log: EventLog) throws {
        var lines = ""
        var lastHour = ""
        var offset = 0
        while true {
            let page = try log.events(limit: 10_000, offset: offset)
            guard !page.isEmpty else { break }
            offset += page.count
            for event in page {
                // At start, lobbyd anchors the head it finds before it writes `daemon_start`.
                if event.kind == EventKind.daemonStart.rawValue {
                    lines +=
                        "\(ChainAnchor(ts: event.ts, reason: .start, row: event.id! - 1, hash: event.previousHash))\n"
                }
                let hour = String(event.ts.prefix(13))
                lines +=
                    "\(ChainAnchor(ts: event.ts, reason: hour != lastHour ? .hourly : .write, row: event.id!, hash: event.hash))\n"
                lastHour = hour
            }
        }
        try lines.write(toFile: AnchorFile(log: log.path).path, atomically: false, encoding: .utf8)
    }

    /// Median wall time of running `program` to completion, in milliseconds; it must succeed.
    static func commandMilliseconds(_ program: String, _ arguments: [String], rounds: Int = 5) throws -> Double {
        var samples: [Double] = []
        for _ in 0..<rounds {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let began = ContinuousClock.now
            try process.run()
            process.waitUntilExit()
            samples.append((ContinuousClock.now - began).inSeconds * 1000)
            guard process.terminationStatus == 0 else {
                throw BenchmarkError.referenceFailed("\(program) \(arguments.joined(separator: " ")) failed")
            }
        }
        return samples.sorted()[samples.count / 2]
    }

    /// Per second, counting `finally` (the wait until the work is done, if any) in the time.
    static func rate(count: Int, _ body: (Int) throws -> Void, finally: () -> Void = {}) rethrows -> Double {
        let began = ContinuousClock.now
        for index in 0..<count { try body(index) }
        finally()
        return Double(count) / (ContinuousClock.now - began).inSeconds
    }
}
