import Foundation
import LobbyCore
import LobbyStore
import Logging
import Synchronization

/// Records what happened: one line in the journal at once, and one row in the event log written
/// by a single writer thread (`lobbyd-events`), so that no caller waits on SQLite or fsync.
///
/// `record` only queues the event: the queue is bounded (`maximumPending`); when the log cannot
/// take events (disk full, read-only, not even opened at start) they wait there, the oldest are
/// dropped and counted when it overflows, and the writer tries again on the next event or after
/// `retryInterval`. The writer takes everything queued at once and appends it in one transaction
/// (group commit), so a burst costs one fsync. What an operator asks for is different:
/// `recordDurably` waits for the writer and either the event is on disk or it throws, so a request
/// is never answered "recorded" for an event that is only in memory.
public final class EventRecorder: Sendable {
    public static let maximumPending = 10_000
    /// How long a failing log is left alone when no new event arrives.
    public static let retryInterval: Duration = .seconds(1)

    public let path: String
    private let writer: EventWriter
    private let logger = Logger(label: "lobbyd")
    private let watchers = Mutex<[Int: @Sendable (EventRecord) -> Void]>([:])
    private let nextWatcher = Atomic<Int>(0)
    private let lastAnchor = Mutex<Date?>(nil)

    /// Opens the log at `path` and starts the writer. A damaged database stops the start (with the
    /// recovery command); one that cannot be opened now (disk full) starts degraded.
    public init(path: String, now: Date) throws(LobbyStoreError) {
        self.path = path
        var queue = EventWriter.Queue()
        do {
            queue.log = try EventLog(path: path)
        } catch .corrupt(let path, let reason) {
            throw .corrupt(path: path, reason: reason)
        } catch {
            Logger(label: "lobbyd").error(
                "\(Messages.Daemon.storeDegradedAtStart("\(error)", limit: Self.maximumPending))")
            (queue.degradedSince, queue.reason) = (now, "\(error)")
        }
        writer = EventWriter(path: path, queue: queue)
        writer.start()
    }

    deinit { writer.close() }

    /// The open log, for reads (events, the daily check); `nil` while it cannot be opened.
    public var log: EventLog? { writer.queue.withLock { $0.log } }

    /// Appends that failed since start (each retried later from memory), for the metrics.
    public var writeFailures: Int { writer.failures.load(ordering: .relaxed) }

    /// When the store last failed, `nil` while it works ("store degraded" in status).
    public var degradedSince: Date? { writer.queue.withLock { $0.degradedSince } }

    /// Events dropped since start because the queue was full (the log failing for long).
    public var droppedEvents: Int { writer.queue.withLock { $0.droppedTotal } }

    /// Events not yet on disk (queued, or being written) and events dropped since the store
    /// failed: what is lost if lobbyd stops now.
    public var unwritten: (pending: Int, dropped: Int) {
        writer.queue.withLock { ($0.pendingEvents + $0.inFlight, $0.dropped) }
    }

    /// Records an event: the journal line and the watchers now, the log row by the writer.
    public func record(
        _ kind: EventKind, _ message: String, detail: [String: String] = [:], actor: String = "daemon", at date: Date,
        level: Logger.Level = .notice
    ) {
        let entry = Self.entry(kind, message, detail: detail, actor: actor, at: date)
        announce(entry, message, level: level)
        writer.submit(.event(entry, nil))
    }

    /// Records an event on disk before returning, or throws: for what an operator asks for, whose
    /// reply must not say "recorded" unless it is. Waits for the writer, which writes what was
    /// queued before it in the same transaction. The journal and the watchers hear of it once it
    /// is written, never of an event that was then refused.
    public func recordDurably(
        _ kind: EventKind, _ message: String, detail: [String: String] = [:], actor: String, at date: Date
    ) throws {
        let entry = Self.entry(kind, message, detail: detail, actor: actor, at: date)
        if let error = writer.submitAndWait({ .event(entry, $0) }) {
            logger.error("\(Messages.Daemon.notRecorded(kind.rawValue, "\(error)"))")
            throw error
        }
        announce(entry, message, level: .notice)
    }

    /// Returns once everything recorded before the call was written (or the write failed):
    /// before reading the log back. While the log fails it returns at once: asking again and
    /// again (`lobbyctl events` in a loop) must not make the writer retry the backlog each time.
    public func flush() {
        guard degradedSince == nil else { return }
        _ = writer.submitAndWait { .flush($0) }
    }

    /// Writes what is queued and stops the writer; events recorded afterwards are not written
    /// (`reportUnwritten` counts them as dropped). At stop, after the last events.
    public func close() {
        writer.close()
    }

    /// Daily retention: removes events older than `days` before `now`, in small batches, on the
    /// writer thread.
    public func prune(keepingDays days: Int, now: Date) {
        writer.submit(.prune(days: days, now: now))
    }

    /// Checks the log against its anchors (at start, before anything is appended): a log that
    /// was emptied, cut short or added to while lobbyd was stopped is an alarm, not a silent
    /// start. Then anchors the head as found.
    public func checkAnchors(at now: Date) {
        guard let log else { return }
        do {
            // Since the last start is enough here (every retention checkpoint is still checked);
            // `verify-log` checks them all. The file grows by one line per write.
            let (anchors, _) = try AnchorFile(log: log.path).read(.fromLastStart)
            var check = try log.verify(against: anchors)
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

    /// Writes the chain's head to the anchor file and the journal, after what is queued.
    public func anchor(_ reason: ChainAnchor.Reason, at now: Date) {
        lastAnchor.withLock { $0 = now }
        writer.submit(.anchor(reason, at: now))
    }

    /// An hourly anchor, when the last one is an hour old.
    public func anchorIfDue(at now: Date) {
        guard let last = lastAnchor.withLock({ $0 }), now.timeIntervalSince(last) >= 3_600 || now < last else { return }
        anchor(.hourly, at: now)
    }

    /// At stop: says in the journal what could not be written and is lost with the process.
    public func reportUnwritten() {
        let (pending, dropped) = unwritten
        guard pending + dropped > 0 else { return }
        logger.critical(
            "\(Messages.Daemon.lost(pending + dropped, path: path, pending: pending, dropped: dropped))"
        )
    }

    /// The row to append: the message goes into the detail unless the caller put one there.
    private static func entry(
        _ kind: EventKind, _ message: String, detail: [String: String], actor: String, at date: Date
    ) -> EventEntry {
        var entryDetail = detail
        if entryDetail["message"] == nil { entryDetail["message"] = message }
        return EventEntry(date: date, kind: kind, detail: entryDetail, actor: actor)
    }

    /// The journal line and the watchers.
    private func announce(_ entry: EventEntry, _ message: String, level: Logger.Level) {
        let kind = entry.kind.rawValue
        logger.log(level: level, "\(kind): \(message)", metadata: ["event": "\(kind)"])
        broadcast(EventRecord(ts: EventTime.format(entry.date), kind: kind, actor: entry.actor, detail: entry.detail))
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
