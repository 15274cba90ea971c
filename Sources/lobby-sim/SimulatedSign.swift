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
    /// A wrong line speed already said (`receive`), so that it is said once per speed.
    private var reportedSpeed: Int?
    private var card: any SimulatedCard
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
    /// How long the simulated sign holds each page.
    static let holdSeconds = 4.0

    init(options: SimulatorOptions) throws {
        self.options = options
        card = options.protocol.card(options)
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
    func receive(_ incoming: [UInt8], lineSpeed: Int? = nil) {
        var bytes = incoming
        if options.baud > 0, let lineSpeed, lineSpeed != options.baud, !bytes.isEmpty {
            // A UART at the wrong speed reads framing errors, not the bytes sent: garbage.
            if reportedSpeed != lineSpeed {
                reportedSpeed = lineSpeed
                say("line speed \(lineSpeed) baud, the sign runs at \(options.baud): it reads garbage")
            }
            bytes = bytes.map { ($0 &* 0x9D) ^ 0xC3 }
        }
        for index in bytes.indices where faults.corruptBytes > 0 {
            bytes[index] ^= 0x5A
            faults.corruptBytes -= 1
        }
        record(bytes)
        var arrival: ((Int) -> Date)?
        if options.baud > 0 {
            // The wire's own pace at the configured speed, framed 8N1 as the signs are: each
            // byte reaches the sign one after another from when the line was free.
            var line = Configuration.Serial()
            line.baud = options.baud
            let byteSeconds = line.wireSeconds(bytes: 1) * faults.slowFactor
            let start = max(Date(), lineFreeAt)
            arrival = { start.addingTimeInterval(Double($0 + 1) * byteSeconds) }
            lineFreeAt = start.addingTimeInterval(Double(bytes.count) * byteSeconds)
            usleep(UInt32(max(0, lineFreeAt.timeIntervalSinceNow) * 1_000_000))
        }
        for event in card.receive(bytes, arrival: arrival) {
            switch event {
            case .malformed(let reason, let reply):
                malformed += 1
                say("malformed \(reason)")
                record(comment: "malformed \(reason)")
                queue(reply)
            case .refused(let reason, let reply):
                refused += 1
                say("refused \(reason)")
                record(comment: "refused \(reason)")
                queue(reply)
            case .handled(let reply, let writesMemory, let notable):
                // Handling takes the sign time (at real line speed only), one packet after
                // another from when each has arrived; an answer goes when its read is handled.
                if options.baud > 0 {
                    let milliseconds = writesMemory ? options.pictureMilliseconds : options.packetMilliseconds
                    busyUntil = max(busyUntil, lineFreeAt).addingTimeInterval(Double(milliseconds) / 1000)
                }
                queue(reply)
                if let notable { say(notable) }
            }
        }
        showIfChanged()
    }

    /// An answer, sent once the sign has handled everything received before it (unless muted).
    private func queue(_ reply: [UInt8]?) {
        if let reply, !faults.muted { answers.append((max(busyUntil, Date()), reply)) }
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

    /// Runs the sign's clock on to now.
    func passTime() {
        let now = ContinuousClock.now
        card.passTime(seconds: (now - clockRead).inSeconds)
        clockRead = now
    }

    func powerCycle() {
        card.powerCycle()
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
        let pages = card.pages
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
        let pages = card.pages
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
