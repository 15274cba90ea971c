import Foundation
import LobbyCore
import Logging
import NIOCore
import NIOPosix

/// One connection: greets, parses each line, answers in order, streams events after `watch`.
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

    init(center: ControlCenter, caller: Caller, pool: NIOThreadPool) {
        self.center = center
        self.caller = caller
        self.pool = pool
    }

    func channelActive(context: ChannelHandlerContext) {
        send(ControlCoding.line(VersionReply(release: Release.version)), context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch?.cancel()
        watch = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        queued.append(unwrapInboundIn(data))
        drain(context: context)
    }

    /// Answers queued lines in order until one must wait for the thread pool.
    private func drain(context: ChannelHandlerContext) {
        while !busy, watch == nil, !queued.isEmpty {
            let line = queued.removeFirst()
            let request: ControlRequest
            do {
                request = try ControlRequest.parse(line.readableBytesView)
            } catch {
                send(ControlCoding.line(ErrorReply(error.description)), context: context)
                continue
            }
            if request.changesState { logger.notice("control: \(caller) asks \(request.summary)") }
            switch request {
            case .status:
                send(center.reply(to: request, from: caller), context: context)
            case .watch:
                startWatching(context: context)
            default:
                busy = true
                let (center, caller) = (self.center, self.caller)
                pool.runIfActive(eventLoop: context.eventLoop) { center.reply(to: request, from: caller) }
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
                    logger.warning("control: a watcher stopped reading; dropped")
                    channel.close(promise: nil)
                }
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let error = error as? ControlLineDecoder.LineTooLong {
            send(ControlCoding.line(ErrorReply(error.description)), context: context)
        } else {
            logger.debug("control: connection of \(caller) failed: \(error)")
        }
        context.close(promise: nil)
    }

    private func send(_ line: [UInt8], context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: line)), promise: nil)
    }
}
