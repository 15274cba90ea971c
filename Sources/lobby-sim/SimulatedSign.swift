import Foundation
import LobbyCore
import LobbyProtocol
import LobbyRender

/// The sign behind the pseudo-terminal: decodes strictly, keeps memory, answers reads, counts
/// every malformed or refused packet, and shows and records what it displays.
final class SimulatedSign {
    struct Faults {
        var muted = false
        var corruptBytes = 0
        var slowFactor = 1.0
    }

    var faults = Faults()
    private var decoder = AlphaDecoder()
    private var sign: AlphaSign
    private var shownPages: [UInt64] = []
    private(set) var malformed = 0
    private(set) var refused = 0
    private let options: SimulatorOptions
    private let recorder: FileHandle?
    private let start = Date()
    private var displayed = 0
    private var lastRotation = Date()
    private var clockRead = ContinuousClock.now
    /// When the last byte received so far has crossed the line (real line speed only).
    private var lineFreeAt = Date.distantPast
    private var pauseCheck = PicturePauseCheck()
    /// How long the simulated sign holds each page.
    static let holdSeconds = 4.0

    init(options: SimulatorOptions) throws {
        self.options = options
        sign = AlphaSign(memoryPool: options.memoryPool)
        if let record = options.record {
            _ = FileManager.default.createFile(atPath: record, contents: nil)
            recorder = FileHandle(forWritingAtPath: record)
        } else {
            recorder = nil
        }
        for directory in [options.dump, options.png].compactMap({ $0 }) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }

    /// Handles bytes from the wire; returns the answer to send back, if any.
    func receive(_ incoming: [UInt8]) -> [UInt8] {
        var bytes = incoming
        for index in bytes.indices where faults.corruptBytes > 0 {
            bytes[index] ^= 0x5A
            faults.corruptBytes -= 1
        }
        record(bytes)
        if options.baud > 0 {
            // The wire's own pace at the configured speed, framed 8N1 as the signs are.
            var line = Configuration.Serial()
            line.baud = options.baud
            let byteSeconds = line.wireSeconds(bytes: 1) * faults.slowFactor
            // When each byte reaches the sign: one after another from when the line was free.
            let start = max(Date(), lineFreeAt)
            for (offset, byte) in bytes.enumerated() {
                if let gap = pauseCheck.feed(byte, at: start.addingTimeInterval(Double(offset + 1) * byteSeconds)) {
                    refused += 1
                    say(
                        "refused a picture whose rows came \(Int(gap * 1000)) ms after its size; the sign needs \(Transmission.pause)"
                    )
                }
            }
            lineFreeAt = start.addingTimeInterval(Double(bytes.count) * byteSeconds)
            usleep(UInt32(max(0, lineFreeAt.timeIntervalSinceNow) * 1_000_000))
        }
        var answer: [UInt8] = []
        for output in decoder.feed(bytes) {
            switch output {
            case .malformed(let reason):
                malformed += 1
                sign.noteDamagedPacket()
                say("malformed \(reason)")
            case .packet(let packet):
                do {
                    if let reply = try sign.apply(packet), !faults.muted { answer += reply }
                    sayClock(packet)
                } catch {
                    refused += 1
                    say("refused \(error.description)")
                }
            }
        }
        showIfChanged()
        return answer
    }

    /// Says when the clock was set: `clock HH:MM`, then `weekday N` (1 Sunday … 7 Saturday).
    private func sayClock(_ packet: AlphaPacket) {
        guard packet.command == AlphaConstants.Command.writeSpecial else { return }
        switch packet.data.first {
        case AlphaConstants.Special.timeOfDay:
            say(String(format: "clock %02d:%02d", sign.clock.hour, sign.clock.minute))
        case AlphaConstants.Special.dayOfWeek: say("weekday \(sign.weekday)")
        default: break
        }
    }

    /// Runs the sign's clock on to now.
    func passTime() {
        let now = ContinuousClock.now
        sign.passTime(seconds: (now - clockRead).inSeconds)
        clockRead = now
    }

    func powerCycle() {
        sign.powerCycle()
        decoder = AlphaDecoder()
        say("power-cycled")
        showIfChanged()
    }

    /// Machine-readable lines on stdout (tests wait on them) unless drawing for a person.
    func say(_ line: String) {
        FileHandle.standardOutput.write(Data("lobby-sim: \(line)\n".utf8))
    }

    private func showIfChanged() {
        let pages = sign.pages
        let hashes = pages.map(\.contentHash)
        guard hashes != shownPages else { return }
        shownPages = hashes
        // AtomicFile, not Data.write(options: .atomic): Foundation on Linux leaves a
        // TemporaryDirectory.* in /tmp behind every such write.
        if let dump = options.dump {
            for (index, page) in pages.enumerated() {
                try? AtomicFile.write(page.pbm(), to: "\(dump)/page-\(index + 1).pbm")
            }
        }
        if let png = options.png {
            for (index, page) in pages.enumerated() {
                try? AtomicFile.write(page.panelPicture().encoded(), to: "\(png)/page-\(index + 1).png")
            }
        }
        say("pages \(pages.count)" + hashes.map { " " + String($0, radix: 16) }.joined())
        displayed = 0
        lastRotation = Date()
        draw()
    }

    /// Moves to the next page after the hold time, as the sign's run sequence does.
    func rotate() {
        guard options.draw, shownPages.count > 1, Date().timeIntervalSince(lastRotation) >= Self.holdSeconds else {
            return
        }
        displayed = (displayed + 1) % shownPages.count
        lastRotation = Date()
        draw()
    }

    private func draw() {
        guard options.draw else { return }
        let pages = sign.pages
        let terminal = isatty(STDOUT_FILENO) == 1
        var text = terminal ? "\u{1B}[H\u{1B}[2J" : ""
        if pages.isEmpty {
            text += "[panel dark]\n"
        } else {
            text += "[page \(displayed + 1) of \(pages.count)]\n" + pages[displayed].terminalPreview(colors: terminal)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func record(_ bytes: [UInt8]) {
        guard let recorder else { return }
        let hex = bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
        recorder.write(Data(String(format: "%.3f %@\n", Date().timeIntervalSince(start), hex).utf8))
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
            let gap = time.timeIntervalSince(since)
            if gap < Transmission.pause.inSeconds { return gap }
        }
        return nil
    }
}
