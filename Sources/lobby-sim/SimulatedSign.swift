import Foundation
import LobbyCore
import LobbyProtocol
import LobbyRender
import LobbySimulation

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
    /// When the sign will have handled every packet received so far (real line speed only).
    private var busyUntil = Date.distantPast
    /// Answers waiting for their reads to be handled.
    private var answers: [(due: Date, bytes: [UInt8])] = []
    private var pauseCheck = PicturePauseCheck()
    /// Pictures whose rows came too soon after their size, by how many seconds: each is lost
    /// when its packet completes.
    private var tooSoon: [Double] = []
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

    /// Handles bytes from the wire. Answers wait until the sign has handled everything before
    /// them (`dueAnswers`).
    func receive(_ incoming: [UInt8]) {
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
                    // The sign was still preparing the picture's memory: the rows overran its
                    // buffer, and the picture is lost.
                    tooSoon.append(gap)
                }
            }
            lineFreeAt = start.addingTimeInterval(Double(bytes.count) * byteSeconds)
            usleep(UInt32(max(0, lineFreeAt.timeIntervalSinceNow) * 1_000_000))
        }
        for output in decoder.feed(bytes) {
            switch output {
            case .malformed(let reason):
                malformed += 1
                sign.noteDamagedPacket()
                say("malformed \(reason)")
                record(comment: "malformed \(reason)")
            case .packet(let packet)
            where packet.command == AlphaConstants.Command.writeLargePicture && !tooSoon.isEmpty:
                let gap = tooSoon.removeFirst()
                refused += 1
                sign.noteOverrun()
                let reason =
                    "refused a picture whose rows came \(Int(gap * 1000)) ms after its size; the sign needs \(Transmission.pause)"
                say(reason)
                record(comment: reason)
            case .packet(let packet):
                do {
                    let reply = try sign.apply(packet)
                    // Handling takes the sign time (at real line speed only), one packet after
                    // another from when each has arrived; an answer goes when its read is handled.
                    if options.baud > 0 {
                        busyUntil =
                            max(busyUntil, lineFreeAt).addingTimeInterval(Double(processingMilliseconds(packet)) / 1000)
                    }
                    if let reply, !faults.muted { answers.append((max(busyUntil, Date()), reply)) }
                    sayNotable(packet)
                } catch {
                    refused += 1
                    say("refused \(error.description)")
                    record(comment: "refused \(error.description)")
                }
            }
        }
        showIfChanged()
    }

    /// Answers still being prepared are lost (the cable is out, or the power).
    func dropAnswers() {
        answers = []
        busyUntil = .distantPast
    }

    /// The answers whose reads the sign has handled by now, in order.
    func dueAnswers() -> [UInt8] {
        let now = Date()
        let due = answers.prefix { $0.due <= now }
        answers.removeFirst(due.count)
        return due.flatMap(\.bytes)
    }

    /// How long the sign takes to handle `packet`: longer for a picture or a memory table, which
    /// it writes into its memory (our assumption; the protocol document gives no figures).
    private func processingMilliseconds(_ packet: AlphaPacket) -> Int {
        let writesMemory =
            packet.command == AlphaConstants.Command.writeLargePicture
            || (packet.command == AlphaConstants.Command.writeSpecial
                && [AlphaConstants.Special.memoryConfiguration, AlphaConstants.Special.largePictureTable].contains(
                    packet.data.first ?? 0))
        return writesMemory ? options.pictureMilliseconds : options.packetMilliseconds
    }

    /// Says when a STRING file was written (`string # TEXT`: lobbyd's manifest), the memory
    /// table written (`memory table`, which erases the sign) and the clock set: `clock HH:MM`,
    /// then `weekday N` (1 Sunday … 7 Saturday).
    private func sayNotable(_ packet: AlphaPacket) {
        if packet.command == AlphaConstants.Command.writeString, let label = packet.data.first {
            let text = String(decoding: packet.data.dropFirst().filter { $0 >= 0x20 && $0 < 0x7F }, as: UTF8.self)
            say("string \(Character(UnicodeScalar(label))) \(text)")
        }
        guard packet.command == AlphaConstants.Command.writeSpecial else { return }
        switch packet.data.first {
        case AlphaConstants.Special.memoryConfiguration: say("memory table")
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
        pauseCheck = PicturePauseCheck()
        tooSoon = []
        dropAnswers()
        say("power-cycled")
        showIfChanged()
    }

    /// Machine-readable lines on stdout (tests wait on them), or in `--log` when a person
    /// watches the panel.
    func say(_ line: String) {
        let data = Data("lobby-sim: \(line)\n".utf8)
        if let log = options.log, let handle = FileHandle(forWritingAtPath: log) ?? Self.create(log) {
            handle.seekToEndOfFile()
            handle.write(data)
            try? handle.close()
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    private static func create(_ path: String) -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
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
        var lines: [String]
        if pages.isEmpty {
            lines = ["[panel dark]"]
        } else {
            lines =
                ["[page \(displayed + 1) of \(pages.count)]"]
                + pages[displayed].terminalPreview(colors: terminal).split(separator: "\n").map(String.init)
        }
        // Wider than the terminal: the left part, and where the whole page is.
        let columns = Self.terminalColumns()
        if terminal, let columns, let widest = lines.map(Self.visibleWidth).max(), widest > columns {
            lines = lines.map { Self.cropped($0, to: columns) }
            lines.append(
                "[\(widest) columns, this terminal shows \(columns)"
                    + (options.png.map { "; whole pages: \($0)/page-N.png]" } ?? "]"))
        }
        let text: String
        if terminal, let row = options.drawRow {
            // In place from `row`, each line cleared to its end, the rest of the screen kept.
            text =
                "\u{1B}7" + lines.enumerated().map { "\u{1B}[\(row + $0.offset);1H\u{1B}[K\($0.element)" }.joined()
                + "\u{1B}[\(row + lines.count);1H\u{1B}[J\u{1B}8"
        } else {
            text = (terminal ? "\u{1B}[H\u{1B}[2J" : "") + lines.joined(separator: "\n") + "\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private static func terminalColumns() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Columns a line takes, its colour escapes not counted.
    private static func visibleWidth(_ line: String) -> Int {
        line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).count
    }

    /// The first `columns` visible characters, escapes kept, colour reset at the end.
    private static func cropped(_ line: String, to columns: Int) -> String {
        var result = ""
        var visible = 0
        var escape = false
        for character in line {
            if character == "\u{1B}" { escape = true }
            if escape {
                result.append(character)
                if character == "m" { escape = false }
                continue
            }
            guard visible < columns else { continue }
            result.append(character)
            visible += 1
        }
        return result + (line.contains("\u{1B}") ? "\u{1B}[0m" : "")
    }

    /// A line per read: seconds since start, then the bytes in hex.
    private func record(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        record(line: bytes.map { String(format: "%02X", $0) }.joined(separator: " "))
    }

    /// A line per refusal or damaged packet: seconds since start, `#`, what the sign said.
    private func record(comment: String) {
        record(line: "# " + comment)
    }

    private func record(line: String) {
        recorder?.write(Data(String(format: "%.3f %@\n", Date().timeIntervalSince(start), line).utf8))
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
