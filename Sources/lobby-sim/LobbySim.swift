import ArgumentParser
import Foundation
import LobbyCore
import LobbyProtocol
import LobbySimulation

/// Options of one simulator run.
struct SimulatorOptions {
    var `protocol`: SimulatedProtocol
    /// The Onbon card's model, panel and colours (its screen parameters, set with LedshowTW).
    var model: OnbonCardModel
    var panel: (width: Int, height: Int)
    var tricolor: Bool
    var baud: Int
    var record: String?
    var png: String?
    var dump: String?
    var draw: Bool
    /// The terminal row the panel is drawn at, in place (the lines above stay); `nil` clears
    /// the screen for each page.
    var drawRow: Int?
    /// Where the machine-readable lines go instead of standard output.
    var log: String?
    var memoryPool: Int
    /// How long the sign takes to handle a packet, and a picture or memory table (at real line
    /// speed only; `--baud 0` handles everything at once). Defaults: `LobbySim`'s options.
    var packetMilliseconds: Int
    var pictureMilliseconds: Int
}

/// `lobby-sim`: a simulated hall sign (Alpha, or an Onbon BX card) on a pseudo-terminal, for
/// the demo, the tests and a technician without hardware. Faults are injected with lines written to the
/// `--control` FIFO: `unplug SECONDS`, `power-cycle`, `mute on|off`, `corrupt BYTES`, `slow FACTOR`.
@main
struct LobbySim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lobby-sim",
        abstract: "Simulated hall sign (Alpha or Onbon BX) on a pseudo-terminal or a loopback TCP port.")

    @Option(
        help: ArgumentHelp(
            "The controller family to simulate: alpha or onbon-bx (as [controller] driver).", valueName: "family"))
    var `protocol` = SimulatedProtocol.alpha

    @Option(help: "Onbon only: the card's model (6E1, 6E2, … 6Q3L).")
    var model = OnbonCardModel.bx6E1

    @Option(help: ArgumentHelp("Onbon only: the panel the card drives, in dots.", valueName: "WIDTHxHEIGHT"))
    var panel = "192x32"

    @Option(help: "Onbon only: the panel's colours, mono or tricolor (red and green).")
    var colors = ColorCapability.mono

    @Option(help: "Path of the symlink to the pseudo-terminal (configure it as [link] endpoint).")
    var link: String?

    @Option(
        help: ArgumentHelp(
            "Listen on this TCP port of 127.0.0.1 instead, as an Ethernet card (0: any free port; the ready line says which).",
            valueName: "port"))
    var listen: UInt16?

    @Option(help: "Receive at this line speed (10 bits per byte); 0 for as fast as possible.")
    var baud = 9600

    @Option(help: "Write every received byte, with timestamps, to this file.")
    var record: String?

    @Option(help: "Write each displayed page as a panel-like PNG into this directory.")
    var png: String?

    @Option(help: "Write each displayed page as PBM into this directory (for tests).")
    var dump: String?

    @Option(help: "FIFO to read fault commands from (created if missing).")
    var control: String?

    @Option(
        help: ArgumentHelp(
            "Bytes of the sign's memory for pictures (one per dot); a picture table that does not fit is refused.",
            valueName: "bytes"))
    var memory = AlphaSign.defaultMemoryPool

    @Option(
        help: ArgumentHelp(
            "Time the sign takes to handle each packet (not with --baud 0).", valueName: "milliseconds"))
    var packetMs = 10

    @Option(
        help: ArgumentHelp(
            "Time the sign takes to store each picture or memory table (not with --baud 0).",
            valueName: "milliseconds"))
    var pictureMs = 200

    @Flag(help: "Do not draw the panel in the terminal (machine-readable lines only).")
    var quiet = false

    @Option(help: "Draw the panel from this terminal row, leaving the lines above it (the demo's instructions).")
    var drawRow: Int?

    @Option(help: "Write the machine-readable lines (pages, faults) to this file instead of standard output.")
    var log: String?

    func validate() throws {
        guard (link == nil) != (listen == nil) else {
            throw ValidationError("give --link PATH (a serial card) or --listen PORT (an Ethernet card), one of them")
        }
        guard (0...60_000).contains(packetMs), (0...60_000).contains(pictureMs) else {
            throw ValidationError("--packet-ms and --picture-ms must be 0 to 60000")
        }
        guard memory <= 64 << 20 else { throw ValidationError("--memory is at most 67108864 bytes (64 MiB)") }
        guard memory >= 0 else { throw ValidationError("--memory must be 0 or more bytes, not \(memory)") }
        guard baud >= 0 else {
            throw ValidationError("--baud must be 0 (as fast as possible) or a line speed, not \(baud)")
        }
    }

    func run() throws {
        let sign = try SimulatedSign(
            options: SimulatorOptions(
                protocol: `protocol`, model: model, panel: try Self.size(panel), tricolor: colors == .tricolor,
                baud: baud, record: record, png: png, dump: dump, draw: !quiet, drawRow: drawRow,
                log: log, memoryPool: memory,
                packetMilliseconds: packetMs, pictureMilliseconds: pictureMs))
        let controlDescriptor = try control.map(Self.openControl)
        var port = listen ?? 0
        let plug: () throws -> any SimulatorPort = {
            if let link { try PseudoTerminal(link: link) } else { try NetworkPort(port: port) }
        }
        var terminal: (any SimulatorPort)? = try plug()
        // A port of 0 is chosen once; an unplugged card comes back on the same one.
        if let network = terminal as? NetworkPort { port = network.port }
        var replugAt: Date?
        sign.say("ready on \(Self.describe(terminal!))")
        signal(SIGPIPE, SIG_IGN)
        while true {
            sign.passTime()
            if let pty = terminal {
                sign.receive(pty.read(milliseconds: 20), lineSpeed: pty.lineSpeed)
                let answer = sign.dueAnswers()
                if !answer.isEmpty { pty.write(answer) }
                sign.rotate()
            } else {
                usleep(50_000)
                if let due = replugAt, Date() >= due {
                    terminal = try plug()
                    replugAt = nil
                    sign.say("plugged in on \(Self.describe(terminal!))")
                }
            }
            for command in controlDescriptor.map(Self.readCommands) ?? [] {
                let words = command.split(separator: " ").map(String.init)
                switch (words.first, words.dropFirst().first) {
                case ("unplug", let seconds):
                    terminal?.close()
                    terminal = nil
                    sign.dropAnswers()
                    replugAt = Date().addingTimeInterval(Double(seconds ?? "5") ?? 5)
                    sign.say("unplugged")
                case ("power-cycle", _):
                    sign.powerCycle()
                    terminal?.restarted()
                case ("mute", let state) where state == "on" || state == "off":
                    sign.faults.muted = state == "on"
                    sign.say("mute \(state!)")
                case ("corrupt", let count) where (count.map { Int($0) ?? -1 } ?? 1) >= 0:
                    sign.faults.corruptBytes = count.flatMap { Int($0) } ?? 1
                    sign.say("corrupt \(sign.faults.corruptBytes)")
                case ("slow", let factor):
                    // 1 is the configured speed; 10 is ten times slower. Anything else is refused.
                    if let value = Double(factor ?? "1"), value.isFinite, (0.01...100).contains(value) {
                        sign.faults.slowFactor = value
                        sign.say("slow \(value)")
                    } else {
                        sign.say("unknown command: \(command) (slow takes a factor from 0.01 to 100)")
                    }
                default: sign.say("unknown command: \(command)")
                }
            }
        }
    }

    /// `192x32` as dots across and down.
    private static func size(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (1...65535).contains(parts[0]), (1...65535).contains(parts[1]) else {
            throw ValidationError("--panel takes WIDTHxHEIGHT in dots, such as 192x32, not \(text)")
        }
        return (parts[0], parts[1])
    }

    /// `/dev/pts/N (link PATH)` or `tcp://127.0.0.1:PORT`: where the link reaches the card.
    private static func describe(_ port: any SimulatorPort) -> String {
        if let terminal = port as? PseudoTerminal {
            "\(terminal.slavePath) (link \(terminal.link))"
        } else {
            port.endpoint
        }
    }

    private static func openControl(_ path: String) throws -> Int32 {
        if access(path, F_OK) != 0 { mkfifo(path, 0o600) }
        let descriptor = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SimulatorError("cannot open control FIFO \(path): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    private static func readCommands(_ descriptor: Int32) -> [String] {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        return String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }
}

extension SimulatedProtocol: ExpressibleByArgument {}
extension OnbonCardModel: ExpressibleByArgument {
    public init?(argument: String) { self.init(printed: argument) }
}
extension ColorCapability: ExpressibleByArgument {}
