import ArgumentParser
import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender

/// `lobbyctl plan PLAYLIST`: what putting a playlist on the sign costs on the serial line.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show the bytes and seconds a playlist takes on the serial line to the sign.")

    @OptionGroup var configuration: ConfigurationOption

    @Argument(help: "The playlist file.")
    var playlist: String

    func run() throws {
        let configuration = try configuration.load()
        try run("planning") {
            let text = String(decoding: try AtomicFile.read(playlist), as: UTF8.self)
            let parsed = try Playlist.parse(text: text, file: playlist, zone: configuration.timeZone)
            let renderer = try TextRenderer(configuration: configuration)
            let pages = try parsed.items.flatMap { item throws(LobbyRenderError) in try renderer.pages(for: item) }
            let controller = try ControllerFactory.make(configuration)
            let transmissions = try LinkPlan.resync(SignProgram(pages: pages), controller: controller)
            print(
                WireReport(serial: configuration.serial, transmissions: transmissions, pages: pages.count).text(
                    title: playlist))
        }
    }
}

/// Bytes and seconds per transmission at the configured line speed.
struct WireReport {
    let serial: Configuration.Serial
    let transmissions: [Transmission]
    let pages: Int

    var bitsPerByte: Int { serial.bitsPerByte }

    func seconds(_ bytes: Int) -> Double { serial.wireSeconds(bytes: bytes) }

    func text(title: String) -> String {
        var lines = [
            "\(title): \(pages) page(s) on a blank sign, \(serial.baud) baud \(serial.frameDescription) (\(bitsPerByte) bits per byte)"
        ]
        let configuration = transmissions.filter { $0.purpose == .configureMemory }.reduce(0) { $0 + $1.bytes.count }
        if configuration > 0 { lines.append(row("memory configuration", configuration)) }
        var texts = 0
        var link = 0
        for transmission in transmissions where transmission.purpose != .configureMemory {
            switch transmission.purpose {
            case .picture(let page):
                lines.append(
                    row("page \(page + 1) picture", transmission.bytes.count, pauses: transmission.pausesAfter.count))
            case .text, .sequence: texts += transmission.bytes.count
            default: link += transmission.bytes.count
            }
        }
        lines.append(row("texts and run sequence", texts))
        lines.append(row("probes, manifest and clock", link))
        let total = transmissions.reduce(0) { $0 + $1.bytes.count }
        lines.append(row("total", total, pauses: transmissions.reduce(0) { $0 + $1.pausesAfter.count }))
        let sent = transmissions.filter { if case .picture = $0.purpose { true } else { false } }.count
        if sent < pages { lines.append("  \(pages - sent) repeated page(s) not sent again (content-addressed)") }
        return lines.joined(separator: "\n")
    }

    /// Seconds are the wire's, and the silences the sign needs (`Transmission.pause` each).
    private func row(_ label: String, _ bytes: Int, pauses: Int = 0) -> String {
        let name = label.padding(toLength: 26, withPad: " ", startingAt: 0)
        let time = seconds(bytes) + Double(pauses) * Transmission.pause.inSeconds
        return "  \(name)\(String(format: "%8d bytes %8.2f s", bytes, time))"
    }
}
