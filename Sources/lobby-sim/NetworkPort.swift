import Foundation

/// The side of the simulator a controller's link reaches: a pseudo-terminal (a serial card) or
/// a TCP port on loopback (an Ethernet card). Closing it is how the simulator "unplugs the
/// cable".
protocol SimulatorPort: AnyObject {
    /// What to configure as `[link] endpoint`.
    var endpoint: String { get }
    /// Bytes the other side wrote, waiting up to `milliseconds`; empty when nobody is connected.
    func read(milliseconds: Int32) -> [UInt8]
    func write(_ bytes: [UInt8])
    func close()
    /// The card restarted: a network card's connections are gone (its TCP stack started
    /// afresh); a serial line does not notice.
    func restarted()
    /// The speed the other side set, for a serial line; `nil` for a network port.
    var lineSpeed: Int? { get }
}

extension SimulatorPort {
    func restarted() {}
    var lineSpeed: Int? { nil }
}

/// An Ethernet card's port on 127.0.0.1: one connection at a time, as the cards take it; a new
/// one replaces the old (a restarted lobbyd must get through while the old one lingers).
final class NetworkPort: SimulatorPort {
    private let listener: Int32
    private var client: Int32 = -1
    let port: UInt16

    var endpoint: String { "tcp://127.0.0.1:\(port)" }

    /// Listens on `port` of loopback only; 0 picks a free port (`endpoint` says which).
    init(port: UInt16) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        var on: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(INADDR_LOOPBACK).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard listener >= 0, bound == 0, listen(listener, 4) == 0 else {
            let reason = String(cString: strerror(errno))
            if listener >= 0 { Glibc.close(listener) }
            throw SimulatorError("cannot listen on 127.0.0.1:\(port): \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        self.port = UInt16(bigEndian: address.sin_port)
    }

    func read(milliseconds: Int32) -> [UInt8] {
        var polls = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
        if client >= 0 { polls.append(pollfd(fd: client, events: Int16(POLLIN), revents: 0)) }
        guard Glibc.poll(&polls, nfds_t(polls.count), milliseconds) > 0 else { return [] }
        if polls[0].revents != 0 {
            let accepted = accept(listener, nil, nil)
            if accepted >= 0 {
                _ = fcntl(accepted, F_SETFL, fcntl(accepted, F_GETFL) | O_NONBLOCK)
                _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
                if client >= 0 { Glibc.close(client) }
                client = accepted
            }
            return []
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(client, $0.baseAddress, $0.count) }
        if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
            // The link closed its end (lobbyd stopped, or reconnects).
            Glibc.close(client)
            client = -1
        }
        return count > 0 ? Array(buffer[..<count]) : []
    }

    func write(_ bytes: [UInt8]) {
        guard client >= 0 else { return }
        _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    func restarted() {
        if client >= 0 { Glibc.close(client) }
        client = -1
    }

    /// Unplugs: the connection drops, and nothing listens until a new `NetworkPort`.
    func close() {
        if client >= 0 { Glibc.close(client) }
        client = -1
        Glibc.close(listener)
    }
}
