import Foundation
import LobbyCore
import LobbyStore
import Logging
import Synchronization

/// The event log's one writer: a thread that takes everything queued at once and writes the
/// events in one transaction (group commit), then runs the anchors and retention queued behind
/// them, in order. `EventRecorder` is its only user.
final class EventWriter: Sendable {
    /// A caller waiting for its job: a durable event, or a flush.
    final class Waiter: Sendable {
        let done = DispatchSemaphore(value: 0)
        let error = Mutex<LobbyStoreError?>(nil)

        /// Sets why the job failed; the caller hears it when `done` is signalled.
        func fail(_ reason: LobbyStoreError) {
            error.withLock { $0 = reason }
        }
    }

    enum Job: Sendable {
        case event(EventEntry, Waiter?)
        case anchor(ChainAnchor.Reason, at: Date)
        case prune(days: Int, now: Date)
        case flush(Waiter)

        /// An event no caller waits for: what the bound counts and may drop. (A durable event's
        /// caller waits, so there are never more of them than callers.)
        var isPlainEvent: Bool { if case .event(_, nil) = self { true } else { false } }
    }

    struct Queue: Sendable {
        /// `nil` while the log cannot be opened; opening is tried again at each write.
        var log: EventLog?
        var jobs: [Job] = []
        /// Plain events in `jobs` (kept so that the bound costs nothing to check).
        var pendingEvents = 0
        /// Events the writer has taken and not yet written.
        var inFlight = 0
        /// Dropped since the store last failed (reset when it writes again).
        var dropped = 0
        /// Dropped since start, for the metrics.
        var droppedTotal = 0
        var degradedSince: Date?
        var reason: String?
        var closing = false
        var running = false

        mutating func countDropped(_ count: Int) {
            dropped += count
            droppedTotal += count
        }
    }

    let path: String
    let queue: Mutex<Queue>
    let failures = Atomic<Int>(0)
    private let wake = DispatchSemaphore(value: 0)
    /// Failed writes in a row: the retry waits 1 s, doubling to 30 s.
    private let failuresInARow = Atomic<Int>(0)
    /// The last write's anchor could not be written (said once in the journal until one is).
    private let anchorFailed = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let logger = Logger(label: "lobbyd")

    init(path: String, queue: Queue) {
        self.path = path
        self.queue = Mutex(queue)
    }

    func start() {
        queue.withLock { $0.running = true }
        let thread = Thread { [self] in
            ThreadName.set("lobbyd-events")
            run()
        }
        thread.start()
    }

    /// Queues the job `make` builds for a new waiter, wakes the writer and waits until the job is
    /// done; why it failed, if it did.
    func submitAndWait(_ make: (Waiter) -> Job) -> LobbyStoreError? {
        let waiter = Waiter()
        submit(make(waiter))
        waiter.done.wait()
        return waiter.error.withLock { $0 }
    }

    /// Why a durable event is refused once the writer stops.
    private var stopped: LobbyStoreError {
        .writeFailed(path: path, reason: Messages.Daemon.writerStopped.description)
    }

    /// Queues a job and wakes the writer. Past `EventRecorder.maximumPending` events the oldest
    /// plain event is dropped and counted; durable ones and other jobs are never dropped.
    func submit(_ job: Job) {
        let refused = queue.withLock { queue -> Bool in
            guard queue.running else { return true }
            queue.jobs.append(job)
            if job.isPlainEvent { queue.pendingEvents += 1 }
            if queue.pendingEvents > EventRecorder.maximumPending,
                let oldest = queue.jobs.firstIndex(where: \.isPlainEvent)
            {
                queue.jobs.remove(at: oldest)
                queue.pendingEvents -= 1
                queue.countDropped(1)
            }
            return false
        }
        if refused {
            // After `close`: kept nowhere; a waiter hears why at once.
            queue.withLock { $0.countDropped(job.isPlainEvent ? 1 : 0) }
            switch job {
            case .event(_, let waiter?):
                waiter.fail(stopped)
                waiter.done.signal()
            case .flush(let waiter): waiter.done.signal()
            default: break
            }
            return
        }
        wake.signal()
    }

    /// Writes what is queued, stops the thread and waits for it. Idempotent.
    func close() {
        let wasRunning = queue.withLock { queue -> Bool in
            defer { queue.closing = true }
            return queue.running && !queue.closing
        }
        guard wasRunning else { return }
        wake.signal()
        finished.wait()
    }

    private func run() {
        while true {
            let (jobs, closing) = queue.withLock { queue in
                let jobs = queue.jobs
                queue.jobs = []
                queue.inFlight = queue.pendingEvents
                queue.pendingEvents = 0
                return (jobs, queue.closing)
            }
            if jobs.isEmpty {
                if closing { break }
                wake.wait()
                continue
            }
            perform(jobs)
            if degradedNow {
                if closing { break }
                waitBeforeRetrying()
            }
        }
        queue.withLock { $0.running = false }
        finished.signal()
    }

    private var degradedNow: Bool { queue.withLock { $0.degradedSince != nil } }

    /// A failing log is tried again after `EventRecorder.retryInterval`, doubling with each
    /// failure in a row up to 30 s (a full disk must not cost a core rewriting the backlog),
    /// or at once when a caller waits: an operator's event, the stop. (A flush does not wait
    /// while the log fails.)
    private func waitBeforeRetrying() {
        let failures = failuresInARow.load(ordering: .relaxed)
        let seconds = min(30, EventRecorder.retryInterval.inSeconds * Double(1 << min(failures - 1, 5)))
        let deadline = DispatchTime.now() + .milliseconds(Int(seconds * 1000))
        while wake.wait(timeout: deadline) == .success {
            let waited = queue.withLock { queue in queue.closing || queue.jobs.contains { !$0.isPlainEvent } }
            if waited { return }
        }
    }

    /// Runs the jobs in order, each run of events as one transaction. Events that could not be
    /// written go back to the head of the queue (durable ones fail instead). Once closing, a
    /// durable event is refused, not written: its caller could not finish what it records (the
    /// process is stopping), so it must not be in the log.
    private func perform(_ jobs: [Job]) {
        let closing = queue.withLock { $0.closing }
        var batch: [(entry: EventEntry, waiter: Waiter?)] = []
        var unwritten: [Job] = []
        // Told once the queue is back in order, so that a caller reads true counts.
        var waiters: [Waiter] = []
        for job in jobs {
            if case .event(let entry, let waiter) = job {
                if closing, let waiter {
                    waiter.fail(stopped)
                    waiters.append(waiter)
                    continue
                }
                batch.append((entry, waiter))
                continue
            }
            unwritten += write(&batch, answering: &waiters)
            switch job {
            case .event: break
            case .anchor(let reason, let now): anchor(reason, at: now)
            case .prune(let days, let now): prune(days: days, now: now)
            case .flush(let waiter): waiters.append(waiter)
            }
        }
        unwritten += write(&batch, answering: &waiters)
        queue.withLock { queue in
            queue.inFlight = 0
            guard !unwritten.isEmpty else { return }
            queue.jobs = unwritten + queue.jobs
            queue.pendingEvents += unwritten.count
            let excess = queue.pendingEvents - EventRecorder.maximumPending
            if excess > 0 {
                queue.jobs.removeFirst(excess)
                queue.pendingEvents -= excess
                queue.countDropped(excess)
            }
        }
        for waiter in waiters { waiter.done.signal() }
    }

    /// Writes `batch` in one transaction and empties it; what failed and must be kept. The
    /// durable events' waiters, with their error if any, go to `waiters`.
    private func write(_ batch: inout [(entry: EventEntry, waiter: Waiter?)], answering waiters: inout [Waiter])
        -> [Job]
    {
        defer { batch = [] }
        // A backlog goes in transactions of `chunk` rows: a disk with a little room again takes
        // it piece by piece, instead of failing one transaction (and its WAL) of 10,000 rows.
        var start = batch.startIndex
        while start < batch.endIndex {
            let end = min(start + Self.chunk, batch.endIndex)
            let kept = write(chunk: batch[start..<end], answering: &waiters)
            if !kept.isEmpty || degradedNow {
                // This part failed: the rest is not tried now.
                let rest = batch[end...]
                let reason = LobbyStoreError.writeFailed(path: path, reason: queue.withLock { $0.reason } ?? "")
                for case let waiter? in rest.map(\.waiter) {
                    waiter.fail(reason)
                    waiters.append(waiter)
                }
                return kept + rest.filter { $0.waiter == nil }.map { .event($0.entry, nil) }
            }
            start = end
        }
        return []
    }

    /// Rows per transaction when a backlog is written.
    static let chunk = 1_000

    private func write(chunk batch: ArraySlice<(entry: EventEntry, waiter: Waiter?)>, answering waiters: inout [Waiter])
        -> [Job]
    {
        guard !batch.isEmpty else { return [] }
        let date = batch.last!.entry.date
        do throws(LobbyStoreError) {
            let log: EventLog
            if let open = queue.withLock({ $0.log }) { log = open } else { log = try EventLog(path: path) }
            try log.appendBatch(batch.map(\.entry))
            failuresInARow.store(0, ordering: .relaxed)
            // Every write anchored: rows deleted from the tail, or added behind lobbyd's back,
            // even after a kill -9, show against the anchor file. One that cannot be written
            // is said in the journal (the next start will report rows after the last anchor).
            do {
                try log.anchor(.write, at: date)
                anchorFailed.store(false, ordering: .relaxed)
            } catch {
                if !anchorFailed.exchange(true, ordering: .relaxed) {
                    logger.error("\(Messages.Daemon.cannotAnchor("\(error)"))")
                }
            }
            let recovered = queue.withLock { queue -> (dropped: Int, was: Bool) in
                defer { (queue.log, queue.degradedSince, queue.reason, queue.dropped) = (log, nil, nil, 0) }
                return (queue.dropped, queue.degradedSince != nil)
            }
            if recovered.was {
                logger.notice("\(Messages.Daemon.storeWritable(written: batch.count, dropped: recovered.dropped))")
            }
            waiters += batch.compactMap(\.waiter)
            return []
        } catch {
            failures.add(1, ordering: .relaxed)
            failuresInARow.add(1, ordering: .relaxed)
            let first = queue.withLock { queue -> Bool in
                defer { (queue.degradedSince, queue.reason) = (queue.degradedSince ?? date, "\(error)") }
                return queue.degradedSince == nil
            }
            if first {
                logger.error("\(Messages.Daemon.storeDegraded("\(error)", limit: EventRecorder.maximumPending))")
            }
            for case let waiter? in batch.map(\.waiter) {
                waiter.fail(error)
                waiters.append(waiter)
            }
            return batch.filter { $0.waiter == nil }.map { .event($0.entry, nil) }
        }
    }

    private func anchor(_ reason: ChainAnchor.Reason, at now: Date) {
        guard let log = queue.withLock({ $0.log }) else { return }
        do {
            let anchor = try log.anchor(reason, at: now)
            logger.notice("\(Messages.Daemon.head(reason.rawValue, row: anchor.row, hash: anchor.hash))")
        } catch {
            logger.error("\(Messages.Daemon.cannotAnchor("\(error)"))")
        }
    }

    private func prune(days: Int, now: Date) {
        guard let log = queue.withLock({ $0.log }) else { return }
        do {
            let removed = try log.prune(olderThan: now.addingTimeInterval(-Double(days) * 86_400), now: now)
            if removed > 0 {
                logger.notice("\(Messages.Daemon.retention(removed: removed, days: days))")
            }
        } catch {
            logger.error("\(Messages.Daemon.retentionFailed("\(error)"))")
        }
    }
}
