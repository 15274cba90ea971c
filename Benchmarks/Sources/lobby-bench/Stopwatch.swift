import Foundation
import LobbyCore

/// Timing helpers: the monotonic clock, medians of rounds, and the process's peak memory.
enum Stopwatch {
    /// Median over `rounds` of the time per call of `body`, in microseconds.
    static func microsecondsPerCall(rounds: Int = 5, iterations: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            for _ in 0..<iterations { try body() }
            let elapsed = ContinuousClock.now - start
            samples.append(elapsed.inSeconds * 1e6 / Double(iterations))
        }
        return samples.sorted()[samples.count / 2]
    }

    /// Peak resident set size of this process, in MiB.
    static func peakResidentMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
