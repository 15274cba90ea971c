import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender
import LobbyTestSupport
import Testing

/// The link driver against `lobby-sim --protocol onbon-bx`, the Alpha link's scenarios over a
/// pseudo-terminal (a serial card) and over TCP on loopback (an Ethernet card): first upload
/// dot for dot, a change, an unplugged cable, a power cut, a muted card, a restart.
@Suite("Onbon link against the simulated card", .serialized)
final class OnbonLinkTests {
    enum Wire: String, CaseIterable, CustomTestStringConvertible {
        case serial, tcp
        var testDescription: String { rawValue }
    }

    let directory: TemporaryDirectory
    var simulator: RunningProgram?
    let reports = EventInbox<LinkReport>()
    var driver: LinkDriver?
    let pages: [Frame]

    init() throws {
        directory = try TemporaryDirectory()
        let renderer = try TextRenderer(configuration: Configuration())
        pages = [
            try renderer.render("欢迎来到市政务服务中心", style: TextStyle(verticalAlignment: .middle))[0],
            try renderer.render("12345 政务服务便民热线", style: TextStyle(verticalAlignment: .middle))[0],
        ]
    }

    deinit {
        driver?.stop()
        simulator?.stop()
    }

    /// lobby-sim as a 6E1 card on `wire`; returns the endpoint to configure.
    func startCard(on wire: Wire, record: Bool = false) throws -> String {
        let place = wire == .serial ? ["--link", "\(directory.path)/sign"] : ["--listen", "0"]
        let simulator = try RunningProgram(
            "lobby-sim",
            ["--protocol", "onbon-bx", "--baud", "0", "--quiet", "--dump", "\(directory.path)/dump"] + place + [
                "--control", "\(directory.path)/control",
            ] + (record ? ["--record", "\(directory.path)/record"] : []))
        self.simulator = simulator
        let ready = try #require(simulator.waitForLine { $0.contains("lobby-sim: ready on") }?.line)
        return wire == .serial ? "\(directory.path)/sign" : String(ready.split(separator: " ").last ?? "")
    }

    /// A link to the card showing the test pages, or (`decided: false`) with nothing decided
    /// yet, as lobbyd's link starts before the player's first decision.
    func startDriver(
        at endpoint: String, refresh: Duration? = nil, healthInterval: Duration = .seconds(60), decided: Bool = true
    ) throws -> LinkDriver {
        let controller = try OnbonController(
            address: 1, model: .bx6E1, width: 192, height: 32, tricolor: false, refreshInterval: refresh)
        let reports = self.reports
        let driver = LinkDriver(
            path: endpoint, serial: LinkRecoveryTests.fastLine, controller: controller, zone: .current,
            healthInterval: healthInterval, report: { reports.post($0) })
        self.driver = driver
        if decided { driver.show(SignProgram(pages: pages)) }
        driver.start()
        return driver
    }

    func pageLine(_ shown: [Frame]) -> String {
        "lobby-sim: pages \(shown.count)" + shown.map { " " + String($0.contentHash, radix: 16) }.joined()
    }

    /// The pages the card dumped, as PBM files.
    func dumped(_ count: Int) throws -> [Frame] {
        try (1...count).map { index in
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/dump/page-\(index).pbm"))
            return try #require(Frame(pbm: Array(data)))
        }
    }

    @Test("the card shows the rendered pages dot for dot; a change replaces them", arguments: Wire.allCases)
    func showsAndChanges(wire: Wire) throws {
        let driver = try startDriver(at: try startCard(on: wire))
        let simulator = try #require(simulator)
        guard let shown = simulator.waitForLine({ $0 == self.pageLine(self.pages) }) else {
            Issue.record("never shown: \(simulator.output)")
            return
        }
        #expect(try dumped(2) == pages)
        driver.show(SignProgram(pages: [pages[1]]))
        #expect(simulator.waitForLine(from: shown.next) { $0 == self.pageLine([self.pages[1]]) } != nil)
        driver.show(nil)
        #expect(simulator.waitForLine(from: shown.next) { $0 == self.pageLine([Frame(width: 192, height: 32)]) } != nil)
        #expect(
            !simulator.output.contains { $0.contains("malformed") || $0.contains("refused") }, "\(simulator.output)")
    }

    @Test("unplugged: link down within 5 s; plugged back: up and the pages sent again", arguments: Wire.allCases)
    func unplugAndReplug(wire: Wire) throws {
        _ = try startDriver(at: try startCard(on: wire))
        let simulator = try #require(simulator)
        guard let up = reports.waitFor(timeout: .seconds(15), { $0.isSynced }) else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        try directory.tellSimulator("unplug 2")
        let down = reports.waitFor(from: up.next, timeout: .seconds(5)) { $0.isDown }
        #expect(down != nil, "no link_down within 5 s")
        let back = reports.waitFor(from: down?.next ?? up.next, timeout: .seconds(20)) { $0 == .up }
        #expect(back != nil)
        // The card keeps no manifest: what it holds is sent again (the same pages: no change shown).
        #expect(reports.waitFor(from: back?.next ?? up.next) { $0.isSynced } != nil)
        #expect(simulator.output.filter { $0.hasPrefix("lobby-sim: pages") }.count == 1)
    }

    @Test(
        "a power-cycled card (dynamic area lost) shows the pages again: over TCP at the reconnection, over serial at the refresh",
        arguments: Wire.allCases)
    func powerCycle(wire: Wire) throws {
        _ = try startDriver(
            at: try startCard(on: wire), refresh: wire == .serial ? .seconds(2) : nil, healthInterval: .seconds(2))
        let simulator = try #require(simulator)
        guard reports.waitFor({ $0.isSynced }) != nil,
            let shown = simulator.waitForLine({ $0 == self.pageLine(self.pages) })
        else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        try directory.tellSimulator("power-cycle")
        guard let dark = simulator.waitForLine(from: shown.next, { $0 == "lobby-sim: pages 0" }) else {
            Issue.record("the simulator did not lose its areas")
            return
        }
        #expect(
            simulator.waitForLine(from: dark.next, timeout: .seconds(15)) { $0 == self.pageLine(self.pages) } != nil)
    }

    @Test(
        "a muted card degrades the link without a crash, and it recovers when the card answers again",
        arguments: Wire.allCases)
    func muted(wire: Wire) throws {
        let driver = try startDriver(at: try startCard(on: wire), healthInterval: .seconds(1))
        guard let up = reports.waitFor({ $0.isSynced }) else {
            Issue.record("the link never came up: \(simulator?.output ?? [])")
            return
        }
        try directory.tellSimulator("mute on")
        let down = reports.waitFor(from: up.next, timeout: .seconds(10)) { $0 == .down(cause: "控制卡没有应答") }
        #expect(down != nil, "\(reports.all) \(driver.status)")
        try directory.tellSimulator("mute off")
        #expect(reports.waitFor(from: down?.next ?? up.next, timeout: .seconds(30)) { $0 == .up } != nil)
    }

    @Test("a restart sends the pages again and the panel never changes", arguments: Wire.allCases)
    func restart(wire: Wire) throws {
        let endpoint = try startCard(on: wire)
        let first = try startDriver(at: endpoint)
        let simulator = try #require(simulator)
        guard let synced = reports.waitFor({ $0.isSynced }),
            simulator.waitForLine({ $0 == self.pageLine(self.pages) }) != nil
        else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        first.stop()
        _ = try startDriver(at: endpoint)
        #expect(reports.waitFor(from: synced.next) { $0.isSynced } != nil)
        #expect(simulator.output.filter { $0.hasPrefix("lobby-sim: pages") }.count == 1)
    }

    @Test("lobbyctl plan counts exactly the bytes the link sends a blank card, as lobby-sim recorded them")
    func planEqualsTheWire() throws {
        let config = try directory.write(
            "lobbyd.toml",
            "[link]\nendpoint = \"\(directory.path)/sign\"\n[controller]\ndriver = \"onbon-bx\"\nmodel = \"6E1\"\n")
        let playlist = RepositoryFiles.path("playlists/public-resource-trading.toml")
        let result = try BuiltProgram("lobbyctl").run(["plan", "--lang", "en", "--config", config, playlist])
        let lines = result.standardOutput.split(separator: "\n")
        let total = try #require(
            lines.first { $0.contains("total") }?.split(separator: " ").dropFirst().first.flatMap { Int($0) },
            "\(result.standardOutput) \(result.standardError)")
        #expect(lines.contains { $0.contains("dynamic area (2 page pictures)") })
        #expect(!lines.contains { $0.contains("texts and run sequence") })
        let configuration = try Configuration.load(path: config)
        let parsed = try Playlist.parse(
            text: String(contentsOfFile: playlist, encoding: .utf8), file: playlist, zone: configuration.timeZone)
        let renderer = try TextRenderer(configuration: configuration)
        let planned = try parsed.items.flatMap { try renderer.pages(for: $0) }
        _ = try startCard(on: .serial, record: true)
        let reports = self.reports
        let driver = LinkDriver(
            path: "\(directory.path)/sign", serial: LinkRecoveryTests.fastLine,
            controller: try ControllerFactory.make(configuration), zone: .current, report: { reports.post($0) })
        self.driver = driver
        driver.show(SignProgram(pages: planned))
        driver.start()
        #expect(reports.waitFor { $0.isSynced } != nil)
        // The confirming probe is the last thing sent (no clock): once its answer is in, so is
        // every byte before it; lobby-sim records what it reads before it answers.
        #expect(try directory.simulatorRecordedBytes() == total)
    }

    /// A link that comes up before anything is decided sends nothing: at a restart the card
    /// keeps showing the program instead of blinking dark until the first decision.
    @Test("nothing is sent before the first decision: the first upload is the program", arguments: Wire.allCases)
    func firstDecision(wire: Wire) throws {
        let driver = try startDriver(at: try startCard(on: wire), decided: false)
        let simulator = try #require(simulator)
        guard let up = reports.waitFor({ $0 == .up }) else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        driver.show(SignProgram(pages: pages))
        #expect(reports.waitFor(from: up.next) { $0.isSynced } != nil)
        #expect(reports.all.filter(\.isSynced).count == 1, "\(reports.all)")
        #expect(simulator.output.filter { $0.hasPrefix("lobby-sim: area") }.count == 1, "\(simulator.output)")
        #expect(simulator.output.filter { $0.hasPrefix("lobby-sim: pages") } == [pageLine(pages)])
    }

    @Test(
        "a damaged upload: the card counts it, the link learns of it from the answers and sends once more",
        arguments: Wire.allCases)
    func corruption(wire: Wire) throws {
        // No health probe in the way: the corruption hits the upload's frame, not a probe.
        let driver = try startDriver(at: try startCard(on: wire))
        let simulator = try #require(simulator)
        // Once the first upload is confirmed: its confirming probe is not corrupted either.
        guard let up = reports.waitFor({ $0.isSynced }),
            simulator.waitForLine({ $0 == self.pageLine(self.pages) }) != nil
        else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        try directory.tellSimulator("corrupt 40")
        // The next bytes on the line are the upload's, once the card has taken the command.
        #expect(simulator.waitForLine { $0 == "lobby-sim: corrupt 40" } != nil)
        let swapped = [pages[1], pages[0]]
        driver.show(SignProgram(pages: swapped))
        #expect(simulator.waitForLine { $0.hasPrefix("lobby-sim: malformed") } != nil)
        // The card answered the damaged frame with error 05: reported, sent once more, shown.
        #expect(reports.waitFor(from: up.next) { if case .signRefused = $0 { true } else { false } } != nil)
        #expect(simulator.waitForLine { $0 == self.pageLine(swapped) } != nil)
        #expect(reports.waitFor(from: up.next, timeout: .seconds(3)) { $0.isDown } == nil)
    }
}

/// `lobbyctl probe` against lobby-sim of each family: the family that answers, and the speed
/// (the simulated card reads garbage at any other, as a UART does).
@Suite("lobbyctl probe", .serialized)
struct ProbeCommandTests {
    @Test(
        "probe names the family and speed that answer, on a serial line and over TCP",
        arguments: [("alpha", "serial"), ("onbon-bx", "serial"), ("onbon-bx", "tcp")])
    func probe(family: String, wire: String) throws {
        let directory = try TemporaryDirectory()
        let place = wire == "serial" ? ["--link", "\(directory.path)/sign"] : ["--listen", "0"]
        let simulator = try RunningProgram(
            "lobby-sim", ["--protocol", family, "--baud", "57600", "--quiet"] + place)
        defer { simulator.stop() }
        let ready = try #require(simulator.waitForLine { $0.contains("lobby-sim: ready on") }?.line)
        let endpoint = wire == "serial" ? "\(directory.path)/sign" : String(ready.split(separator: " ").last ?? "")
        let config = try directory.write("lobbyd.toml", "[serial]\nbaud = 9600\n")
        let result = try BuiltProgram("lobbyctl").run(["probe", endpoint, "--config", config, "--lang", "en"])
        #expect(result.status == 0, "\(result.standardError)")
        let speed = wire == "serial" ? " at 57600 baud" : ""
        #expect(result.standardOutput.contains("\(family): answered (\(endpoint)\(speed))"), "\(result.standardOutput)")
        if family == "onbon-bx" {
            // The card's answer gives its screen number and model: the configuration is whole.
            #expect(result.standardOutput.contains(#"driver = "onbon-bx", address = "1", model = "6E1""#))
        }
        let other = family == "alpha" ? "onbon-bx" : "alpha"
        #expect(!result.standardOutput.contains("\(other): answered"))
        if wire == "serial" {
            #expect(result.standardOutput.contains("\(family): no answer at 9600 baud"))
            #expect(simulator.output.contains { $0.contains("line speed 9600 baud, the sign runs at 57600") })
        }
        let nobody = try BuiltProgram("lobbyctl").run(
            ["probe", "\(directory.path)/none", "--config", config, "--lang", "en"])
        #expect(nobody.status == 1 && nobody.standardError.contains("\(directory.path)/none"))
    }
}
