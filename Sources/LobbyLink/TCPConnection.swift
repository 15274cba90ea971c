import Foundation
import LobbyCore

extension DescriptorTransport {
    /// A TCP connection to a network card (`tcp://HOST:PORT`), non-blocking, opened within
    /// `timeout`: each address the name resolves to is tried in turn. Keepalive is on, and
    /// Nagle off (a probe is a few bytes that should leave at once).
    static func connect(path: String, host: String, port: UInt16, timeout: Duration) throws(LinkError)
        -> DescriptorTransport
    {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found else {
            throw .cannotOpen(path: path, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        let deadline = ContinuousClock.now + timeout
        var failure = ECONNREFUSED
        for address in sequence(first: first, next: { $0.pointee.ai_next }) {
            let info = address.pointee
            let descriptor = socket(
                info.ai_family, info.ai_socktype | Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else {
                failure = errno
                continue
            }
            if let code = finishConnect(descriptor, to: info, by: deadline) {
                failure = code
                Glibc.close(descriptor)
                continue
            }
            var on: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_KEEPALIVE, &on, socklen_t(MemoryLayout<Int32>.size))
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            return DescriptorTransport(path: path, descriptor: descriptor)
        }
        var reason = Messages.System.error(failure).description
        // What systemd's sandbox does to a socket: no such family, no route, refused by policy.
        if [EAFNOSUPPORT, ENETUNREACH, EPERM].contains(failure) { reason += Messages.Link.noNetworkInUnit.description }
        throw .cannotOpen(path: path, reason: reason)
    }

    /// Connects `descriptor`, waiting until `deadline`; the errno it failed with, `nil` when it
    /// did not.
    private static func finishConnect(_ descriptor: Int32, to info: addrinfo, by deadline: ContinuousClock.Instant)
        -> Int32?
    {
        if Glibc.connect(descriptor, info.ai_addr, info.ai_addrlen) == 0 { return nil }
        guard errno == EINPROGRESS else { return errno }
        var poll = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        let left = max(0, Int32(clamping: (deadline - ContinuousClock.now).milliseconds))
        guard Glibc.poll(&poll, 1, left) > 0 else { return ETIMEDOUT }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == 0 ? nil : error
    }
}
