import Foundation
import LobbyCore
import Logging
import NIOCore
import NIOPosix

/// One connection: greets, parses each line, answers in order, streams events after `watch`.
/// Bounded: at most `ControlProtocol.maximumQueuedRequests` requests wait for their turn, the
/// next is only answered once the client has read enough of the replies (the channel is
/// writable again), and a watcher's further input is ignored.
final class ControlHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let idleHandler = "idle"

    private let center: ControlCenter
    private let caller: Caller
    private let pool: NIOThreadPool
    private let logger = Logger(label: "lobbyd.control")
    /// Lines received while a request runs on the thread pool, answered after it.
    private var queued: [ByteBuffer] = []
    private var busy = false
    private var watch: EventRecorder.Subscription?
    private let limits: ControlLimits
    /// Whether this connection counts against `maximumClients` (a refused one does not).
    private var counted = false

    init(center: ControlCenter, caller: Caller, pool: NIOThreadPool, limits: ControlLimits) {
        self.center = center
        self.caller = caller
        self.pool = pool
        self.limits = limits
    }

    func channelActive(context: ChannelHandlerContext) {
        if let refusal = limits.admit(caller.uid) {
            logger.warning("control: \(refusal); refused \(caller)")
            send(ControlCoding.line(ErrorReply(Messages.Operations.tryLater(refusal).description)), context: context)
            context.close(promise: nil)
            return
        }
        counted = true
        send(ControlCoding.line(VersionReply(release: Release.version, language: .process)), context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if watch != nil { limits.releaseWatcher(caller.uid) }
        watch?.cancel()
        watch = nil
        if counted { limits.release(caller.uid) }
        counted = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // A watcher has nothing more to ask: what it sends is read and dropped.
        guard watch == nil, counted else { return }
        guard queued.count < ControlProtocol.maximumQueuedRequests else {
            logger.warning(
                "\(Messages.Daemon.flooded("\(caller)", ControlProtocol.maximumQueuedRequests))"
            )
            context.close(promise: nil)
            return
        }
        queued.append(unwrapInboundIn(data))
        drain(context: context)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        drain(context: context)
        context.fireChannelWritabilityChanged()
    }

    /// Answers queued lines in order until one must wait for the thread pool, or for the client
    /// to read what it was sent.
    private func drain(context: ChannelHandlerContext) {
        while !busy, watch == nil, context.channel.isWritable, !queued.isEmpty {
            let line = queued.removeFirst()
            // Replies in the language lobbyctl asks for; the event log keeps the hall's.
            let (parsed, language) = ControlRequest.read(line.readableBytesView)
            let request: ControlRequest
            switch parsed {
            case .success(let read):
                request = read
            case .failure(let error):
                send(ControlCoding.line(ErrorReply(error.words.text(in: language ?? .current))), context: context)
                continue
            }
            if request.changesState {
                let zone = center.settings.snapshot.schedule.timeZone
                logger.notice("\(Messages.Daemon.asks("\(caller)", request.summary(in: zone)))")
            }
            switch request {
            case .status:
                send(Language.$scoped.withValue(language) { center.reply(to: request, from: caller) }, context: context)
            case .watch:
                startWatching(context: context)
            default:
                busy = true
                let (center, caller) = (self.center, self.caller)
                pool.runIfActive(eventLoop: context.eventLoop) {
                    Language.$scoped.withValue(language) { center.reply(to: request, from: caller) }
                }
                .assumeIsolated()
                .whenComplete { result in
                    self.busy = false
                    switch result {
                    case .success(let reply): self.send(reply, context: context)
                    case .failure(let error):
                        self.send(ControlCoding.line(ErrorReply("\(error)")), context: context)
                    }
                    self.drain(context: context)
                }
            }
        }
    }

    /// Events are written as they are recorded, from whichever thread records them; when the
    /// channel's buffer is full the watcher has stopped reading and is dropped.
    private func startWatching(context: ChannelHandlerContext) {
        if let refusal = limits.admitWatcher(caller.uid) {
            send(ControlCoding.line(ErrorReply(refusal)), context: context)
            return
        }
        queued.removeAll()
        context.pipeline.syncOperations.removeHandler(name: Self.idleHandler, promise: nil)
        send(ControlCoding.line(WatchReply()), context: context)
        let channel = context.channel
        let logger = self.logger
        watch = center.recorder.subscribe { record in
            channel.eventLoop.execute {
                guard channel.isActive else { return }
                if channel.isWritable {
                    channel.writeAndFlush(ByteBuffer(bytes: ControlCoding.line(record)), promise: nil)
                } else {
                    logger.warning("\(Messages.Daemon.watcherDropped)")
                    channel.close(promise: nil)
                }
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            // A client waiting for its answer (a change waiting for the event log) is not idle:
            // closing it would report a failure for a change that is then made.
            guard !busy && queued.isEmpty else { return }
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let error = error as? ControlLineDecoder.LineTooLong {
            send(ControlCoding.line(ErrorReply(error.description)), context: context)
        } else {
            logger.debug("\(Messages.Daemon.connectionFailed("\(caller)", "\(error)"))")
        }
        context.close(promise: nil)
    }

    private func send(_ line: [UInt8], context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: line)), promise: nil)
    }
}
