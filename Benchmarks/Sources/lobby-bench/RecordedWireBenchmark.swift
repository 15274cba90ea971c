import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender

/// Issue 17's figures, and issue 18's side by side for both controller families, from what
/// really crosses the line: for each sample playlist and each family, the link (`LinkDriver`,
/// as lobbyd runs it) uploads to `lobby-sim`, which records every byte it receives. Printed per
/// playlist: the first upload to a blank sign, re-publishing it after one item changed, and the
/// re-upload after a power cut, each in bytes recorded and seconds at 9600 baud 8N1, beside the
/// naive figure (every page as an uncompressed Alpha picture, nothing else) and `lobbyctl
/// plan`'s count for the first upload; then the same for all five together, which is what the
/// hall shows, judged against the target.
///
/// The Alpha sign's power cut is noticed by a health probe; the Onbon card is reached over TCP,
/// where its restart drops the connection (on a serial line the refresh would send the same
/// bytes, later). lobby-sim runs at full speed and the link reckons its pauses at 115200 baud,
/// so a run takes seconds; the bytes are the same at any speed.
enum RecordedWireBenchmark {
    /// Issue 17's target for a first upload and for the re-upload after a power cut.
    static let target = 0.40

    static func run(bin: String, playlists directory: String) throws {
        let configuration = Configuration()
        let renderer = try TextRenderer(configuration: configuration)
        print("wire, recorded: bytes lobby-sim received from the link, 192x32 mono; seconds at 9600 baud 8N1")
        print(
            "  playlist                       family    pages  naive        first upload  ×naive     plan"
                + "    1 item changed   after a power cut  ×naive")
        var all: (items: [PlaylistItem], edited: [PlaylistItem]) = ([], [])
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        where name.hasSuffix(".toml") {
            let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            let playlist = try Playlist.parse(text: text, file: name, zone: configuration.timeZone)
            var edited = playlist.items
            edited[0].text += "（更新）"
            all = (all.items + playlist.items, all.edited + edited)
            for family in ControllerDriver.allCases {
                _ = try row(name, family, items: playlist.items, edited: edited, renderer: renderer, bin: bin)
            }
        }
        // The hall rotates every accepted playlist's items: this is the upload it really makes.
        for family in ControllerDriver.allCases {
            let (first, reupload) = try row(
                "all five, as the hall shows", family, items: all.items, edited: all.edited, renderer: renderer,
                bin: bin)
            let met = first <= target && reupload <= target
            print(
                String(
                    format: "  %@: target ≤ %.2f× naive for the hall's first upload and re-upload: %.2f× and %.2f×, %@",
                    family.rawValue, target, first, reupload, met ? "met" : "NOT MET"))
        }
        print(
            "  (naive: every page as an uncompressed Alpha small DOTS picture and nothing else; plan is `lobbyctl plan`:"
        )
        print("   the memory tables, pages, probes, manifest and clock of a re-sync, which the recording must equal;")
        print("   after a power cut, the health probe that noticed it stands for the re-sync's first probe; the Onbon")
        print("   card, over TCP here, is re-synced when its connection comes back; it replaces its area whole, so a")
        print("   change costs what a first upload does)")
    }

    /// One line of the table; returns the first upload and the re-upload as multiples of naive.
    private static func row(
        _ name: String, _ family: ControllerDriver, items: [PlaylistItem], edited: [PlaylistItem],
        renderer: TextRenderer, bin: String
    ) throws -> (Double, Double) {
        let pages = try items.flatMap { try renderer.pages(for: $0) }
        let changed = try edited.flatMap { try renderer.pages(for: $0) }
        // As many picture slots as pages (the default 16 hold fewer than the hall's 19).
        var configuration = Configuration()
        configuration.controller.pictureSlots = max(configuration.controller.pictureSlots, pages.count, changed.count)
        configuration.controller.driver = family
        configuration.controller.model = .bx6E1
        if family == .onbonBX {
            configuration.controller.address = "1"
            configuration.controller.refreshMinutes = 0
        }
        let seconds = { (bytes: Int) in configuration.serial.wireSeconds(bytes: bytes) }
        let controller = try ControllerFactory.make(configuration)
        let naive = pages.reduce(0) { $0 + naiveBytes($1) }
        let plan = try LinkPlan.resync(SignProgram(pages: pages), controller: controller).reduce(0) {
            $0 + $1.bytes.count
        }
        let (first, change, reupload) = try record(
            pages: pages, changed: changed, family: family, controller: controller, plan: plan, bin: bin)
        print(
            String(
                format: "  %@ %@ %5d %7d B   %7d B %5.1f s %5.2f× %7d B %7d B %4.1f s %7d B %5.1f s %5.2f×",
                name.padding(toLength: 30, withPad: " ", startingAt: 0),
                family.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), pages.count, naive, first,
                seconds(first), Double(first) / Double(naive), plan, change, seconds(change), reupload,
                seconds(reupload), Double(reupload) / Double(naive)))
        return (Double(first) / Double(naive), Double(reupload) / Double(naive))
    }

    /// The issue's naive figure for a page: one small DOTS picture, uncompressed: sync NULs,
    /// SOH, type, address (9), STX, `I`, label, four size digits (7), a character per dot and a
    /// CR per row, ETX, four checksum digits, EOT (6).
    static func naiveBytes(_ frame: Frame) -> Int {
        22 + frame.height * (frame.width + 1)
    }

    /// Bytes recorded for the first upload, the change and the re-upload after a power cut
    /// (of the first program, before the change).
    private static func record(
        pages: [Frame], changed: [Frame], family: ControllerDriver, controller: any Controller, plan: Int,
        bin: String
    ) throws -> (Int, Int, Int) {
        let hall = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-bench-wire-\(getpid())").path
        try FileManager.default.createDirectory(atPath: hall, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: hall) }
        let place = family == .onbonBX ? ["--listen", "0"] : ["--link", "\(hall)/sign"]
        let sign = try Watched(
            "\(bin)/lobby-sim",
            ["--protocol", family.rawValue] + place + [
                "--baud", "0", "--quiet", "--record", "\(hall)/record", "--control", "\(hall)/control",
            ])
        defer { sign.stop() }
        guard let ready = sign.waitForLine(timeout: 10, { $0.contains("ready on") }) else {
            throw BenchmarkError.referenceFailed("lobby-sim did not start")
        }
        let endpoint = family == .onbonBX ? String(ready.split(separator: " ").last ?? "") : "\(hall)/sign"
        var serial = Configuration().serial
        serial.baud = 115_200
        let reports = Reports()
        let driver = LinkDriver(
            path: endpoint, serial: serial, controller: controller,
            zone: TimeZone(identifier: "Asia/Shanghai")!, healthInterval: .seconds(3), report: { reports.post($0) })
        driver.show(SignProgram(pages: pages))
        driver.start()
        defer { driver.stop() }
        try reports.waitForSync(after: 0)
        // The clock goes after the confirming answer: let it reach lobby-sim's recording.
        let first = try recordedBytes("\(hall)/record", atLeast: plan)
        // A power cut: the probe that notices it, then the same program again.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(hall)/control"))
        handle.write(Data("power-cycle\n".utf8))
        try handle.close()
        try reports.waitForSync(after: 1)
        let reupload = try recordedBytes("\(hall)/record", atLeast: first + plan) - first
        driver.show(SignProgram(pages: changed))
        try reports.waitForSync(after: 2)
        return (first, try recordedBytes("\(hall)/record") - first - reupload, reupload)
    }

    /// lobby-sim's recording: a line per read, a timestamp and the bytes in hex. Waits up to
    /// a second for `atLeast` bytes.
    private static func recordedBytes(_ path: String, atLeast expected: Int = 0) throws -> Int {
        let deadline = Date().addingTimeInterval(1)
        while true {
            let count = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter {
                !$0.contains(" # ")
            }.reduce(0) {
                $0 + $1.split(separator: " ").count - 1
            }
            if count >= expected || Date() > deadline { return count }
            usleep(20_000)
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
