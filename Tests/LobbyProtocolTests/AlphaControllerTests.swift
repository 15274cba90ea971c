import LobbyProtocol
import LobbyRender
import LobbySimulation
import Testing

@Suite("Alpha controller")
struct AlphaControllerTests {
    let controller = try! AlphaController(address: "00", width: 24, height: 8, tricolor: false, slots: 4)

    static func page(_ seed: Int) -> Frame {
        var frame = Frame(width: 24, height: 8)
        frame[seed % 24, seed % 8] = .red
        frame[(seed * 7) % 24, 3] = .red
        return frame
    }

    func pictures(_ transmissions: [Transmission]) -> Int {
        transmissions.filter { if case .picture = $0.purpose { true } else { false } }.count
    }

    @Test("a blank sign is configured once, then every page is uploaded and shown in order")
    func firstUpload() {
        var sign = AlphaSign()
        let pages = [Self.page(1), Self.page(2), Self.page(3)]
        let (transmissions, memory) = try! controller.program(SignProgram(pages: pages), memory: SignMemory())
        #expect(transmissions.first?.purpose == .configureMemory)
        #expect(pictures(transmissions) == 3)
        #expect(AlphaRoundTripTests.show(transmissions, on: &sign).isEmpty)
        #expect(sign.pages == pages)
        #expect(memory.isConfigured && memory.pictures.count == 3)
    }

    @Test("a picture pauses right after its size digits, where the sign needs 100 ms before the rows")
    func picturePause() throws {
        let (transmissions, _) = try controller.program(SignProgram(pages: [Self.page(1)]), memory: SignMemory())
        let picture = try #require(transmissions.first { if case .picture = $0.purpose { true } else { false } })
        let cut = try #require(picture.pausesAfter.first)
        // ... STX M, name LOBBYPICa, 0008 rows, 0018 (24) columns | the first row
        #expect(Array(picture.bytes[(cut - 19)..<cut]) == [0x02] + Array("MLOBBYPICa00080018".utf8))
        #expect(picture.parts.count == 2 && Array(picture.parts.joined()) == picture.bytes)
        #expect(picture.parts[1].filter { $0 == 0x0D }.count == 8, "eight rows, each ended by CR")
        #expect(transmissions.filter { $0.pausesAfter.isEmpty }.allSatisfy { $0.parts == [$0.bytes[...]] })
    }

    @Test("only changed pages are sent again; the same page twice is stored once")
    func onlyChangedPages() {
        var sign = AlphaSign()
        let first = try! controller.program(SignProgram(pages: [Self.page(1), Self.page(2)]), memory: SignMemory())
        _ = AlphaRoundTripTests.show(first.transmissions, on: &sign)
        let second = try! controller.program(
            SignProgram(pages: [Self.page(1), Self.page(5), Self.page(1)]), memory: first.memory)
        #expect(!second.transmissions.contains { $0.purpose == .configureMemory })
        #expect(pictures(second.transmissions) == 1)
        #expect(AlphaRoundTripTests.show(second.transmissions, on: &sign).isEmpty)
        #expect(sign.pages == [Self.page(1), Self.page(5), Self.page(1)])
    }

    @Test("blanking and lighting again only rewrite the run sequence")
    func blankAndBack() {
        var sign = AlphaSign()
        let pages = [Self.page(1), Self.page(2)]
        let on = try! controller.program(SignProgram(pages: pages), memory: SignMemory())
        _ = AlphaRoundTripTests.show(on.transmissions, on: &sign)
        let off = controller.blank(memory: on.memory)
        #expect(off.transmissions.map(\.purpose) == [.sequence])
        _ = AlphaRoundTripTests.show(off.transmissions, on: &sign)
        #expect(sign.pages.isEmpty)
        let back = try! controller.program(SignProgram(pages: pages), memory: off.memory)
        #expect(back.transmissions.map(\.purpose) == [.sequence])
        _ = AlphaRoundTripTests.show(back.transmissions, on: &sign)
        #expect(sign.pages == pages)
    }

    @Test("after a power cut (memory forgotten) everything is uploaded again")
    func powerCycle() {
        var sign = AlphaSign()
        let pages = [Self.page(1)]
        let first = try! controller.program(SignProgram(pages: pages), memory: SignMemory())
        _ = AlphaRoundTripTests.show(first.transmissions, on: &sign)
        sign.powerCycle()
        #expect(sign.pages.isEmpty)
        let again = try! controller.program(SignProgram(pages: pages), memory: SignMemory())
        _ = AlphaRoundTripTests.show(again.transmissions, on: &sign)
        #expect(sign.pages == pages)
    }

    @Test("the manifest lobbyd stores is read back by the probe, and is gone after the memory table is rewritten")
    func manifest() {
        var sign = AlphaSign()
        let first = try! controller.program(SignProgram(pages: [Self.page(1)]), memory: SignMemory())
        #expect(
            AlphaRoundTripTests.show(first.transmissions + [controller.writeManifest("0123456789abcdef")], on: &sign)
                .isEmpty)
        let (answer, _) = AlphaRoundTripTests.answers(to: [controller.probe()], on: &sign)
        #expect(controller.probeReply(in: answer)?.manifest == "0123456789abcdef")
        // The answer to the manifest read alone is not a whole probe reply.
        let manifestOnly = Array(answer.prefix { $0 != AlphaConstants.eot }) + [AlphaConstants.eot]
        #expect(controller.probeReply(in: manifestOnly) == nil)
        // Configuring the memory again (a re-sync) empties it; a power cut removes the file.
        _ = AlphaRoundTripTests.show(
            try! controller.program(SignProgram(pages: [Self.page(2)]), memory: SignMemory()).transmissions, on: &sign)
        #expect(
            controller.probeReply(in: AlphaRoundTripTests.answers(to: [controller.probe()], on: &sign).answer)?.manifest
                == "")
        sign.powerCycle()
        #expect(
            controller.probeReply(in: AlphaRoundTripTests.answers(to: [controller.probe()], on: &sign).answer)?.manifest
                == nil)
    }

    @Test("the probe reports what the sign refused or received damaged since the previous probe, once")
    func refusalsReported() {
        // Room for fewer pictures than the table asks: the sign refuses the table, then every
        // picture written under it.
        var sign = AlphaSign(memoryPool: 100)
        let upload = try! controller.program(SignProgram(pages: [Self.page(1)]), memory: SignMemory())
        #expect(!AlphaRoundTripTests.show(upload.transmissions, on: &sign).isEmpty)
        let probe = { (sign: inout AlphaSign) in
            self.controller.probeReply(in: AlphaRoundTripTests.answers(to: [self.controller.probe()], on: &sign).answer)
        }
        #expect(probe(&sign)?.problems == ["拒收了一条命令或文件标签"])
        #expect(probe(&sign)?.problems == [], "the probe cleared the register")
        // A packet damaged on the line.
        var damaged = controller.setClock(hour: 9, minute: 0, isoWeekday: 1)[0].bytes
        damaged[damaged.count - 3] ^= 0x01
        _ = AlphaRoundTripTests.show([Transmission(purpose: .clock, bytes: damaged)], on: &sign)
        #expect(probe(&sign)?.problems == ["校验和错误"])
    }

    @Test("more pages than memory slots, or a panel beyond large pictures, is refused with the reason")
    func limits() {
        #expect(throws: ControllerError.tooManyPages(pages: 5, slots: 4)) {
            try controller.program(SignProgram(pages: (1...5).map(Self.page)), memory: SignMemory())
        }
        #expect(throws: ControllerError.self) {
            try AlphaController(address: "00", width: 65_536, height: 64, tricolor: false)
        }
    }

    @Test("the probe's answer is recognised, and other bytes are not")
    func probe() throws {
        var sign = AlphaSign()
        // A sign with no manifest file answers the clock only.
        let (answer, complaints) = AlphaRoundTripTests.answers(to: [controller.probe()], on: &sign)
        #expect(complaints.isEmpty)
        #expect(controller.probeReply(in: answer) == ProbeReply(hour: 0, minute: 0))
        #expect(controller.probeReply(in: controller.probe().bytes) == nil)
        #expect(controller.probeReply(in: Array(answer.dropLast())) == nil)
        #expect(ProbeReply(hour: 23, minute: 59).agrees(hour: 0, minute: 1))
        #expect(!ProbeReply(hour: 0, minute: 0).agrees(hour: 8, minute: 20))
    }
}
