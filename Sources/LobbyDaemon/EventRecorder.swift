import Foundation
import LobbyCore
import LobbyStore
import Logging
import Synchronization

/// Records what happened: one line in the journal and one row in the event log. If the log
/// cannot be written (disk full, read-only), the screen keeps following the schedule; events
/// wait in memory (bounded, oldest dropped and counted) and are written when it works again.
public final class EventRecorder: Sendable {
    public static let maximumPending = 10_000

    private struct Backlog {
        var pending: [EventEntry] = []
        var dropped = 0
        var degradedSince: Date?
    }

    private let log: EventLog
    private let logger = Logger(label: "lobbyd")
    private let backlog = Mutex(Backlog())
    private let watchers = Mutex<[Int: @Sendable (EventRecord) -> Void]>([:])
    private let nextWatcher = Atomic<Int>(0)
    private let failures = Atomic<Int>(0)
    private let lastAnchor = Mutex<Date?>(nil)

    /// Appends that failed since start (each retried later from memory), for the metrics.
    public var writeFailures: Int { failures.load(ordering: .relaxed) }

    public init(log: EventLog) {
        self.log = log
    }

    /// Daily retention: removes events older than `days` before `now`, in small batches.
    public func prune(keepingDays days: Int, now: Date) {
        do {
            let removed = try log.prune(olderThan: now.addingTimeInterval(-Double(days) * 86_400))
            if removed > 0 {
                logger.notice("retention: \(removed) event(s) older than \(days) days removed; chain checkpointed")
            }
        } catch {
            logger.error("retention failed: \(error)")
        }
    }

    /// Checks the log against its anchors (at start, before anything is appended): a log that
    /// was emptied, cut short or added to while lobbyd was stopped is an alarm, not a silent
    /// start. Then anchors the head as found.
    public func checkAnchors(at now: Date) {
        do {
            let (anchors, _) = try AnchorFile(log: log.path).read()
            let check = try log.verify(against: anchors)
            if !check.problems.isEmpty {
                logger.critical(
                    "event log \(log.path) contradicts its anchors: \(check.problems.joined(separator: "; ")); run lobbyctl verify-log"
                )
                record(
                    .logTampered, check.problems.joined(separator: "; "),
                    detail: ["problems": "\(check.problems.count)", "anchors": "\(check.checked)"], at: now,
                    level: .critical)
            }
        } catch {
            logger.error("cannot check the event log's anchors: \(error)")
        }
        anchor(.start, at: now)
    }

    /// Writes the chain's head to the anchor file and the journal.
    public func anchor(_ reason: ChainAnchor.Reason, at now: Date) {
        do {
            let anchor = try log.anchor(reason, at: now)
            lastAnchor.withLock { $0 = now }
            logger.notice("event log head (\(reason.rawValue)): row \(anchor.row) hash \(anchor.hash)")
        } catch {
            logger.error("cannot anchor the event log: \(error)")
        }
    }

    /// An hourly anchor, when the last one is an hour old.
    public func anchorIfDue(at now: Date) {
        guard let last = lastAnchor.withLock({ $0 }), now.timeIntervalSince(last) >= 3_600 || now < last else { return }
        anchor(.hourly, at: now)
    }

    /// When the store last failed, `nil` while it works ("store degraded" in status).
    public var degradedSince: Date? { backlog.withLock { $0.degradedSince } }

    public func record(
        _ kind: EventKind, _ message: String, detail: [String: String] = [:], actor: String = "daemon", at date: Date,
        level: Logger.Level = .notice
    ) {
        logger.log(level: level, "\(kind.rawValue): \(message)", metadata: ["event": "\(kind.rawValue)"])
        var entryDetail = detail
        if entryDetail["message"] == nil { entryDetail["message"] = message }
        let entry = EventEntry(date: date, kind: kind, detail: entryDetail, actor: actor)
        broadcast(EventRecord(ts: EventTime.format(date), kind: kind.rawValue, actor: actor, detail: entryDetail))
        backlog.withLock { backlog in
            backlog.pending.append(entry)
            do {
                try log.appendBatch(backlog.pending)
                if backlog.degradedSince != nil {
                    logger.notice(
                        "event log writable again; \(backlog.pending.count) queued event(s) written, \(backlog.dropped) dropped"
                    )
                }
                backlog = Backlog()
            } catch {
                failures.add(1, ordering: .relaxed)
                if backlog.degradedSince == nil {
                    logger.error("store degraded: \(error); events wait in memory (at most \(Self.maximumPending))")
                    backlog.degradedSince = date
                }
                if backlog.pending.count > Self.maximumPending {
                    backlog.dropped += backlog.pending.count - Self.maximumPending
                    backlog.pending.removeFirst(backlog.pending.count - Self.maximumPending)
                }
            }
        }
    }

    /// Calls `deliver` with every event recorded from now on (on the recording thread; it must
    /// not block) until the subscription is cancelled. For `watch`.
    public func subscribe(_ deliver: @escaping @Sendable (EventRecord) -> Void) -> Subscription {
        let id = nextWatcher.wrappingAdd(1, ordering: .relaxed).oldValue
        watchers.withLock { $0[id] = deliver }
        return Subscription { [weak self] in _ = self?.watchers.withLock { $0.removeValue(forKey: id) } }
    }

    private func broadcast(_ record: EventRecord) {
        for deliver in watchers.withLock({ Array($0.values) }) { deliver(record) }
    }

    /// Ends a subscription when cancelled.
    public struct Subscription: Sendable {
        let cancel: @Sendable () -> Void
    }
}
