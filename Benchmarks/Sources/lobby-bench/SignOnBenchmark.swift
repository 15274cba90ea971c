import Foundation

/// Issue 17's "lit on time, measured at the sign": lobbyd and lobby-sim as processes, the sign
/// receiving at 9600 baud, all five sample playlists (19 pages) on a workday after their
/// approval. The figure is when lobby-sim shows the pages, against the instant lobbyd's clock
/// reads 08:20:00 (its `--clock-start` is taken at launch, so the figure errs late by the
/// launch time, never early). Two starts: a fresh one at 08:18:00 with a blank sign (the pages
/// must be staged while dark), and a restart at 08:19:30 on a sign that holds them (adopted).
enum SignOnBenchmark {
    static let day = "2026-11-30"

    static func run(bin: String, repo: String) throws {
        let playlists = [
            "hall-news", "hotline-12345", "intermediary-marketplace", "online-services",
            "public-resource-trading",
        ]
        let hall = try BenchHall.make(name: "sign-on", repo: repo, playlists: playlists, baud: 9600, slots: 20)
        defer { try? FileManager.default.removeItem(atPath: hall) }
        let sign = try Watched("\(bin)/lobby-sim", ["--link", "\(hall)/sign", "--baud", "9600", "--quiet"])
        defer { sign.stop() }
        guard sign.waitFor(timeout: 10, { $0.contains("ready on") }) != nil else {
            throw BenchmarkError.referenceFailed("lobby-sim did not start")
        }
        print("screen on at the sign: 19 pages, lobby-sim at 9600 baud, window opens 08:20:00 on \(day)")
        let fresh = try lateness(bin: bin, hall: hall, sign: sign, start: "08:18:00", secondsBefore: 120)
        let restart = try lateness(bin: bin, hall: hall, sign: sign, start: "08:19:30", secondsBefore: 30)
        for (name, value) in [("fresh start at 08:18:00, blank sign", fresh), ("restart at 08:19:30", restart)] {
            print(
                String(
                    format: "  %@  lit %+7.0f ms after 08:20:00   (target ≤ 1000 ms: %@)",
                    name.padding(toLength: 38, withPad: " ", startingAt: 0), value * 1000,
                    value >= 0 && value <= 1 ? "met" : "NOT met"))
        }
    }

    /// Starts lobbyd at `start`, `secondsBefore` the boundary; returns how long after the
    /// boundary lobby-sim showed the 19 pages (negative: lit before the window opened).
    static func lateness(bin: String, hall: String, sign: Watched, start: String, secondsBefore: Double) throws
        -> Double
    {
        let launched = ContinuousClock.now
        let daemon = try Watched(
            "\(bin)/lobbyd", ["--config", "\(hall)/lobbyd.toml", "--clock-start", "\(day)T\(start)"])
        defer { daemon.terminateAndWait() }
        guard let lit = sign.waitFor(timeout: secondsBefore + 60, { $0.hasPrefix("lobby-sim: pages 19") }) else {
            throw BenchmarkError.referenceFailed("the sign never showed the 19 pages after \(start)")
        }
        return (lit - launched).inSeconds - secondsBefore
    }
}
