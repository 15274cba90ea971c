import ArgumentParser
import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender

/// `lobbyctl plan PLAYLIST`: what putting a playlist on the sign costs on the serial line.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: Messages.Help.plan.description)

    @OptionGroup var configuration: ConfigurationOption

    @Argument(help: Messages.Help.playlistFile.argument)
    var playlist: String

    func run() throws {
        let configuration = try configuration.load()
        try run(Messages.Console.planning) {
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
            Messages.Console.planTitle(
                title, pages: pages, baud: serial.baud, frame: serial.frameDescription, bits: bitsPerByte
            ).description
        ]
        let configuration = transmissions.filter { $0.purpose == .configureMemory }.reduce(0) { $0 + $1.bytes.count }
        if configuration > 0 { lines.append(row(Messages.Console.planMemory, configuration)) }
        var texts = 0
        var link = 0
        for transmission in transmissions where transmission.purpose != .configureMemory {
            switch transmission.purpose {
            case .picture(let page):
                lines.append(
                    row(
                        Messages.Console.planPage(page + 1), transmission.bytes.count,
                        pauses: transmission.pausesAfter.count))
            case .area(let count):
                lines.append(row(Messages.Console.planArea(count), transmission.bytes.count))
            case .text, .sequence: texts += transmission.bytes.count
            default: link += transmission.bytes.count
            }
        }
        // A driver without text files or a run sequence (Onbon's area holds it all) has no such row.
        if texts > 0 { lines.append(row(Messages.Console.planTexts, texts)) }
        lines.append(row(Messages.Console.planLink, link))
        let total = transmissions.reduce(0) { $0 + $1.bytes.count }
        lines.append(
            row(Messages.Console.planTotal, total, pauses: transmissions.reduce(0) { $0 + $1.pausesAfter.count }))
        let sent = transmissions.reduce(0) {
            switch $1.purpose {
            case .picture: $0 + 1
            case .area(let count): $0 + count
            default: $0
            }
        }
        if sent < pages { lines.append(Messages.Console.planRepeated(pages - sent).description) }
        return lines.joined(separator: "\n")
    }

    /// Seconds are the wire's, and the silences the sign needs (`Transmission.pause` each).
    private func row(_ label: Localized, _ bytes: Int, pauses: Int = 0) -> String {
        let name = label.description
        let padding = String(repeating: " ", count: max(0, 26 - StatusText.columns(name)))
        let time = seconds(bytes) + Double(pauses) * Transmission.pause.inSeconds
        let figures = Messages.Console.planRow(
            bytes: String(format: "%8d", bytes), seconds: String(format: "%8.2f", time))
        return "  \(name)\(padding)\(figures)"
    }
}
