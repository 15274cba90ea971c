import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender

/// Issue 17's figures, from what really crosses the line: for each sample playlist, the link
/// (`LinkDriver`, as lobbyd runs it) uploads to `lobby-sim`, which records every byte it
/// receives. Printed per playlist: the first upload to a blank sign, re-publishing it after one
/// item changed, and the re-upload after a power cut (noticed by a health probe), each in bytes
/// recorded and seconds at 9600 baud 8N1, beside the naive figure (every page as a picture,
/// nothing else) and `lobbyctl plan`'s count for the first upload.
///
/// lobby-sim runs at full speed and the link reckons its pauses at 115200 baud, so a run takes
/// seconds; the bytes are the same at any speed.
enum RecordedWireBenchmark {
    static func run(bin: String, playlists directory: String) throws {
        let configuration = Configuration()
        let renderer = try TextRenderer(configuration: configuration)
        let controller = try AlphaController(configuration: configuration)
        let seconds = { (bytes: Int) in configuration.serial.wireSeconds(bytes: bytes) }
        print("wire, recorded: bytes lobby-sim received from the link, 192x32 mono; seconds at 9600 baud 8N1")
        print(
            "  playlist                       pages  naive        first upload  ×naive     plan"
                + "    1 item changed   after a power cut  (target ≤ 0.40× naive: not met, issue 17)")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        where name.hasSuffix(".toml") {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            let playlist = try Playlist.parse(text: text, file: name, zone: configuration.timeZone)
            let pages = try playlist.items.flatMap { try renderer.pages(for: $0) }
            var edited = playlist.items
            edited[0].text += "（更新）"
            let changed = try edited.flatMap { try renderer.pages(for: $0) }
            let naive = pages.reduce(0) { $0 + AlphaEncoder().writePicture($1, label: 0x61).count }
            let plan = try controller.program(SignProgram(pages: pages), memory: SignMemory()).transmissions
                .reduce(0) { $0 + $1.bytes.count }
            let (first, change, reupload) = try record(pages: pages, changed: changed, bin: bin)
            print(
                String(
                    format: "  %@ %5d %7d B   %7d B %5.1f s %5.2f× %7d B %7d B %4.1f s %7d B %5.1f s",
                    name.padding(toLength: 30, withPad: " ", startingAt: 0), pages.count, naive, first,
                    seconds(first), Double(first) / Double(naive), plan, change, seconds(change), reupload,
                    seconds(reupload)))
        }
        print("  (first upload and re-upload include the memory table, the manifest, the confirming probes")
        print("   and the clock, which plan does not count; run-length compression is not used yet, issue 17)")
    }

    /// Bytes recorded for the first upload, the change and the re-upload after a power cut.
    private static func record(pages: [Frame], changed: [Frame], bin: String) throws -> (Int, Int, Int) {
        let hall = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-bench-wire-\(getpid())").path
        try FileManager.default.createDirectory(atPath: hall, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: hall) }
        let sign = try Watched(
            "\(bin)/lobby-sim",
            [
                "--link", "\(hall)/sign", "--baud", "0", "--quiet", "--record", "\(hall)/record", "--control",
                "\(hall)/control",
            ])
        defer { sign.stop() }
        guard sign.waitFor(timeout: 10, { $0.contains("ready on") }) != nil else {
            throw BenchmarkError.referenceFailed("lobby-sim did not start")
        }
        var serial = Configuration().serial
        serial.baud = 115_200
        let reports = Reports()
        let driver = LinkDriver(
            path: "\(hall)/sign", serial: serial, controller: try AlphaController(configuration: Configuration()),
            zone: TimeZone(identifier: "Asia/Shanghai")!, healthInterval: .seconds(1), report: { reports.post($0) })
        driver.show(SignProgram(pages: pages))
        driver.start()
        defer { driver.stop() }
        try reports.waitForSync(after: 0)
        let first = try recordedBytes("\(hall)/record")
        driver.show(SignProgram(pages: changed))
        try reports.waitForSync(after: 1)
        let change = try recordedBytes("\(hall)/record") - first
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(hall)/control"))
        handle.write(Data("power-cycle\n".utf8))
        try handle.close()
        try reports.waitForSync(after: 2)
        return (first, change, try recordedBytes("\(hall)/record") - first - change)
    }

    /// lobby-sim's recording: a line per read, a timestamp and the bytes in hex.
    private static func recordedBytes(_ path: String) throws -> Int {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").reduce(0) {
            $0 + $1.split(separator: " ").count - 1
        }
    }

    /// The link's reports, waited on by count of confirmed uploads.
    private final class Reports: @unchecked Sendable {
        private let condition = NSCondition()
        private var synced = 0

        func post(_ report: LinkReport) {
            guard case .synced = report else { return }
            condition.lock()
            synced += 1
            condition.broadcast()
            condition.unlock()
        }

        /// Waits until more than `count` uploads were confirmed.
        func waitForSync(after count: Int) throws {
            condition.lock()
            defer { condition.unlock() }
            let deadline = Date().addingTimeInterval(120)
            while synced <= count {
                guard condition.wait(until: deadline) else {
                    throw BenchmarkError.referenceFailed("the link did not confirm upload \(count + 1)")
                }
            }
        }
    }
}
