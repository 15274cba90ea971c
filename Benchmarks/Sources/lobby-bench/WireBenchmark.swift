import Foundation
import LobbyCore
import LobbyProtocol
import LobbyRender

/// Issue 6's figures: bytes and seconds on a 9600-baud line for each sample playlist, uploaded to
/// a blank sign, and for re-publishing it after one item changed, with and without the
/// content-addressed dedup (the reference: re-sending every page).
enum WireBenchmark {
    static func run(playlists directory: String) throws {
        let configuration = Configuration()
        let renderer = try TextRenderer(configuration: configuration)
        let controller = try AlphaController(configuration: configuration)
        let seconds = { (bytes: Int) in Double(bytes * 10) / 9600 }
        print(
            "wire: Alpha driver, 192x32 mono, 9600 baud 8N1; large pictures, run-length rows (protocol-docs/alpha.md); the encoder's count"
        )
        print("  playlist                       pages  blank sign        1 item changed: dedup   no dedup    ratio")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        where name.hasSuffix(".toml") {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            let playlist = try Playlist.parse(text: text, file: name, zone: configuration.timeZone)
            let pages = try playlist.items.flatMap { try renderer.pages(for: $0) }
            let (first, memory) = try controller.program(SignProgram(pages: pages), memory: SignMemory())
            var edited = playlist.items
            edited[0].text += "（更新）"
            let newPages = try edited.flatMap { try renderer.pages(for: $0) }
            let withDedup = try controller.program(SignProgram(pages: newPages), memory: memory).transmissions
            let without = try controller.program(SignProgram(pages: newPages), memory: SignMemory()).transmissions
            let full = first.reduce(0) { $0 + $1.bytes.count }
            let dedup = withDedup.reduce(0) { $0 + $1.bytes.count }
            let none = without.reduce(0) { $0 + $1.bytes.count }
            print(
                String(
                    format: "  %@ %5d %8d B %6.1f s   %8d B %5.1f s %7d B %5.1f s  %5.1f×",
                    name.padding(toLength: 30, withPad: " ", startingAt: 0),
                    pages.count, full, seconds(full), dedup, seconds(dedup), none, seconds(none),
                    Double(none) / Double(dedup)))
        }
    }
}
