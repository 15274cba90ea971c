import Foundation
import LobbyCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The control socket: a SwiftNIO server on a Unix stream socket speaking JSON Lines (gpsd
/// style). Bound before the daemon reports ready.
///
/// Each connection is an `NIOAsyncChannel` served by a task of its own (`ControlConnection`),
/// which answers its lines in order: `status` from memory, everything that touches the disk on
/// NIO's thread pool. Bounded in every direction: a line longer than 64 KiB is answered with an
/// error and the connection closed; a client silent for the idle timeout is disconnected unless
/// it watches or waits for an answer; a client that does not read its replies is not read
/// either (back-pressure: at most `ControlProtocol.maximumQueuedRequests` lines are read ahead);
/// a watcher that stops reading is told so and dropped; connections and watchers are capped,
/// in all and per user (`ControlLimits`).
public struct ControlServer: Service {
    private typealias Connection = (
        channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, caller: Caller, activity: ControlActivity
    )
    private let server: NIOAsyncChannel<Connection, Never>
    private let center: ControlCenter
    private let limits = ControlLimits()

    /// Binds `path`, replacing a stale socket file (the instance lock proves it is stale), with
    /// the configured mode and group.
    public static func bind(
        path: String, control: Configuration.Control, center: ControlCenter, group: EventLoopGroup
    ) async throws -> ControlServer {
        let idle = TimeAmount.seconds(Int64(control.idleTimeoutSeconds))
        let operators = control.operatorsGroup
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 16 * 1024, high: 256 * 1024))
            // A client may send its requests and shut down its side (`printf … | socat`):
            // the replies still go out before the connection closes.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
                peerCredentials(of: channel).flatMapThrowing { credentials -> Connection in
                    let caller = Caller.resolve(uid: credentials.uid, gid: credentials.gid, operatorsGroup: operators)
                    let activity = ControlActivity()
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(ByteToMessageHandler(ControlLineDecoder()))
                    try pipeline.addHandler(IdleStateHandler(readTimeout: idle))
                    try pipeline.addHandler(ControlIdleCloser(activity: activity))
                    let connection = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(
                            backPressureStrategy: .init(
                                lowWatermark: 2, highWatermark: ControlProtocol.maximumQueuedRequests),
                            isOutboundHalfClosureEnabled: true))
                    return (connection, caller, activity)
                }
            }
        try setOwnership(path: path, control: control)
        return ControlServer(server: server, center: center)
    }

    private init(server: NIOAsyncChannel<Connection, Never>, center: ControlCenter) {
        self.server = server
        self.center = center
    }

    /// Accepts connections until the service group shuts down, then closes the socket and every
    /// connection (their tasks are cancelled).
    public func run() async throws {
        let (center, limits) = (self.center, self.limits)
        _ = try? await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                try? await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask {
                            await ControlConnection(
                                channel: connection.channel, caller: connection.caller, activity: connection.activity,
                                center: center, limits: limits, pool: .singleton
                            ).serve()
                        }
                    }
                }
                group.cancelAll()
            }
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
            throw LobbyDaemonError.cannotStart(
                Messages.Daemon.cannotSetMode(path, Messages.System.error(errno).description).description)
        }
        if let group = UserDatabase.groupID(named: control.operatorsGroup) {
            if chown(path, uid_t.max, group) != 0 {
                Logger(label: "lobbyd.control").warning(
                    "\(Messages.Daemon.cannotChown(path, group: control.operatorsGroup, Messages.System.error(errno).description))"
                )
            }
        } else {
            Logger(label: "lobbyd.control").warning(
                "\(Messages.Daemon.noGroup(control.operatorsGroup, path: path))")
        }
    }
}

/// Linux's `struct ucred`, which Swift's Glibc module hides (it needs _GNU_SOURCE): same layout.
private struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
