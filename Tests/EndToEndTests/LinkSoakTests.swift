import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender
import LobbyTestSupport
import Testing

/// The hall's upload at real line speed, as lobby-sim receives it: the sample playlists' pages
/// (the first `LOBBY_SOAK_PAGES`, default 1) at each speed in `LOBBY_SOAK_BAUDS` (default
/// 9600), then a power cut and the re-upload. `make test` runs the small default; `make soak`
/// runs all 19 pages at 9600 and at 4800 baud (several minutes).
@Suite("The hall's upload at real line speed", .serialized)
struct LinkSoakTests {
    static var bauds: [Int] {
        (ProcessInfo.processInfo.environment["LOBBY_SOAK_BAUDS"] ?? "9600").split(separator: " ").compactMap {
            Int($0)
        }
    }

    static var pageCount: Int {
        ProcessInfo.processInfo.environment["LOBBY_SOAK_PAGES"].flatMap { Int($0) } ?? 1
    }

    /// Every sample playlist's pages, in the order the hall rotates them.
    static func hallPages(_ configuration: Configuration) throws -> [Frame] {
        let renderer = try TextRenderer(configuration: configuration)
        let directory = RepositoryFiles.path("playlists")
        return try FileManager.default.contentsOfDirectory(atPath: directory).sorted().filter { $0.hasSuffix(".toml") }
            .flatMap { name in
                let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
                return try Playlist.parse(text: text, file: name, zone: configuration.timeZone).items.flatMap {
                    try renderer.pages(for: $0)
                }
            }
    }

    @Test(
        "no outage, one memory table per cause, nothing refused, the clock set to the minute, at each line speed",
        arguments: bauds)
    func hallUpload(baud: Int) throws {
        var configuration = Configuration()
        configuration.serial.baud = baud
        let pages = Array(try Self.hallPages(configuration).prefix(Self.pageCount))
        configuration.controller.pictureSlots = max(configuration.controller.pictureSlots, pages.count)
        let controller = try AlphaController(configuration: configuration)
        let bytes = try LinkPlan.resync(SignProgram(pages: pages), controller: controller).reduce(0) {
            $0 + $1.bytes.count
        }
        let directory = try TemporaryDirectory()
        let simulator = try RunningProgram(
            "lobby-sim",
            [
                "--link", "\(directory.path)/sign", "--baud", "\(baud)", "--quiet", "--control",
                "\(directory.path)/control",
            ])
        defer { simulator.stop() }
        #expect(simulator.waitForLine { $0.contains("lobby-sim: ready on") } != nil)
        let reports = EventInbox<LinkReport>()
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let driver = LinkDriver(
            path: "\(directory.path)/sign", serial: configuration.serial, controller: controller, zone: zone,
            healthInterval: .seconds(2), report: { reports.post($0) })
        defer { driver.stop() }
        driver.show(SignProgram(pages: pages))
        driver.start()
        // Wire time, the sign's handling (200 ms a picture) and slack for a loaded machine.
        let allowance = Duration.seconds(configuration.serial.wireSeconds(bytes: bytes) * 1.5 + 30)
        let first = reports.waitFor(timeout: allowance) { $0.isSynced }
        #expect(first != nil, "\(bytes) bytes at \(baud) baud were never confirmed: \(simulator.output)")
        try checkClock(simulator, from: 0, zone: zone)
        let mark = simulator.output.count
        // A power cut: noticed at the next health probe, recorded, everything again, once.
        try directory.tellSimulator("power-cycle")
        let reset = reports.waitFor(from: first?.next ?? 0, timeout: .seconds(10)) { $0 == .signReset }
        let again = reports.waitFor(from: reset?.next ?? 0, timeout: allowance) { $0.isSynced }
        let restored = reports.waitFor(from: again?.next ?? 0) { $0 == .signRestored }
        #expect(reset != nil && again != nil && restored != nil)
        try checkClock(simulator, from: mark, zone: zone)
        // Health probes after the re-upload: each answered, nothing sent again.
        let after = reports.waitFor(from: restored?.next ?? 0, timeout: .seconds(3)) { _ in true }
        #expect(after == nil, "after the re-upload: \(String(describing: after?.event))")
        #expect(
            !reports.all.contains {
                if case .down = $0 { true } else if case .signRefused = $0 { true } else { false }
            }, "an outage or a refusal at \(baud) baud: \(reports.all)")
        #expect(simulator.output.filter { $0 == "lobby-sim: memory table" }.count == 2, "\(simulator.output)")
        #expect(!simulator.output.contains { $0.contains("refused") || $0.contains("malformed") })
        #expect(simulator.output.contains { $0.hasPrefix("lobby-sim: pages \(pages.count)") })
    }

    /// The sign's clock as lobby-sim last set it (the link sets it last, before it reports the
    /// upload confirmed) is the hall's minute now, the one before when the minute turned
    /// meanwhile, or the one after: the link sets the time the packet arrives, rounded to the
    /// second (at 08:20:59.6 it sends 08:21). HH:MM is all the protocol sets.
    func checkClock(_ simulator: RunningProgram, from start: Int, zone: TimeZone) throws {
        #expect(simulator.waitForLine(from: start) { $0.hasPrefix("lobby-sim: weekday") } != nil)
        let line = try #require(simulator.output[start...].last { $0.hasPrefix("lobby-sim: clock ") })
        let now = zone.localTime(of: Date())
        let minutes = Int(now.secondOfDay) / 60
        let set = line.dropFirst("lobby-sim: clock ".count).split(separator: ":").compactMap { Int($0) }
        let difference = (minutes - (set[0] * 60 + set[1]) + 1440) % 1440
        #expect(difference <= 1 || difference == 1439, "the sign's clock was set to \(line) at \(now)")
    }
}
