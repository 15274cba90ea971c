import Foundation
import LobbyCore
import LobbyLink
import LobbyProtocol
import LobbyRender
import LobbyTestSupport
import Testing

/// The link driver against `lobby-sim` on a real pseudo-terminal: what is shown, and recovery
/// from an unplugged cable, a power cut and a muted sign, with no operator action.
@Suite("Link against the simulated sign", .serialized)
final class LinkRecoveryTests {
    let directory: TemporaryDirectory
    let simulator: RunningProgram
    let reports = EventInbox<LinkReport>()
    var driver: LinkDriver?
    let page: Frame

    init() throws {
        directory = try TemporaryDirectory()
        simulator = try RunningProgram(
            "lobby-sim",
            [
                "--link", "\(directory.path)/sign", "--baud", "0", "--quiet", "--dump", "\(directory.path)/dump",
                "--control", "\(directory.path)/control", "--record", "\(directory.path)/record",
            ])
        let renderer = try TextRenderer(configuration: Configuration())
        page = try renderer.render("欢迎来到市政务服务中心", style: TextStyle(verticalAlignment: .middle))[0]
        #expect(simulator.waitForLine { $0.contains("lobby-sim: ready on") } != nil)
    }

    deinit {
        driver?.stop()
        simulator.stop()
    }

    /// lobby-sim runs at full speed here; the link reckons wire time (its pauses, its
    /// confirmation deadline) at 115200 baud, the fastest a hall's line goes.
    static var fastLine: Configuration.Serial {
        var serial = Configuration().serial
        serial.baud = 115_200
        return serial
    }

    /// A zone in which it is now about noon, so a sign clock reset to 00:00 never agrees.
    static func noonZone() -> TimeZone {
        let hour = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).hour!
        let offset = (12 - hour + 36) % 24 - 12
        return TimeZone(secondsFromGMT: offset * 3600)!
    }

    /// A link to the simulator showing the test page (by default), or dark with `staging` ahead.
    func startDriver(
        healthInterval: Duration = .seconds(60), ledger: String? = nil, showing: Bool = true,
        staging: SignProgram? = nil
    ) throws -> LinkDriver {
        let controller = try AlphaController(configuration: Configuration())
        let reports = self.reports
        let driver = LinkDriver(
            path: "\(directory.path)/sign", serial: Self.fastLine, controller: controller,
            zone: Self.noonZone(), healthInterval: healthInterval, ledgerPath: ledger, report: { reports.post($0) })
        self.driver = driver
        driver.show(showing ? SignProgram(pages: [page]) : nil, staging: staging)
        driver.start()
        return driver
    }

    /// The bytes of the test page's picture, as the link sends it.
    var pictureBytes: Int {
        get throws {
            try AlphaController(configuration: Configuration()).program(
                SignProgram(pages: [page]), memory: SignMemory()
            ).transmissions.filter { if case .picture = $0.purpose { true } else { false } }.reduce(0) {
                $0 + $1.bytes.count
            }
        }
    }

    var pageLine: String { "lobby-sim: pages 1 \(String(page.contentHash, radix: 16))" }

    @Test("lobbyctl plan counts exactly the bytes the link sends a blank sign, as lobby-sim recorded them")
    func planEqualsTheWire() throws {
        let playlist = RepositoryFiles.path("playlists/public-resource-trading.toml")
        let result = try BuiltProgram("lobbyctl").run([
            "plan", "--lang", "en", "--config", RepositoryFiles.path("lobbyd.toml.example"), playlist,
        ])
        let total = try #require(
            result.standardOutput.split(separator: "\n").first { $0.contains("total") }?.split(separator: " ")
                .dropFirst().first.flatMap { Int($0) },
            "\(result.standardOutput) \(result.standardError)")
        let configuration = try Configuration.load(path: RepositoryFiles.path("lobbyd.toml.example"))
        let renderer = try TextRenderer(configuration: configuration)
        let parsed = try Playlist.parse(
            text: String(contentsOfFile: playlist, encoding: .utf8), file: playlist, zone: configuration.timeZone)
        let pages = try parsed.items.flatMap { try renderer.pages(for: $0) }
        let reports = self.reports
        let driver = LinkDriver(
            path: "\(directory.path)/sign", serial: Self.fastLine,
            controller: try AlphaController(configuration: configuration), zone: Self.noonZone(),
            healthInterval: .seconds(60), report: { reports.post($0) })
        self.driver = driver
        driver.show(SignProgram(pages: pages))
        driver.start()
        #expect(reports.waitFor { $0.isSynced } != nil)
        // The clock goes last, after the confirming answer: once the sign has its weekday, the
        // upload is all in (lobby-sim records what it reads before it handles it).
        #expect(simulator.waitForLine { $0.hasPrefix("lobby-sim: weekday") } != nil)
        #expect(try directory.simulatorRecordedBytes() == total)
    }

    @Test("a sign that refuses the upload: reported with the reason, sent once more, then no loop; status says so")
    func refusedUpload() throws {
        // A sign with room for less than one picture: it refuses the picture table and every
        // picture written under it, and says so in its error register.
        let small = try RunningProgram(
            "lobby-sim",
            [
                "--link", "\(directory.path)/small", "--baud", "0", "--quiet", "--memory", "1000", "--record",
                "\(directory.path)/small-record",
            ])
        defer { small.stop() }
        #expect(small.waitForLine { $0.contains("lobby-sim: ready on") } != nil)
        let reports = self.reports
        let ledger = "\(directory.path)/sign.json"
        func start() throws -> LinkDriver {
            let driver = LinkDriver(
                path: "\(directory.path)/small", serial: Self.fastLine,
                controller: try AlphaController(configuration: Configuration()), zone: Self.noonZone(),
                healthInterval: .seconds(1), ledgerPath: ledger, report: { reports.post($0) })
            self.driver = driver
            driver.show(SignProgram(pages: [self.page]))
            driver.start()
            return driver
        }
        let driver = try start()
        let first = reports.waitFor { if case .signRefused = $0 { true } else { false } }
        #expect(first?.event == .signRefused(problems: "拒收了一条命令或文件标签"))
        #expect(driver.status.signProblems == "拒收了一条命令或文件标签")
        // Sent once more, refused again, and then left alone: health probes every second find
        // nothing new, and no third upload starts.
        let second = reports.waitFor(from: first?.next ?? 0) { if case .signRefused = $0 { true } else { false } }
        let confirmed = reports.waitFor(from: second?.next ?? 0) { $0.isSynced }
        #expect(second != nil && confirmed != nil)
        let third = reports.waitFor(from: confirmed?.next ?? 0, timeout: .seconds(4)) {
            if case .signRefused = $0 { true } else { $0.isSynced }
        }
        #expect(third == nil, "a refused upload was sent a third time: \(String(describing: third?.event))")
        #expect(small.output.filter { $0.contains("refused") }.count >= 2)
        // The recording says what was refused, beside the bytes.
        let recording = try String(contentsOfFile: "\(directory.path)/small-record", encoding: .utf8)
        #expect(recording.contains(" # refused pictures need 98304 bytes; the sign's memory pool is 1000"))
        #expect(driver.status.state == .ready && driver.status.signProblems != nil)
        // No ledger vouches for a sign that refused: a restart sends everything again (and is
        // refused again, and says so) instead of adopting a blank sign.
        #expect(!FileManager.default.fileExists(atPath: ledger))
        driver.stop()
        let mark = small.output.count
        let restarted = try start()
        #expect(small.waitForLine(from: mark) { $0 == "lobby-sim: memory table" } != nil, "\(small.output)")
        #expect(
            reports.waitFor(from: third?.next ?? confirmed?.next ?? 0) {
                if case .signRefused = $0 { true } else { false }
            } != nil)
        _ = restarted
    }

    @Test("the sign shows the rendered frame dot for dot")
    func showsTheFrame() throws {
        _ = try startDriver()
        #expect(reports.waitFor { $0 == .up } != nil)
        #expect(simulator.waitForLine { $0 == self.pageLine } != nil)
        let shown = try #require(
            Frame(pbm: Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/dump/page-1.pbm")))))
        #expect(shown == page)
        #expect(
            !simulator.output.contains { $0.contains("malformed") || $0.contains("refused") }, "\(simulator.output)")
    }

    @Test("unplugged: link down within 5 s; plugged back: the sign's content adopted, with no operator action")
    func unplugAndReplug() throws {
        let driver = try startDriver()
        guard let up = reports.waitFor(timeout: .seconds(15), { $0.isSynced }),
            let shown = simulator.waitForLine({ $0 == self.pageLine })
        else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        try directory.tellSimulator("unplug 2")
        let started = ContinuousClock.now
        let down = reports.waitFor(from: up.next, timeout: .seconds(5)) { $0.isDown }
        #expect(down != nil, "no link_down within 5 s")
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(driver.status.state == .failed || driver.status.state == .opening)
        let back = reports.waitFor(from: down?.next ?? up.next, timeout: .seconds(20)) { $0 == .up }
        #expect(back != nil)
        // The sign kept its memory (a cable, not its power): its manifest proves it, so only
        // the run sequence goes again, and the page never left the panel.
        let synced = reports.waitFor(from: back?.next ?? up.next) { $0.isSynced }
        guard case .synced(let bytes)? = synced?.event else {
            Issue.record("no upload after the cable came back")
            return
        }
        #expect(bytes < 100, "adopted, not re-uploaded: \(bytes) bytes")
        #expect(!simulator.output[shown.next...].contains { $0.hasPrefix("lobby-sim: pages") })
    }

    @Test("a restart adopts what the sign holds: no memory table and no page sent again, the panel never dark")
    func restartAdopts() throws {
        let ledger = "\(directory.path)/sign.json"
        let first = try startDriver(ledger: ledger)
        guard let synced = reports.waitFor({ $0.isSynced }),
            let shown = simulator.waitForLine({ $0 == self.pageLine })
        else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        #expect(FileManager.default.fileExists(atPath: ledger))
        first.stop()  // as lobbyd stops with on_stop = "keep": the sign keeps showing
        _ = try startDriver(ledger: ledger)
        let again = reports.waitFor(from: synced.next) { $0.isSynced }
        guard case .synced(let bytes)? = again?.event else {
            Issue.record("the restarted link never synced: \(simulator.output)")
            return
        }
        #expect(bytes < 100, "adopted, not re-uploaded: \(bytes) bytes")
        #expect(!simulator.output[shown.next...].contains { $0.hasPrefix("lobby-sim: pages") })
        // A restart with the ledger changed as `change` does: the bytes the link then sends.
        var next = again?.next ?? 0
        func restart(changing change: (inout SignLedger) -> Void) throws -> Int? {
            driver?.stop()
            var changed = try #require(try SignLedger.load(ledger))
            change(&changed)
            try changed.save(ledger)
            _ = try startDriver(ledger: ledger)
            let synced = reports.waitFor(from: next) { $0.isSynced }
            next = synced?.next ?? next
            guard case .synced(let bytes)? = synced?.event else { return nil }
            return bytes
        }
        // A ledger that does not match the sign (another sign, or one rewritten by hand) is
        // not trusted: everything goes again.
        let resent = try restart { $0.token = SignLedger.newToken() }
        let picture = try pictureBytes
        #expect(resent.map { $0 > picture } == true, "the picture goes again: \(resent as Any) bytes")
        // The sign's token, but recorded for another memory layout (the panel was resized in
        // the configuration since): not adopted either.
        let relaid = try restart { $0.layout = "alpha 00 192x16 mono 16 slots" }
        #expect(relaid.map { $0 > picture } == true, "everything goes again: \(relaid as Any) bytes")
    }

    @Test("while dark, the next opening's pages are uploaded ahead; lighting the screen then costs only the switch")
    func staging() throws {
        let driver = try startDriver(showing: false, staging: SignProgram(pages: [page]))
        guard let staged = reports.waitFor({ $0.isSynced }),
            case .synced(let stagedBytes) = staged.event
        else {
            Issue.record("nothing was staged: \(simulator.output)")
            return
        }
        #expect(try stagedBytes > pictureBytes, "the picture went ahead: \(stagedBytes) bytes")
        #expect(!simulator.output.contains { $0.hasPrefix("lobby-sim: pages") }, "the panel stays dark")
        driver.show(SignProgram(pages: [page]))
        let lit = reports.waitFor(from: staged.next) { $0.isSynced }
        guard case .synced(let switchBytes)? = lit?.event else {
            Issue.record("the screen did not light")
            return
        }
        #expect(switchBytes < 100, "lighting sent \(switchBytes) bytes")
        #expect(simulator.waitForLine { $0 == self.pageLine } != nil)
    }

    @Test("a power-cycled sign is noticed within one health period and re-synced")
    func powerCycle() throws {
        _ = try startDriver(healthInterval: .seconds(2))
        // Cut once the upload is confirmed and the clock set.
        guard reports.waitFor({ $0.isSynced }) != nil,
            let shown = simulator.waitForLine({ $0 == self.pageLine })
        else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        try directory.tellSimulator("power-cycle")
        guard let dark = simulator.waitForLine(from: shown.next, { $0 == "lobby-sim: pages 0" }) else {
            Issue.record("the simulator did not lose its memory")
            return
        }
        // The next health probe (2 s here) finds the manifest gone; the margin is for a loaded machine.
        let reset = reports.waitFor(timeout: .seconds(10)) { $0 == .signReset }
        #expect(reset != nil, "the power cut was not reported")
        #expect(simulator.waitForLine(from: dark.next, timeout: .seconds(10)) { $0 == self.pageLine } != nil)
        // And the end of the blank time, for the monthly report.
        #expect(reports.waitFor(from: reset?.next ?? 0, timeout: .seconds(10)) { $0 == .signRestored } != nil)
    }

    @Test("a muted sign degrades the link without a crash, and it recovers when the sign answers again")
    func muted() throws {
        let driver = try startDriver(healthInterval: .seconds(1))
        // Muted once the upload is confirmed: the next health probe goes unanswered. (Muted
        // during the upload, the sign is noticed only when its bytes could all have crossed
        // the line, `LinkLineSpeedTests`.)
        guard let up = reports.waitFor({ $0.isSynced }) else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        try directory.tellSimulator("mute on")
        let down = reports.waitFor(from: up.next, timeout: .seconds(10)) {
            $0 == .down(cause: "控制卡没有应答")
        }
        #expect(down != nil, "\(reports.all) \(driver.status)")
        #expect(driver.status.state == .degraded && driver.status.lastError == "控制卡没有应答")
        try directory.tellSimulator("mute off")
        #expect(reports.waitFor(from: down?.next ?? up.next, timeout: .seconds(30)) { $0 == .up } != nil)
    }

    @Test("corrupted bytes are rejected and counted by the sign, which keeps running and answering")
    func corruption() throws {
        let driver = try startDriver(healthInterval: .seconds(1))
        guard let up = reports.waitFor({ $0 == .up }), simulator.waitForLine({ $0 == self.pageLine }) != nil else {
            Issue.record("the link never came up: \(simulator.output)")
            return
        }
        try directory.tellSimulator("corrupt 40")
        driver.show(SignProgram(pages: [page, Frame(width: 192, height: 32)]))
        #expect(
            simulator.waitForLine { $0.hasPrefix("lobby-sim: malformed") || $0.hasPrefix("lobby-sim: refused") } != nil)
        // The sign still answers its health probes: the link never goes down.
        #expect(
            reports.waitFor(from: up.next, timeout: .seconds(3)) { $0.isDown } == nil)
        // Up: ready, or in the middle of one of its 1 s health probes.
        #expect([.ready, .probing].contains(driver.status.state), "\(driver.status.state)")
    }
}

/// The link against `lobby-sim` receiving at 9600 baud, as a real sign does: an upload takes
/// seconds to cross the line after lobbyd has written it into the port's buffers.
@Suite("Link at real line speed", .serialized)
final class LinkLineSpeedTests {
    let directory: TemporaryDirectory
    let simulator: RunningProgram
    let reports = EventInbox<LinkReport>()
    var driver: LinkDriver?

    init() throws {
        directory = try TemporaryDirectory()
        simulator = try RunningProgram(
            "lobby-sim",
            [
                "--link", "\(directory.path)/sign", "--baud", "9600", "--quiet", "--control",
                "\(directory.path)/control",
            ])
        #expect(simulator.waitForLine { $0.contains("lobby-sim: ready on") } != nil)
    }

    deinit {
        driver?.stop()
        simulator.stop()
    }

    /// `count` pages of dense text: about 2.6 KB each on the wire, 2.7 s at 9600 baud.
    static func densePages(_ count: Int) throws -> [Frame] {
        let pages = try TextRenderer(configuration: Configuration()).render(
            String(repeating: "欢迎来到市政务服务中心办事，请取号排队。", count: 2 * count))
        return Array(pages.prefix(count))
    }

    /// A link at 9600 baud to this suite's lobby-sim, recording what the sign holds in `ledger`.
    func startDriver(ledger: String? = nil, showing pages: [Frame]) throws -> LinkDriver {
        var serial = Configuration().serial
        serial.baud = 9600
        let reports = self.reports
        let driver = LinkDriver(
            path: "\(directory.path)/sign", serial: serial,
            controller: try AlphaController(configuration: Configuration()), zone: LinkRecoveryTests.noonZone(),
            healthInterval: .seconds(60), ledgerPath: ledger, report: { reports.post($0) })
        self.driver = driver
        driver.show(SignProgram(pages: pages))
        driver.start()
        return driver
    }

    @Test("a port left full by a lobbyd killed mid-upload: the first probe waits behind it, no false outage")
    func staleBytesAtStart() throws {
        // 4,000 bytes still on their way to the sign (4.2 s at 9600 baud), as a killed lobbyd
        // leaves them; NULs, which the sign skips, so that only their time counts.
        let stale = try #require(FileHandle(forWritingAtPath: "\(directory.path)/sign"))
        stale.write(Data(count: 4000))
        try stale.close()
        _ = try startDriver(showing: try Self.densePages(1))
        let up = reports.waitFor(timeout: .seconds(15)) { $0 == .up || $0.isDown }
        #expect(up?.event == .up, "\(reports.all)")
        #expect(reports.waitFor(timeout: .seconds(20)) { $0.isSynced } != nil)
        #expect(!reports.all.contains { $0.isDown }, "\(reports.all)")
    }

    @Test("a picture cut short after its size (lobbyd killed there) does not spoil the next upload's pictures")
    func cutPicture() throws {
        // What a lobbyd killed in a picture's pause leaves: the tables, then a picture's
        // header, and nothing more.
        let controller = try AlphaController(configuration: Configuration())
        let upload = try controller.program(SignProgram(pages: try Self.densePages(1)), memory: SignMemory())
        let tables = upload.transmissions.filter { $0.purpose == .configureMemory }.flatMap(\.bytes)
        let picture = try #require(upload.transmissions.first { if case .picture = $0.purpose { true } else { false } })
        let killed = try #require(FileHandle(forWritingAtPath: "\(directory.path)/sign"))
        killed.write(Data(tables + picture.parts[0]))
        try killed.close()
        _ = try startDriver(showing: try Self.densePages(1))
        #expect(reports.waitFor(timeout: .seconds(30)) { $0.isSynced } != nil)
        #expect(!simulator.output.contains { $0.contains("refused") }, "\(simulator.output)")
        #expect(!reports.all.contains { if case .signRefused = $0 { true } else { false } }, "\(reports.all)")
    }

    @Test("a power cut while the sign receives an upload: sign_reset, everything once more, then shown")
    func powerCutDuringUpload() throws {
        let pages = try Self.densePages(3)
        _ = try startDriver(showing: pages)
        #expect(simulator.waitForLine { $0 == "lobby-sim: memory table" } != nil)
        try directory.tellSimulator("power-cycle")
        // The confirming probe finds the manifest file gone and the rest of the upload refused.
        let reset = reports.waitFor(timeout: .seconds(30)) { $0 == .signReset }
        #expect(reset != nil, "the cut was not noticed: \(reports.all)")
        let synced = reports.waitFor(from: reset?.next ?? 0, timeout: .seconds(30)) {
            if case .synced = $0 { true } else { false }
        }
        #expect(synced != nil)
        let hashes = pages.map { String($0.contentHash, radix: 16) }.joined(separator: " ")
        #expect(simulator.waitForLine(timeout: .seconds(30)) { $0 == "lobby-sim: pages 3 \(hashes)" } != nil)
    }

    @Test("a stop during a long upload returns at once, and the next start sends everything again, not adopts")
    func stopDuringUpload() throws {
        let ledger = "\(directory.path)/sign.json"
        var driver = try startDriver(ledger: ledger, showing: try Self.densePages(1))
        let first = reports.waitFor(timeout: .seconds(30)) { if case .synced = $0 { true } else { false } }
        #expect(first != nil)
        // Six pages more: 16 s of bytes. Stopped as soon as they start, which the sign sees as
        // the pending mark in its manifest.
        let mark = simulator.output.count
        driver.show(SignProgram(pages: try Self.densePages(7)))
        #expect(simulator.waitForLine(from: mark) { $0 == "lobby-sim: string # -" } != nil)
        let started = ContinuousClock.now
        driver.stop()
        let stopping = ContinuousClock.now - started
        #expect(stopping < .seconds(8), "stop waited \(stopping) for the upload")
        // The sign holds the pending mark: the restarted link does not trust it.
        let restartMark = simulator.output.count
        driver = try startDriver(ledger: ledger, showing: try Self.densePages(7))
        #expect(
            simulator.waitForLine(from: restartMark, timeout: .seconds(10)) { $0 == "lobby-sim: memory table" } != nil,
            "the restarted link adopted a sign that received half an upload")
        #expect(!simulator.output.contains { $0.contains("refused") }, "\(simulator.output)")
    }

    @Test(
        "an upload of 7 KB at 9600 baud is done when the sign confirms it, no probe after it misses, and it pauses where the sign needs"
    )
    func noFalseOutage() throws {
        // Three pages of dense text: about 7 KB even compressed, longer than a port's buffer.
        let pages = try TextRenderer(configuration: Configuration()).render(
            String(repeating: "欢迎来到市政务服务中心办事，请取号排队。", count: 4))
        let program = SignProgram(pages: Array(pages.prefix(3)))
        let bytes = try AlphaController(configuration: Configuration()).program(program, memory: SignMemory())
            .transmissions.reduce(0) { $0 + $1.bytes.count }
        #expect(pages.count >= 3 && bytes > 6_000, "\(pages.count) pages, \(bytes) bytes")
        var serial = Configuration().serial
        serial.baud = 9600
        let reports = self.reports
        let driver = LinkDriver(
            path: "\(directory.path)/sign", serial: serial,
            controller: try AlphaController(configuration: Configuration()),
            zone: LinkRecoveryTests.noonZone(), healthInterval: .seconds(1), report: { reports.post($0) })
        self.driver = driver
        driver.show(program)
        let started = ContinuousClock.now
        driver.start()
        guard let synced = reports.waitFor(timeout: .seconds(30), { $0.isSynced })
        else {
            Issue.record("the upload was never confirmed: \(simulator.output)")
            return
        }
        // Confirmed only once the bytes crossed the line, at 960 bytes a second (the sign
        // stores each picture, 200 ms in lobby-sim, while the next one arrives).
        #expect(ContinuousClock.now - started > .seconds(serial.wireSeconds(bytes: bytes)))
        #expect(simulator.waitForLine(timeout: .seconds(2)) { $0.hasPrefix("lobby-sim: pages 3") } != nil)
        // Health probes every second from now on: each answered within its 2 s.
        let down = reports.waitFor(from: synced.next, timeout: .seconds(5)) {
            if case .down = $0 { true } else { false }
        }
        #expect(down == nil, "false outage after the upload: \(String(describing: down?.event))")
        // The picture's rows came at least 100 ms after its size digits, as the sign needs.
        #expect(!simulator.output.contains { $0.contains("refused") }, "\(simulator.output)")
    }
}

extension LinkReport {
    var isSynced: Bool { if case .synced = self { true } else { false } }
    var isDown: Bool { if case .down = self { true } else { false } }
}
