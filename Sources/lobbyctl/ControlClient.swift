import ArgumentParser
import Foundation
import LobbyCore

/// Options of every command that talks to the running daemon.
struct ControlOptions: ParsableArguments {
    @Option(help: Messages.Help.socket.argument)
    var socket = Configuration().paths.controlSocket

    @Flag(help: Messages.Help.json.argument)
    var json = false

    @Option(help: Messages.Help.timeout.argument)
    var timeout = 120

    /// With `--json` the replies' words are English whatever the language: scripts read the
    /// same text from every hall and every shell.
    func connect() throws -> ControlClient {
        var client = try ControlClient.connect(path: socket, patience: max(1, timeout))
        if json { client.replyLanguage = .english }
        return client
    }

    /// Sends `request` (over `client`, or a new connection) and decodes the reply; with `--json`
    /// prints the reply as it came instead and returns `nil`.
    func ask<Reply: Decodable>(_ request: ControlRequest, as type: Reply.Type, over client: ControlClient? = nil)
        throws -> Reply?
    {
        var client = try client ?? connect()
        let reply = try client.request(request)
        if json {
            print(String(decoding: reply, as: UTF8.self))
            return nil
        }
        return try ControlCoding.decode(type, from: reply)
    }

    /// Sends a change and prints lobbyd's `DONE` message (its JSON with `--json`).
    func change(_ request: ControlRequest, over client: ControlClient? = nil) throws {
        if let done = try ask(request, as: DoneReply.self, over: client) { print(done.message) }
    }
}

/// A blocking client for the control socket: one request, one reply line (or a stream of them
/// for `watch`). Failures end the command with the documented exit status and a message that
/// says what to do.
struct ControlClient {
    private let descriptor: Int32
    private let path: String
    /// Seconds lobbyd may take to greet or answer one request (`--timeout`).
    private let patience: Int
    private var pending: [UInt8] = []
    /// The language lobbyd is asked to answer in; `nil`: this run's.
    var replyLanguage: Language?

    static func connect(path: String, patience: Int) throws -> ControlClient {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw failure("lobbyctl: \(Messages.Console.noSocket(Messages.System.error(errno).description))")
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(descriptor)
            throw failure("lobbyctl: \(Messages.Console.socketPathTooLong(path))")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            let hint =
                switch code {
                case EACCES: Messages.Console.askForGroup.description
                case ENOENT, ECONNREFUSED: Messages.Console.isItRunning.description
                default: Messages.System.error(code).description
                }
            throw failure("lobbyctl: \(Messages.Console.cannotConnect(path, hint))")
        }
        var client = ControlClient(descriptor: descriptor, path: path, patience: patience)
        let greeting = try client.answer()
        if let greeting, ControlCoding.replyClass(of: greeting) == "ERROR",
            let refusal = try? ControlCoding.decode(ErrorReply.self, from: greeting)
        {
            throw failure("lobbyctl: \(Messages.Console.connectionRefused(path, refusal.message))")
        }
        guard let greeting, ControlCoding.replyClass(of: greeting) == "VERSION" else {
            throw failure("lobbyctl: \(Messages.Console.notLobbyd(path))")
        }
        let version = try? ControlCoding.decode(VersionReply.self, from: greeting)
        if !LanguageOption.isExplicit, let hall = version?.language.flatMap(Language.init(rawValue:)) {
            Language.current = hall
        }
        if let version, version.proto != ControlProtocol.version {
            Console.error(
                "lobbyctl: \(Messages.Console.protocolMismatch(version.release, version.proto, ControlProtocol.version))"
            )
        }
        return client
    }

    /// Sends one request and returns the reply line. An `ERROR` reply ends the command with exit
    /// status 3 and the daemon's message.
    mutating func request(_ request: ControlRequest) throws -> [UInt8] {
        try send(request)
        guard let reply = try answer() else { throw Self.failure("lobbyctl: \(Messages.Console.closed)") }
        if ControlCoding.replyClass(of: reply) == "ERROR" {
            let message =
                (try? ControlCoding.decode(ErrorReply.self, from: reply))?.message
                ?? Messages.Console.refused.description
            Console.error("lobbyctl: \(Messages.Console.daemonSays(message))")
            throw ExitCode(ExitStatus.refused)
        }
        return reply
    }

    /// Sends one request, asking for the reply in this run's language.
    func send(_ request: ControlRequest) throws {
        let line = request.line(replyIn: replyLanguage ?? Language.current)
        var offset = 0
        while offset < line.count {
            let count = line[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw Self.failure("lobbyctl: \(Messages.Console.lost(path))") }
            offset += count
        }
    }

    /// More than any reply lobbyd writes (`playlists` with every chain is well under a megabyte).
    static let longestLine = 64 << 20

    /// The next line without its newline, or `nil` when the daemon closed the connection; an
    /// error after `patience` seconds without one: a program that accepts and never answers must
    /// not hold a cron job or a monitoring check for ever.
    mutating func answer() throws -> [UInt8]? {
        guard let line = try readLine(timeout: Double(patience)) else {
            throw Self.failure("lobbyctl: \(Messages.Console.noAnswer(path, seconds: patience))")
        }
        return line
    }

    /// The next line, given up on when it is not whole within `timeout` seconds (a program that
    /// sends a byte now and then holds no one either): the outer `nil` means time ran out, the
    /// inner `nil` that the daemon closed the connection. A line longer than lobbyd ever writes
    /// is an error.
    mutating func readLine(timeout: Double?) throws -> [UInt8]?? {
        let deadline = timeout.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = Array(pending[..<newline])
                pending.removeFirst(newline + 1)
                return .some(line)
            }
            guard pending.count <= Self.longestLine else {
                throw Self.failure("lobbyctl: \(Messages.Console.notLobbyd(path))")
            }
            if let deadline {
                let left = deadline - ContinuousClock.now
                var poll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                if left <= .zero || Glibc.poll(&poll, 1, Int32(clamping: max(1, left.milliseconds))) == 0 { return nil }
            }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return .some(nil) }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw Self.failure("lobbyctl: \(Messages.Console.reading(Messages.System.error(errno).description))")
            }
            pending += buffer[..<count]
        }
    }

    private static func failure(_ message: String) -> ExitCode {
        Console.error(message)
        return ExitCode(ExitStatus.failure)
    }
}
