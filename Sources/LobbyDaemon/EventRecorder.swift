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
    private let watchers = Mutex<[Int: EventWatch]>([:])
    private let nextWatcher = Atomic<Int>(0)

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

    /// A live feed of every event recorded from now on, for `watch`. The feed holds at most
    /// `capacity` events; a watcher that falls further behind is cut off and told so.
    public func watch(capacity: Int = 1024) -> EventWatch {
        let id = nextWatcher.wrappingAdd(1, ordering: .relaxed).oldValue
        let watch = EventWatch(capacity: capacity) { [weak self] in
            _ = self?.watchers.withLock { $0.removeValue(forKey: id) }
        }
        watchers.withLock { $0[id] = watch }
        return watch
    }

    private func broadcast(_ record: EventRecord) {
        for watch in watchers.withLock({ Array($0.values) }) { watch.deliver(record) }
    }
}

/// One watcher's feed of events. Iterate `events`; when it ends, `fellBehind` says whether the
/// watcher was cut off for not keeping up (rather than the daemon stopping).
public final class EventWatch: Sendable {
    public let events: AsyncStream<EventRecord>
    private let continuation: AsyncStream<EventRecord>.Continuation
    private let overflowed = Atomic<Bool>(false)

    init(capacity: Int, onEnd: @escaping @Sendable () -> Void) {
        (events, continuation) = AsyncStream.makeStream(
            of: EventRecord.self, bufferingPolicy: .bufferingOldest(capacity))
        continuation.onTermination = { _ in onEnd() }
    }

    public var fellBehind: Bool { overflowed.load(ordering: .relaxed) }

    func deliver(_ record: EventRecord) {
        if case .dropped = continuation.yield(record) {
            overflowed.store(true, ordering: .relaxed)
            continuation.finish()
        }
    }

    /// Ends the feed (the client left).
    public func cancel() { continuation.finish() }
}
