import LobbyCore
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// One control connection, served by one task: greets, answers each line in order, streams
/// events after `watch`. Bounded by the channel's back-pressure rather than by counting: while
/// a reply waits for the client to read it, nothing more is read from the client (its requests
/// wait in its own socket), and at most `ControlProtocol.maximumQueuedRequests` lines are read
/// ahead of the one being answered.
struct ControlConnection {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    let caller: Caller
    let activity: ControlActivity
    let center: ControlCenter
    let limits: ControlLimits
    let pool: NIOThreadPool
    private let logger = Logger(label: "lobbyd.control")

    /// Events a watcher may fall behind by, beyond what its socket holds, before it is dropped.
    static let watchBacklog = 64

    init(
        channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, caller: Caller, activity: ControlActivity,
        center: ControlCenter, limits: ControlLimits, pool: NIOThreadPool
    ) {
        (self.channel, self.caller, self.activity) = (channel, caller, activity)
        (self.center, self.limits, self.pool) = (center, limits, pool)
    }

    /// Serves the connection until the client leaves, breaks a rule, or the daemon stops.
    func serve() async {
        do {
            try await channel.executeThenClose { inbound, outbound in
                if let refusal = limits.admit(caller.uid) {
                    logger.warning("control: \(refusal); refused \(caller)")
                    try await send(ErrorReply(Messages.Operations.tryLater(refusal).description), outbound)
                    return
                }
                defer { limits.release(caller.uid) }
                try await send(VersionReply(release: Release.version, language: .process), outbound)
                do {
                    try await answer(inbound.makeAsyncIterator(), outbound)
                } catch let error as ControlLineDecoder.LineTooLong {
                    // Told why, then the connection is closed.
                    try await send(ErrorReply(error.description), outbound)
                }
            }
        } catch {
            logger.debug("\(Messages.Daemon.connectionFailed("\(caller)", "\(error)"))")
        }
    }

    /// Each line in order, until the end of the input or a `watch`.
    private func answer(
        _ lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws {
        var lines = lines
        while let line = try await lines.next() {
            // Replies in the language lobbyctl asks for; the event log keeps the hall's.
            let language = ControlRequest.language(of: line.readableBytesView)
            let request: ControlRequest
            do {
                request = try ControlRequest.parse(line.readableBytesView)
            } catch {
                try await send(ErrorReply(error.words.text(in: language ?? .current)), outbound)
                continue
            }
            if request.changesState {
                let zone = center.settings.snapshot.schedule.timeZone
                logger.notice("\(Messages.Daemon.asks("\(caller)", request.summary(in: zone)))")
            }
            let (center, caller) = (self.center, self.caller)
            switch request {
            case .watch:
                if let refusal = limits.admitWatcher(caller.uid) {
                    try await send(ErrorReply(refusal), outbound)
                    continue
                }
                defer { limits.releaseWatcher(caller.uid) }
                try await watch(&lines, outbound)
                return
            case .status:
                // A few microseconds from memory: answered here.
                let reply = Language.$scoped.withValue(language) { center.reply(to: request, from: caller) }
                try await outbound.write(ByteBuffer(bytes: reply))
            default:
                // The disk (events, playlists, every change): on NIO's thread pool. A client
                // waiting for its answer is not idle.
                activity.isBusy = true
                defer { activity.isBusy = false }
                let reply = try await pool.runIfActive {
                    Language.$scoped.withValue(language) { center.reply(to: request, from: caller) }
                }
                try await outbound.write(ByteBuffer(bytes: reply))
            }
        }
    }

    /// Streams events as they are recorded, from whichever thread records them. What a watcher
    /// sends is read and dropped; a watcher that falls `watchBacklog` events behind what its
    /// socket holds has stopped reading, and is told so in the journal and dropped.
    private func watch(
        _ lines: inout NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws {
        activity.isWatching = true
        let (events, delivery) = AsyncStream.makeStream(
            of: [UInt8].self, bufferingPolicy: .bufferingOldest(Self.watchBacklog))
        let fellBehind = Flag()
        let subscription = center.recorder.subscribe { record in
            if case .dropped = delivery.yield(ControlCoding.line(record)) {
                fellBehind.raise()
                delivery.finish()
            }
        }
        defer {
            subscription.cancel()
            delivery.finish()
        }
        try await send(WatchReply(), outbound)
        let (channel, logger) = (self.channel.channel, self.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await line in events { try await outbound.write(ByteBuffer(bytes: line)) }
                if fellBehind.isRaised {
                    logger.warning("\(Messages.Daemon.watcherDropped)")
                    try? await channel.close()
                }
            }
            while try await lines.next() != nil {}
            group.cancelAll()
        }
    }

    private func send(_ reply: some Encodable, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        try await outbound.write(ByteBuffer(bytes: ControlCoding.line(reply)))
    }
}

/// A watcher fell behind: set by the recorder's thread, read by the connection's task.
private final class Flag: Sendable {
    private let raised = Atomic<Bool>(false)
    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}

/// What a connection's task is doing, for the idle timeout on the event loop: a client waiting
/// for its answer, or watching, is not idle.
final class ControlActivity: Sendable {
    private let busy = Atomic<Bool>(false)
    private let watching = Atomic<Bool>(false)

    var isBusy: Bool {
        get { busy.load(ordering: .relaxed) }
        set { busy.store(newValue, ordering: .relaxed) }
    }

    var isWatching: Bool {
        get { watching.load(ordering: .relaxed) }
        set { watching.store(newValue, ordering: .relaxed) }
    }
}

/// Closes a connection silent for the idle timeout (`IdleStateHandler` before it tells when),
/// unless it waits for an answer or watches.
final class ControlIdleCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let activity: ControlActivity

    init(activity: ControlActivity) { self.activity = activity }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is IdleStateHandler.IdleStateEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if !activity.isBusy && !activity.isWatching { context.close(promise: nil) }
    }
}
