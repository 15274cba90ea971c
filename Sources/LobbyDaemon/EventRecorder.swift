import Foundation
import LobbyCore
import LobbyStore
import Logging
import Synchronization

/// Records what happened: one line in the journal and one row in the event log. If the log
/// cannot be written (disk full, read-only) — or not even opened at start — the screen keeps
/// following the schedule; events wait in memory (bounded, oldest dropped and counted) and are
/// written when it works again. What an operator asks for is different: `recordDurably` either
/// writes the event now or fails, so a request is never answered "recorded" for an event that
/// is only in memory.
public final class EventRecorder: Sendable {
    public static let maximumPending = 10_000

    private struct Backlog {
        /// `nil` while the log cannot be opened; opening is retried at each event.
        var log: EventLog?
        var pending: [EventEntry] = []
        var dropped = 0
        var degradedSince: Date?
        var reason: String?
    }

    public let path: String
    private let logger = Logger(label: "lobbyd")
    private let backlog: Mutex<Backlog>
    private let watchers = Mutex<[Int: @Sendable (EventRecord) -> Void]>([:])
    private let nextWatcher = Atomic<Int>(0)
    private let failures = Atomic<Int>(0)
    private let lastAnchor = Mutex<Date?>(nil)

    /// Appends that failed since start (each retried later from memory), for the metrics.
    public var writeFailures: Int { failures.load(ordering: .relaxed) }

    /// Opens the log at `path`. A damaged database stops the start (with the recovery
    /// command); one that cannot be opened now (disk full) starts degraded.
    public init(path: String, now: Date) throws(LobbyStoreError) {
        self.path = path
        do {
            backlog = Mutex(Backlog(log: try EventLog(path: path)))
        } catch .corrupt(let path, let reason) {
            throw .corrupt(path: path, reason: reason)
        } catch {
            Logger(label: "lobbyd").error(
                "\(Messages.Daemon.storeDegradedAtStart("\(error)", limit: Self.maximumPending))")
            backlog = Mutex(Backlog(log: nil, degradedSince: now, reason: "\(error)"))
        }
    }

    /// The open log, for reads (events, the daily check); `nil` while it cannot be opened.
    public var log: EventLog? { backlog.withLock { $0.log } }

    /// Daily retention: removes events older than `days` before `now`, in small batches.
    public func prune(keepingDays days: Int, now: Date) {
        guard let log else { return }
        do {
            let removed = try log.prune(olderThan: now.addingTimeInterval(-Double(days) * 86_400), now: now)
            if removed > 0 {
                logger.notice("\(Messages.Daemon.retention(removed: removed, days: days))")
            }
        } catch {
            logger.error("\(Messages.Daemon.retentionFailed("\(error)"))")
        }
    }

    /// Checks the log against its anchors (at start, before anything is appended): a log that
    /// was emptied, cut short or added to while lobbyd was stopped is an alarm, not a silent
    /// start. Then anchors the head as found.
    public func checkAnchors(at now: Date) {
        guard let log else { return }
        do {
            let (anchors, _) = try AnchorFile(log: log.path).read()
            // Since the last start is enough here (every retention checkpoint is still checked);
            // `verify-log` checks them all. The file grows by one line per write.
            let lastStart = anchors.lastIndex { $0.reason == .start } ?? anchors.startIndex
            let recent =
                anchors.filter { $0.reason == .checkpoint } + anchors[lastStart...].filter { $0.reason != .checkpoint }
            var check = try log.verify(against: recent)
            // Before lobbyd writes anything, the log must end where the last anchor left it.
            if let last = anchors.last, let head = try? log.head(), head.row > last.row {
                let when = last.reason == .stop ? Messages.Store.whileStopped : Messages.Daemon.afterLastAnchor
                check.problems.append(
                    Messages.Daemon.rowsWritten(last.row + 1, head.row, when: when, after: last.ts).description)
            }
            if !check.problems.isEmpty {
                logger.critical(
                    "\(Messages.Daemon.contradictsAnchors(log.path, check.problems.joined(separator: "; ")))")
                record(
                    .logTampered, check.problems.joined(separator: "; "),
                    detail: ["problems": "\(check.problems.count)", "anchors": "\(check.checked)"], at: now,
                    level: .critical)
            }
        } catch {
            logger.error("\(Messages.Daemon.cannotCheckAnchors("\(error)"))")
        }
        anchor(.start, at: now)
    }

    /// Writes the chain's head to the anchor file and the journal.
    public func anchor(_ reason: ChainAnchor.Reason, at now: Date) {
        guard let log else { return }
        do {
            let anchor = try log.anchor(reason, at: now)
            lastAnchor.withLock { $0 = now }
            logger.notice("\(Messages.Daemon.head(reason.rawValue, row: anchor.row, hash: anchor.hash))")
        } catch {
            logger.error("\(Messages.Daemon.cannotAnchor("\(error)"))")
        }
    }

    /// An hourly anchor, when the last one is an hour old.
    public func anchorIfDue(at now: Date) {
        guard let last = lastAnchor.withLock({ $0 }), now.timeIntervalSince(last) >= 3_600 || now < last else { return }
        anchor(.hourly, at: now)
    }

    /// When the store last failed, `nil` while it works ("store degraded" in status).
    public var degradedSince: Date? { backlog.withLock { $0.degradedSince } }

    /// Events waiting in memory and events dropped since the store failed: what is lost if
    /// lobbyd stops now.
    public var unwritten: (pending: Int, dropped: Int) { backlog.withLock { ($0.pending.count, $0.dropped) } }

    /// Records an event; if the log cannot take it now it waits in memory.
    public func record(
        _ kind: EventKind, _ message: String, detail: [String: String] = [:], actor: String = "daemon", at date: Date,
        level: Logger.Level = .notice
    ) {
        let entry = announce(kind, message, detail: detail, actor: actor, at: date, level: level)
        backlog.withLock { backlog in
            backlog.pending.append(entry)
            if (try? write(&backlog, at: date)) == nil, backlog.pending.count > Self.maximumPending {
                backlog.dropped += backlog.pending.count - Self.maximumPending
                backlog.pending.removeFirst(backlog.pending.count - Self.maximumPending)
            }
        }
    }

    /// Records an event on disk now, or throws: for what an operator asks for, whose reply must
    /// not say "recorded" unless it is.
    public func recordDurably(
        _ kind: EventKind, _ message: String, detail: [String: String] = [:], actor: String, at date: Date
    ) throws {
        let entry = announce(kind, message, detail: detail, actor: actor, at: date, level: .notice)
        try backlog.withLock { backlog in
            backlog.pending.append(entry)
            do {
                try write(&backlog, at: date)
            } catch {
                backlog.pending.removeLast()
                logger.error("\(Messages.Daemon.notRecorded(kind.rawValue, "\(error)"))")
                throw error
            }
        }
    }

    /// At stop: says in the journal what could not be written and is lost with the process.
    public func reportUnwritten() {
        let (pending, dropped) = unwritten
        guard pending + dropped > 0 else { return }
        logger.critical(
            "\(Messages.Daemon.lost(pending + dropped, path: path, pending: pending, dropped: dropped))"
        )
    }

    /// The journal line and the watchers; the entry to append.
    private func announce(
        _ kind: EventKind, _ message: String, detail: [String: String], actor: String, at date: Date,
        level: Logger.Level
    ) -> EventEntry {
        logger.log(level: level, "\(kind.rawValue): \(message)", metadata: ["event": "\(kind.rawValue)"])
        var entryDetail = detail
        if entryDetail["message"] == nil { entryDetail["message"] = message }
        broadcast(EventRecord(ts: EventTime.format(date), kind: kind.rawValue, actor: actor, detail: entryDetail))
        return EventEntry(date: date, kind: kind, detail: entryDetail, actor: actor)
    }

    /// Writes everything pending (opening the log first if it is not open); on failure the
    /// store is marked degraded and the entries stay pending.
    private func write(_ backlog: inout Backlog, at date: Date) throws {
        do {
            let log = try backlog.log ?? EventLog(path: path)
            backlog.log = log
            try log.appendBatch(backlog.pending)
            // Every write anchored: rows deleted from the tail, or added behind lobbyd's back,
            // even after a kill -9, show against the anchor file.
            _ = try? log.anchor(.write, at: date)
            if backlog.degradedSince != nil {
                logger.notice(
                    "\(Messages.Daemon.storeWritable(written: backlog.pending.count, dropped: backlog.dropped))")
            }
            backlog = Backlog(log: backlog.log)
        } catch {
            failures.add(1, ordering: .relaxed)
            if backlog.degradedSince == nil {
                logger.error("\(Messages.Daemon.storeDegraded("\(error)", limit: Self.maximumPending))")
                backlog.degradedSince = date
            }
            backlog.reason = "\(error)"
            throw error
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
