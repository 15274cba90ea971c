import Foundation
import LobbyCore
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

/// Prometheus metrics for node_exporter's textfile collector: every interval the daemon's state
/// (as `status` sees it) is set into a swift-prometheus registry, which is written to the
/// configured file atomically (temporary file, then rename), so the collector never reads half
/// a file. Counters count events as they are recorded. Every name is in docs/METRICS.md.
struct MetricsService: Service {
    let path: String
    let interval: Duration
    let center: ControlCenter
    let metrics: DaemonMetrics

    func run() async throws {
        let logger = Logger(label: "lobbyd.metrics")
        let subscription = center.recorder.subscribe { [metrics] in metrics.count($0) }
        defer { subscription.cancel() }
        do {
            try await cancelWhenGracefulShutdown {
                var failing = false
                while !Task.isCancelled {
                    metrics.update(from: center)
                    do {
                        try AtomicFile.write(metrics.registry.emitToBuffer(), to: path, mode: 0o644)
                        if failing { logger.notice("\(Messages.Daemon.metricsWritten(path))") }
                        failing = false
                    } catch {
                        // Said once, not every interval; the screen does not depend on it.
                        if !failing { logger.error("\(Messages.Daemon.metricsFailed(path, "\(error)"))") }
                        failing = true
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
        }
    }
}
