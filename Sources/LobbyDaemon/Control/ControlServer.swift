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
/// is told so and dropped; connections, watchers and requests queued per client are capped
/// (`ControlProtocol`), and a client that does not read its replies is not answered further
/// until it does.
public struct ControlServer: Service {
    private let channel: Channel

    /// Binds `path`, replacing a stale socket file (the instance lock proves it is stale), with
    /// the configured mode and group.
    public static func bind(
        path: String, control: Configuration.Control, center: ControlCenter, group: EventLoopGroup
    ) async throws -> ControlServer {
        let idle = TimeAmount.seconds(Int64(control.idleTimeoutSeconds))
        let operators = control.operatorsGroup
        let limits = ControlLimits()
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
                    try pipeline.addHandler(
                        ControlHandler(center: center, caller: caller, pool: .singleton, limits: limits))
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
