import Foundation
import LobbyProtocol
import LobbyRender
import LobbySimulation

/// lobby-sim's Alpha sign: `AlphaDecoder` in front of the `AlphaSign` model, and the pause a
/// large picture needs after its size (protocol-docs/alpha.md), which only the byte times show.
struct AlphaCard: SimulatedCard {
    private var decoder = AlphaDecoder()
    private var sign: AlphaSign
    private var pauseCheck = PicturePauseCheck()
    /// Pictures whose rows came too soon after their size, by how many seconds: each is lost
    /// when its packet completes.
    private var tooSoon: [Double] = []

    init(memoryPool: Int) {
        sign = AlphaSign(memoryPool: memoryPool)
    }

    var pages: [Frame] { sign.pages }

    mutating func receive(_ bytes: [UInt8], arrival: ((Int) -> Date)?) -> [CardEvent] {
        if let arrival {
            for (offset, byte) in bytes.enumerated() {
                // The sign was still preparing the picture's memory: the rows overran its
                // buffer, and the picture is lost.
                if let gap = pauseCheck.feed(byte, at: arrival(offset)) { tooSoon.append(gap) }
            }
        }
        return decoder.feed(bytes).map { output in
            switch output {
            case .malformed(let reason):
                sign.noteDamagedPacket()
                return .malformed("\(reason)")
            case .packet(let packet)
            where packet.command == AlphaConstants.Command.writeLargePicture && !tooSoon.isEmpty:
                let gap = tooSoon.removeFirst()
                sign.noteOverrun()
                return .refused(
                    "a picture whose rows came \(Int(gap * 1000)) ms after its size; the sign needs \(Transmission.pause)"
                )
            case .packet(let packet):
                do {
                    let reply = try sign.apply(packet)
                    return .handled(reply: reply, writesMemory: Self.writesMemory(packet), notable: notable(packet))
                } catch {
                    return .refused("\(error)")
                }
            }
        }
    }

    mutating func passTime(seconds: Double) {
        sign.passTime(seconds: seconds)
    }

    mutating func powerCycle() {
        sign.powerCycle()
        decoder = AlphaDecoder()
        pauseCheck = PicturePauseCheck()
        tooSoon = []
    }

    /// A picture or a memory table, which the sign writes into its memory: slower to handle
    /// (our assumption; the protocol document gives no figures).
    private static func writesMemory(_ packet: AlphaPacket) -> Bool {
        packet.command == AlphaConstants.Command.writeLargePicture
            || (packet.command == AlphaConstants.Command.writeSpecial
                && [AlphaConstants.Special.memoryConfiguration, AlphaConstants.Special.largePictureTable].contains(
                    packet.data.first ?? 0))
    }

    /// A STRING file written (`string # TEXT`: lobbyd's manifest), the memory table written
    /// (`memory table`, which erases the sign) and the clock set: `clock HH:MM`, then
    /// `weekday N` (1 Sunday … 7 Saturday).
    private func notable(_ packet: AlphaPacket) -> String? {
        if packet.command == AlphaConstants.Command.writeString, let label = packet.data.first {
            let text = String(decoding: packet.data.dropFirst().filter { $0 >= 0x20 && $0 < 0x7F }, as: UTF8.self)
            return "string \(Character(UnicodeScalar(label))) \(text)"
        }
        guard packet.command == AlphaConstants.Command.writeSpecial else { return nil }
        switch packet.data.first {
        case AlphaConstants.Special.memoryConfiguration: return "memory table"
        case AlphaConstants.Special.timeOfDay:
            return String(format: "clock %02d:%02d", sign.clock.hour, sign.clock.minute)
        case AlphaConstants.Special.dayOfWeek: return "weekday \(sign.weekday)"
        default: return nil
        }
    }
}

/// The pause a large DOTS picture needs after its size digits (protocol-docs/alpha.md): follows
/// the byte stream and reports rows that arrive sooner than `Transmission.pause` after them.
struct PicturePauseCheck {
    private enum State {
        case idle, afterSTX
        /// Inside `M`: how many of the name and the eight size digits have come.
        case header(Int)
        /// The size is complete; the rows may start `Transmission.pause` after `since`.
        case waiting(since: Date)
    }

    private var state = State.idle

    /// Feeds one byte, arrived at `time`; returns the gap in seconds when it came too soon.
    mutating func feed(_ byte: UInt8, at time: Date) -> Double? {
        switch state {
        case .idle:
            if byte == AlphaConstants.stx { state = .afterSTX }
        case .afterSTX:
            state =
                byte == AlphaConstants.Command.writeLargePicture
                ? .header(0) : byte == AlphaConstants.stx ? .afterSTX : .idle
        case .header(let count):
            state =
                count + 1 == AlphaConstants.pictureNameLength + 8 ? .waiting(since: time) : .header(count + 1)
        case .waiting(let since):
            state = .idle
            // A NUL or SOH is the next packet, not rows: the picture was cut short (a stop, a
            // pulled cable), which the decoder reports as such.
            guard byte != AlphaConstants.nul, byte != AlphaConstants.soh else { return nil }
            let gap = time.timeIntervalSince(since)
            if gap < Transmission.pause.inSeconds { return gap }
        }
        return nil
    }
}
