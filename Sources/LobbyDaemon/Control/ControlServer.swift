import Foundation
import LobbyCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The control socket: a SwiftNIO server on a Unix stream socket speaking JSON Lines (gpsd
/// style). Bound before the daemon reports ready; every connection runs in its own task.
///
/// Bounded in every direction: a line longer than 64 KiB is answered with an error and the
/// connection closed; a client silent for `idleTimeout` is disconnected unless it watches; a
/// watcher whose reading falls behind (its output buffer full) is told so and dropped.
public struct ControlServer: Service {
    struct Connection: Sendable {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        let uid: UInt32
        let gid: UInt32
    }

    private let server: NIOAsyncChannel<Connection, Never>
    private let center: ControlCenter
    private let operatorsGroup: String
    private let logger = Logger(label: "lobbyd.control")

    /// Binds `path`, replacing a stale socket file (the instance lock proves it is stale), with
    /// the configured mode and group.
    public static func bind(
        path: String, control: Configuration.Control, center: ControlCenter, group: EventLoopGroup
    ) async throws -> ControlServer {
        let idle = TimeAmount.seconds(Int64(control.idleTimeoutSeconds))
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 16 * 1024, high: 256 * 1024))
            // A client may send its requests and shut down its side (`printf … | socat`):
            // the replies still go out before the connection closes.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
                peerCredentials(of: channel).flatMapThrowing { credentials in
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(ByteToMessageHandler(ControlLineDecoder()))
                    try pipeline.addHandler(IdleStateHandler(readTimeout: idle), name: ControlServer.idleHandler)
                    try pipeline.addHandler(IdleCloser())
                    return Connection(
                        channel: try NIOAsyncChannel(wrappingChannelSynchronously: channel), uid: credentials.uid,
                        gid: credentials.gid)
                }
            }
        try setOwnership(path: path, control: control)
        return ControlServer(server: server, center: center, operatorsGroup: control.operatorsGroup)
    }

    private init(server: NIOAsyncChannel<Connection, Never>, center: ControlCenter, operatorsGroup: String) {
        self.server = server
        self.center = center
        self.operatorsGroup = operatorsGroup
    }

    static let idleHandler = "idle"

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await serve(connection) }
                        }
                    }
                }
            }
        } catch is CancellationError {
            // Shutdown cancels the accept loop and every connection: a normal stop.
        }
    }

    private func serve(_ connection: Connection) async {
        let caller = Caller.resolve(uid: connection.uid, gid: connection.gid, operatorsGroup: operatorsGroup)
        do {
            try await connection.channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(bytes: ControlCoding.line(VersionReply(release: Release.version))))
                do {
                    for try await line in inbound {
                        let request: ControlRequest
                        do {
                            request = try ControlRequest.parse(line.readableBytesView)
                        } catch let error as ControlRequestError {
                            try await outbound.write(
                                ByteBuffer(bytes: ControlCoding.line(ErrorReply(error.description))))
                            continue
                        }
                        if request.changesState { logger.notice("control: \(caller) asks \(request.summary)") }
                        try await outbound.write(ByteBuffer(bytes: center.reply(to: request, from: caller)))
                        if request == .watch {
                            try await watch(connection, outbound: outbound)
                            return
                        }
                    }
                } catch let error as ControlLineDecoder.LineTooLong {
                    try await outbound.write(ByteBuffer(bytes: ControlCoding.line(ErrorReply(error.description))))
                }
            }
        } catch is CancellationError {
        } catch {
            logger.debug("control: connection of \(caller) ended: \(error)")
        }
    }

    /// Streams events until the client leaves or falls behind; a watcher is never idle-closed.
    private func watch(
        _ connection: Connection, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws {
        let feed = center.recorder.watch()
        defer { feed.cancel() }
        try await connection.channel.channel.pipeline.removeHandler(name: Self.idleHandler).get()
        for await event in feed.events {
            try await outbound.write(ByteBuffer(bytes: ControlCoding.line(event)))
        }
        if feed.fellBehind {
            logger.warning("control: a watcher fell behind by more than 1024 events and was dropped")
            // Not awaited: a client that stopped reading would block the goodbye too.
            let goodbye = ControlCoding.line(
                ErrorReply("you fell behind the event stream and were dropped; watch again"))
            connection.channel.channel.writeAndFlush(ByteBuffer(bytes: goodbye), promise: nil)
        }
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

/// Closes a connection that has been silent for the idle timeout.
private final class IdleCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
