import Foundation
import LobbyCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The control socket: a SwiftNIO server on a Unix stream socket speaking JSON Lines (gpsd
/// style). Bound before the daemon reports ready.
///
/// Requests are answered on the connection's event loop (`status`, a few microseconds of
/// work) or, when they touch the disk (events, playlists, every change), on NIO's thread pool;
/// replies keep the order of requests. Bounded in every direction: a line longer than 64 KiB is
/// answered with an error and the connection closed; a client silent for the idle timeout is
/// disconnected unless it watches; a watcher whose output buffer is full (it stopped reading)
/// is told so and dropped.
public struct ControlServer: Service {
    private let channel: Channel

    /// Binds `path`, replacing a stale socket file (the instance lock proves it is stale), with
    /// the configured mode and group.
    public static func bind(
        path: String, control: Configuration.Control, center: ControlCenter, group: EventLoopGroup
    ) async throws -> ControlServer {
        let idle = TimeAmount.seconds(Int64(control.idleTimeoutSeconds))
        let operators = control.operatorsGroup
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 16 * 1024, high: 256 * 1024))
            // A client may send its requests and shut down its side (`printf … | socat`):
            // the replies still go out before the connection closes.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                peerCredentials(of: channel).flatMapThrowing { credentials in
                    let caller = Caller.resolve(uid: credentials.uid, gid: credentials.gid, operatorsGroup: operators)
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(ByteToMessageHandler(ControlLineDecoder()))
                    try pipeline.addHandler(IdleStateHandler(readTimeout: idle), name: ControlHandler.idleHandler)
                    try pipeline.addHandler(ControlHandler(center: center, caller: caller, pool: .singleton))
                }
            }
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
        try setOwnership(path: path, control: control)
        return ControlServer(channel: channel)
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try? await channel.close()
    }

    /// uid and gid of the connecting process, from the kernel.
    private static func peerCredentials(of channel: Channel) -> EventLoopFuture<(uid: UInt32, gid: UInt32)> {
        guard let provider = channel as? SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
        }
        return provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            .map { (credentials: PeerCredentials) in (credentials.uid, credentials.gid) }
    }

    private static func setOwnership(path: String, control: Configuration.Control) throws {
        guard chmod(path, mode_t(control.socketMode)) == 0 else {
            throw LobbyDaemonError.cannotStart("\(path): cannot set mode: \(String(cString: strerror(errno)))")
        }
        if let group = UserDatabase.groupID(named: control.operatorsGroup) {
            if chown(path, uid_t.max, group) != 0 {
                Logger(label: "lobbyd.control").warning(
                    "\(path): cannot give the socket to group \(control.operatorsGroup): \(String(cString: strerror(errno))); add lobbyd to the group"
                )
            }
        } else {
            Logger(label: "lobbyd.control").warning(
                "group \(control.operatorsGroup) does not exist: only root may change anything over \(path)")
        }
    }
}

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

/// Linux's `struct ucred`, which Swift's Glibc module hides (it needs _GNU_SOURCE): same layout.
private struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

/// Splits the byte stream into lines, refusing any longer than `ControlProtocol.maximumLineBytes`.
/// A half-written line at the end of the stream is dropped: it was never a request.
struct ControlLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    struct LineTooLong: Error, CustomStringConvertible {
        var description: String {
            "request line longer than \(ControlProtocol.maximumLineBytes) bytes; closing the connection"
        }
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: 0x0A) else {
            if buffer.readableBytes > ControlProtocol.maximumLineBytes { throw LineTooLong() }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        guard length <= ControlProtocol.maximumLineBytes else { throw LineTooLong() }
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        // Tolerate CRLF from hand-typed sessions (socat, nc).
        if line.readableBytesView.last == 0x0D { line = line.getSlice(at: line.readerIndex, length: length - 1)! }
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.clear()
        return .needMoreData
    }
}
