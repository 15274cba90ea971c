import ArgumentParser
import Foundation
import LobbyCore
import LobbyLink

/// `lobbyctl ports`: the machine's serial ports as libserialport sees them, with the stable
/// /dev/serial/by-id name to put in `[link] endpoint`.
struct PortsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ports", abstract: Messages.Help.ports.description)

    @Flag(help: Messages.Help.jsonPort.argument)
    var json = false

    func run() throws {
        let byID = stableNames()
        let ports = SerialPortInfo.all()
        if json {
            for port in ports {
                let fields: [String: Any?] = [
                    "name": port.name, "transport": port.transport, "usb": port.usbVendorProduct,
                    "manufacturer": port.manufacturer, "product": port.product, "serial": port.serialNumber,
                    "description": port.description, "by_id": byID[port.name],
                ]
                print(JSONLine.text(fields.compactMapValues { $0 }))
            }
            return
        }
        guard !ports.isEmpty else {
            print(Messages.Console.noPorts)
            return
        }
        for port in ports {
            var fields = ["\(port.name)", port.transport]
            if let vidpid = port.usbVendorProduct { fields.append("usb \(vidpid)") }
            fields += [
                port.manufacturer, port.product,
                port.serialNumber.map { Messages.Console.serialNumber($0).description },
            ].compactMap { $0 }
            if fields.count == 2 && !port.description.isEmpty { fields.append(port.description) }
            print(fields.joined(separator: "  "))
            if let stable = byID[port.name] { print("    by-id: \(stable)") }
        }
    }

    /// `/dev/ttyUSB0` → `/dev/serial/by-id/usb-FTDI_…-if00-port0`.
    private func stableNames() -> [String: String] {
        let directory = "/dev/serial/by-id"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var result: [String: String] = [:]
        for name in names {
            result[TransportFactory.resolve("\(directory)/\(name)")] = "\(directory)/\(name)"
        }
        return result
    }
}
