import ArgumentParser
import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol

/// `lobbyctl probe [ENDPOINT]`: which controller family answers on a port or at a network
/// address, at which speed: each family's own probe, addressed to any card, in turn. For the
/// technician who does not know what the hall's card speaks (docs/INSTALL.md). lobbyd must not
/// hold the port meanwhile.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe", abstract: Messages.Help.probe.description)

    @OptionGroup var configuration: ConfigurationOption

    @Argument(help: Messages.Help.probeEndpoint.argument)
    var endpoint: String?

    @Option(name: .customLong("baud"), help: Messages.Help.probeBaud.argument)
    var bauds: [Int] = []

    /// How long each family's probe waits for its answer, past the line's time for the bytes.
    static let wait = Duration.seconds(2)

    func validate() throws {
        for baud in bauds where !Configuration.allowedBauds.contains(baud) {
            throw ValidationError(Messages.Console.badBaud(baud).description)
        }
    }

    func run() throws {
        let configuration = try configuration.load()
        let target = endpoint ?? configuration.link.endpoint
        guard let parsed = LinkEndpoint(target) else {
            Console.error("lobbyctl: \(Messages.Console.badEndpoint(target))")
            throw ExitCode(ExitStatus.usage)
        }
        // The configured speed first, then the cards' usual ones; a network card has one.
        let speeds =
            parsed.isNetwork
            ? [configuration.serial.baud]
            : (bauds.isEmpty ? [configuration.serial.baud, 9600, 57600, 19200, 115200] : bauds).reduce(into: [Int]()) {
                if !$0.contains($1) { $0.append($1) }
            }
        var answered: [String] = []
        for baud in speeds {
            var serial = configuration.serial
            serial.baud = baud
            let transport: Transport
            do {
                transport = try TransportFactory.open(path: target, serial: serial)
            } catch {
                Console.error("lobbyctl: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            defer { transport.close() }
            for driver in ControllerDriver.allCases {
                let controller = try ControllerFactory.makeForProbe(driver, configuration)
                guard let reply = try ask(controller, on: transport, serial: serial) else {
                    print(Messages.Console.probeSilent(driver.rawValue, baud: baud, network: parsed.isNetwork))
                    continue
                }
                // What the answer tells (an Onbon card's address and model); otherwise what the
                // configuration still needs.
                var settings = reply.reveals
                if driver == .onbonBX && !settings.contains(where: { $0.hasPrefix("model") }) {
                    settings.append(#"model = "…""#)
                }
                print(
                    Messages.Console.probeAnswered(
                        driver.rawValue, target, baud: baud, network: parsed.isNetwork,
                        settings: settings))
                answered.append(driver.rawValue)
            }
            if !answered.isEmpty { break }
        }
        guard !answered.isEmpty else {
            Console.error("lobbyctl: \(Messages.Console.probeNobody(target))")
            throw ExitCode(ExitStatus.failure)
        }
    }

    /// Sends `controller`'s probe and waits for its answer; whatever else the line holds first
    /// is read and dropped.
    private func ask(_ controller: any Controller, on transport: Transport, serial: Configuration.Serial) throws
        -> ProbeReply?
    {
        do {
            _ = try transport.read(timeout: .milliseconds(50))
            let probe = controller.probe()
            let seconds = serial.wireSeconds(bytes: probe.bytes.count)
            try transport.write(probe.bytes, timeout: .seconds(seconds * 2 + 2))
            let end = ContinuousClock.now + Self.wait + .seconds(seconds)
            var received: [UInt8] = []
            while ContinuousClock.now < end {
                received += try transport.read(timeout: .milliseconds(100))
                if let reply = controller.probeReply(in: received) { return reply }
            }
            return nil
        } catch {
            Console.error("lobbyctl: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }
}
