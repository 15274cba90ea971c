import Foundation
import LobbyCore
import Prometheus
import Synchronization

/// The instruments, named `lobbyd_*`.
final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let screenOn: Gauge
    private let screenRequired: Gauge
    private let screenLit: Gauge
    private let causes: [String: Gauge]
    private let litSeconds: Gauge
    private let requiredSeconds: Gauge
    private let linkUp: Gauge
    private let linkRetries: Gauge
    private let linkDowns: Counter
    private let uploadAge: Gauge
    private let uploadSent: Gauge
    private let uploadTotal: Gauge
    private let playlistsActive: Gauge
    private let accepted: Counter
    private let rejected: Counter
    private let refused: Counter
    private let contentAge: Gauge
    private let writeErrors: Counter
    private let eventsDropped: Counter
    private let eventsUnwritten: Gauge
    /// `EventRecorder.droppedEvents` when last counted.
    private let countedDrops = Atomic<Int>(0)
    /// `EventRecorder.writeFailures` when last counted.
    private let countedFailures = Atomic<Int>(0)
    private let dailyCheck: Gauge
    private let calendarMissing: Gauge
    private let contentStale: Gauge
    private let storeDegraded: Gauge
    private let overrides: Gauge
    private let maintenance: Gauge

    init() {
        // Metrics named in full: no namespace or unit suffix added.
        let registry = registry
        func gauge(_ name: String, _ help: String, labels: [(String, String)] = []) -> Gauge {
            registry.makeGauge(
                descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
        }
        func counter(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help))
        }
        gauge("lobbyd_build_info", "lobbyd's release", labels: [("version", Release.version)])
            .set(1.0)
        screenOn = gauge("lobbyd_screen_on", "1 when the screen must be lit now (all causes)")
        screenRequired = gauge(
            "lobbyd_screen_required", "1 inside an opening window of a workday (schedule without overrides)")
        screenLit = gauge("lobbyd_screen_lit", "1 when the sign shows content: screen on, link ready, pages sent")
        causes = Dictionary(
            uniqueKeysWithValues: ["schedule", "override", "maintenance", "test-pattern"].map {
                (
                    $0,
                    gauge("lobbyd_screen_cause", "1 for what decides the screen now", labels: [("cause", $0)])
                )
            })
        litSeconds = gauge("lobbyd_lit_seconds_today", "seconds the sign was lit today (hall time)")
        requiredSeconds = gauge(
            "lobbyd_required_seconds_today", "seconds the schedule required the screen lit so far today")
        linkUp = gauge("lobbyd_link_up", "1 when the link to the sign is ready")
        linkRetries = gauge("lobbyd_link_retries", "reconnection attempts since the link last worked")
        linkDowns = counter("lobbyd_link_down_total", "times the link went down since start")
        uploadAge = gauge("lobbyd_last_upload_age_seconds", "seconds since the last complete upload to the sign")
        uploadSent = gauge("lobbyd_upload_sent_bytes", "bytes sent of the upload in progress")
        uploadTotal = gauge("lobbyd_upload_size_bytes", "size of the upload in progress")
        playlistsActive = gauge("lobbyd_playlists_active", "playlists in the rotation now")
        accepted = counter("lobbyd_playlists_accepted_total", "playlists accepted since start")
        rejected = counter("lobbyd_playlists_rejected_total", "playlists rejected since start")
        refused = counter("lobbyd_control_refused_total", "control commands refused to non-operators since start")
        contentAge = gauge("lobbyd_content_age_seconds", "seconds since the newest playlist was accepted")
        writeErrors = counter("lobbyd_event_log_write_errors_total", "event-log appends that failed since start")
        eventsDropped = counter(
            "lobbyd_event_log_dropped_total", "events dropped from the full queue of a failing event log since start")
        eventsUnwritten = gauge("lobbyd_event_log_unwritten", "events queued for the event log and not yet on disk")
        dailyCheck = gauge("lobbyd_daily_check_recorded", "1 when today's daily check is recorded")
        calendarMissing = gauge(
            "lobbyd_calendar_missing", "1 when this year's or (from December) next year's calendar is missing")
        contentStale = gauge("lobbyd_content_stale", "1 when no playlist was accepted for stale_days")
        storeDegraded = gauge("lobbyd_store_degraded", "1 while the event log cannot be written")
        overrides = gauge("lobbyd_overrides_active", "operator overrides in force")
        maintenance = gauge("lobbyd_maintenance_active", "1 during a maintenance period")
    }

    /// Counts an event as it is recorded.
    func count(_ record: EventRecord) {
        switch record.kind {
        case EventKind.linkDown.rawValue: linkDowns.increment()
        case EventKind.playlistAccepted.rawValue: accepted.increment()
        case EventKind.playlistRejected.rawValue: rejected.increment()
        case EventKind.controlRefused.rawValue: refused.increment()
        default: break
        }
    }

    func update(from center: ControlCenter) {
        let status = center.status()
        // Instants from the clock and the link, not parsed back from the status's text.
        let now = center.clock.now()
        let flag = { (condition: Bool) in condition ? 1.0 : 0.0 }
        let current = center.settings.snapshot
        let schedule = current.schedule
        let today = schedule.timeZone.localTime(of: now).date
        let view = center.player.snapshot
        screenOn.set(flag(status.screen.on))
        screenRequired.set(flag(schedule.state(at: now).isOn))
        screenLit.set(flag(status.screen.on && status.link.state == "ready" && status.showing.pages > 0))
        for (cause, gauge) in causes { gauge.set(flag(cause == status.screen.cause)) }
        litSeconds.set(view.litDay == today ? view.litSeconds.rounded() : 0)
        requiredSeconds.set(schedule.onSeconds(from: schedule.timeZone.instant(of: today), to: now).rounded())
        linkUp.set(flag(status.link.state == "ready"))
        linkRetries.set(Double(status.link.retries))
        uploadAge.set(
            center.link.status.lastUpload.map { max(0, now.timeIntervalSince($0)).rounded() }
                ?? -1)
        uploadSent.set(Double(status.link.bytesSent))
        uploadTotal.set(Double(status.link.bytesTotal))
        playlistsActive.set(Double(status.showing.playlists.count))
        let store = center.playlists.snapshot
        contentAge.set(store.newestAcceptance.map { max(0, now.timeIntervalSince($0)).rounded() } ?? -1)
        let failures = center.recorder.writeFailures
        let counted = countedFailures.exchange(failures, ordering: .relaxed)
        if failures > counted { writeErrors.increment(by: Int64(failures - counted)) }
        let drops = center.recorder.droppedEvents
        let countedDrop = countedDrops.exchange(drops, ordering: .relaxed)
        if drops > countedDrop { eventsDropped.increment(by: Int64(drops - countedDrop)) }
        eventsUnwritten.set(Double(center.recorder.unwritten.pending))
        dailyCheck.set(flag(status.dailyCheck != nil))
        calendarMissing.set(flag(!schedule.calendar.warnings(on: today).isEmpty))
        contentStale.set(
            flag(center.playlists.isLoaded && store.isStale(at: now, days: current.configuration.content.staleDays)))
        storeDegraded.set(flag(center.recorder.degradedSince != nil))
        overrides.set(Double(status.overrides.count))
        maintenance.set(flag(status.maintenance != nil))
    }
}
