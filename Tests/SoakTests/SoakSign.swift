import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender
import LobbySimulation

/// The hall's sign in the soak: the strict `AlphaSign` model that lobby-sim is built on, behind
/// a cable that can be pulled and a power supply that can be cut. The link reaches it through
/// `open`, which hands out a `SoakPort`; pulling the cable kills that port for good, as a
/// vanished USB adapter does, and the link must open a new one.
///
/// Used from the soak's one thread only.
final class SoakSign: @unchecked Sendable {
    let time: VirtualTime
    private var sign = AlphaSign()
    private var decoder = AlphaDecoder()
    /// Bumped by every pull, so that ports opened before it stay dead.
    private var cable = 0
    private var replies: [UInt8] = []
    private var clockRead: Duration = .zero
    private var hashes: (version: Int, value: [UInt64]) = (-1, [])
    private(set) var isPlugged = true
    private(set) var isPowered = true
    /// Malformed or refused packets: an encoder bug, which a real sign would ignore silently.
    private(set) var complaints: [String] = []
    private(set) var bytesReceived = 0
    /// Memory tables written: one per full re-sync, which erases the sign and sends every page.
    private(set) var resyncs = 0
    /// Changes whenever what the sign shows may have changed.
    private(set) var version = 0

    init(time: VirtualTime) {
        self.time = time
    }

    func open(path: String) throws(LinkError) -> any Transport {
        guard isPlugged else { throw .cannotOpen(path: path, reason: "No such file or directory") }
        return SoakPort(path: path, sign: self, cable: cable)
    }

    func pullCable() {
        isPlugged = false
        cable += 1
    }

    func plugCable() { isPlugged = true }

    /// The sign goes dark and forgets its memory and its clock.
    func cutPower() {
        isPowered = false
        sign.powerCycle()
        decoder = AlphaDecoder()
        replies = []
        version += 1
    }

    func restorePower() {
        isPowered = true
        clockRead = time.elapsed
    }

    /// Runs the sign's clock on to the soak's present.
    func passTime() {
        let now = time.elapsed
        if isPowered { sign.passTime(seconds: (now - clockRead).inSeconds) }
        clockRead = now
    }

    var isLit: Bool { isPowered && !sign.pages.isEmpty }

    /// The sign's time of day in seconds (`AlphaSign.secondOfDay`).
    var secondOfDay: Double { sign.secondOfDay }

    /// The content hash of each page the sign shows, in order.
    var pageHashes: [UInt64] {
        if hashes.version != version { hashes = (version, isPowered ? sign.pages.map(\.contentHash) : []) }
        return hashes.value
    }

    fileprivate func isConnected(_ port: Int) -> Bool { isPlugged && port == cable }

    fileprivate func receive(_ bytes: [UInt8]) {
        guard isPowered else { return }
        passTime()  // the clock runs up to now before a packet sets it
        bytesReceived += bytes.count
        for output in decoder.feed(bytes) {
            switch output {
            case .malformed(let reason):
                complaints.append("malformed: \(reason)")
            case .packet(let packet):
                if packet.command == AlphaConstants.Command.writeSpecial,
                    packet.data.first == AlphaConstants.Special.memoryConfiguration
                {
                    resyncs += 1
                }
                do {
                    if let reply = try sign.apply(packet) { replies += reply }
                } catch {
                    complaints.append("refused: \(error)")
                }
            }
        }
        version += 1
    }

    fileprivate func takeReplies() -> [UInt8] {
        defer { replies = [] }
        return replies
    }
}

/// An open port to the soak's sign. Nothing blocks: a read that finds nothing lets the virtual
/// time it would have waited pass, as the real read would.
final class SoakPort: Transport {
    let path: String
    private let sign: SoakSign
    private let cable: Int
    private var isClosed = false

    init(path: String, sign: SoakSign, cable: Int) {
        (self.path, self.sign, self.cable) = (path, sign, cable)
    }

    func write(_ bytes: [UInt8], timeout: Duration) throws(LinkError) {
        guard !isClosed, sign.isConnected(cable) else {
            throw .writeFailed(path: path, reason: "Input/output error (the cable was pulled)")
        }
        sign.receive(bytes)
    }

    func read(timeout: Duration) throws(LinkError) -> [UInt8] {
        guard !isClosed, sign.isConnected(cable) else {
            throw .readFailed(path: path, reason: "the device is gone (the cable was pulled)")
        }
        let replies = sign.takeReplies()
        if replies.isEmpty { sign.time.advance(by: timeout) }
        return replies
    }

    var pollDescriptor: Int32? { nil }

    func setControlLine(_ line: ControlLine, active: Bool) throws(LinkError) {}

    func close() { isClosed = true }
}
