import LobbyCore
import LobbyRender
import LobbySimulation
import PropertyBased
import Testing

@testable import LobbyProtocol

/// The Onbon driver's bytes: the picture area (`A7 00`) read back by the separate decoder and
/// the strict card model, dot for dot, on every panel form; the bitmap against Onbon's manual;
/// the probe and its answers; the limits.
@Suite struct OnbonControllerTests {
    /// A page with a lit dot at each corner and a pattern inside, in `colors`.
    static func page(width: Int, height: Int, colors: [DotColor], seed: UInt64) -> Frame {
        var frame = Frame(width: width, height: height)
        var state = seed
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                if state >> 61 == 0 { frame.light(x: x, y: y, colors[Int(state >> 32) % colors.count]) }
            }
        }
        for (x, y) in [(0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1)] {
            frame.light(x: x, y: y, colors[0])
        }
        return frame
    }

    /// What the card shows after `transmissions`, read by the decoder and `OnbonSign`.
    static func shown(_ transmissions: [Transmission], on card: inout OnbonSign) throws -> [[UInt8]] {
        var decoder = OnbonDecoder()
        var answers: [[UInt8]] = []
        for output in decoder.feed(transmissions.flatMap(\.bytes)) {
            guard case .frame(let frame) = output else {
                Issue.record("malformed: \(output)")
                continue
            }
            #expect(card.isAddressed(frame))
            answers.append(try card.apply(frame))
        }
        return answers
    }

    @Test(
        "every panel form: the pages on the simulated card equal the rendered pages dot for dot",
        arguments: [
            (OnbonCardModel.bx6E1, false, 192, 32), (.bx6E2, true, 200, 24), (.bx6E3, false, 31, 7),
            (.bx6Q2, true, 64, 33), (.bx6E1X, true, 96, 16),
        ])
    func areaRoundTrip(model: OnbonCardModel, tricolor: Bool, width: Int, height: Int) throws {
        let colors: [DotColor] = tricolor ? [.red, .green, .amber] : [.red]
        let pages = (0..<3).map { Self.page(width: width, height: height, colors: colors, seed: UInt64($0)) }
        let controller = try OnbonController(
            address: 7, model: model, width: width, height: height, tricolor: tricolor)
        var card = OnbonSign(address: 7, model: model, width: width, height: height, tricolor: tricolor)
        let (transmissions, memory) = try controller.program(SignProgram(pages: pages), memory: SignMemory())
        #expect(memory.isConfigured)
        #expect(transmissions.map(\.purpose) == [.area(pages: 3)] && transmissions.map(\.answers) == [1])
        _ = try Self.shown(transmissions, on: &card)
        #expect(card.pages == pages)
        // Dark: one page with nothing lit, still in place of the card's own programs.
        _ = try Self.shown(controller.blank(memory: memory).transmissions, on: &card)
        #expect(card.pages == [Frame(width: width, height: height)])
    }

    /// Onbon's manual, appendix 2: a row in 32-bit words, low byte first, the leftmost dot the
    /// highest bit, 0 lit, and the bits past the edge 1; red plane, then green.
    @Test func bitmapAsTheManualDescribesIt() {
        var frame = Frame(width: 40, height: 1)
        frame.light(x: 0, y: 0, .red)
        frame.light(x: 9, y: 0, .green)
        frame.light(x: 33, y: 0, .amber)
        #expect(
            OnbonBitmap.encode(frame, model: .bx6E1, tricolor: true) == [
                0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xBF,  // red: dot 0; dot 33 in the second word
                0xFF, 0xFF, 0xBF, 0xFF, 0xFF, 0xFF, 0xFF, 0xBF,  // green: dot 9; dot 33
            ])
        #expect(
            OnbonBitmap.encode(frame, model: .bx6E1, tricolor: false) == [
                0xFF, 0xFF, 0xBF, 0x7F, 0xFF, 0xFF, 0xFF, 0xBF,
            ])
        #expect(Array(OnbonBitmap.encode(frame, model: .bx6Q1, tricolor: true).prefix(6)) == [0xFF, 0, 0, 0, 0, 0])
    }

    /// The area's parameters as the manual lays them out (one area, the whole panel, one page).
    @Test func areaParametersAsTheManualLaysThemOut() throws {
        let controller = try OnbonController(address: 1, model: .bx6E1, width: 32, height: 2, tricolor: false)
        let frame = controller.area([Frame(width: 32, height: 2)])
        #expect(frame.command == .pictureArea && frame.layout == .sixthGeneration)
        let expected: [UInt8] =
            [0x01, 0x00]  // one area
            + [0x3F, 0x00, 0x00, 0x00]  // its parameters: 33 bytes and one page descriptor of 30
            + [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x10]
            + [0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x02, 0x00]  // at 0,0, 32×2
            + [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00]  // one page
            + [0x1A, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x90, 0x01, 0x01, 0x20, 0x00]  // static, 4 s
            + [UInt8](repeating: 0, count: 9) + [0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00]
            + [UInt8](repeating: 0xFF, count: 8)  // two dark rows
        #expect(frame.data == expected)
        #expect(frame.parameters == (0, 0) && frame.reply == OnbonFrame.Reply.required.rawValue)
    }

    @Test("the probe's answer is the brightness report; refusals before it are the card's problems")
    func probeAnswers() throws {
        let controller = try OnbonController(address: 1, model: .bx6E1, width: 192, height: 32, tricolor: false)
        var card = OnbonSign()
        let report = try Self.shown([controller.probe()], on: &card)
        // The answer names the card: its screen number and, from its device type, its model.
        var alone = ProbeReply(answersBefore: 0)
        alone.reveals = [#"address = "1""#, #"model = "6E1""#]
        #expect(controller.probeReply(in: report.joined().map { $0 }) == alone)
        // An acknowledgement alone is of something before the probe: not its answer.
        let acknowledged = try Self.shown([controller.blank(memory: SignMemory()).transmissions[0]], on: &card)
        #expect(controller.probeReply(in: acknowledged.joined().map { $0 }) == nil)
        let wide = try OnbonController(address: 1, model: .bx6E1, width: 256, height: 32, tricolor: false)
        var refusal: OnbonSign.Refusal?
        do {
            _ = try Self.shown(wide.program(SignProgram(pages: []), memory: SignMemory()).transmissions, on: &card)
        } catch {
            refusal = error as? OnbonSign.Refusal
        }
        let refused = try #require(refusal)
        let answers = card.answer(refusing: refused) + report.joined()
        var after = ProbeReply(
            problems: [Messages.Link.onbonRefused(Int(OnbonSign.ErrorCode.screenParameter)).description],
            answersBefore: 2)
        after.reveals = alone.reveals
        #expect(controller.probeReply(in: acknowledged.joined() + answers) == after)
        // In hex, as Onbon's table numbers them, with what the table says.
        #expect(
            Language.$scoped.withValue(.english) { Messages.Link.onbonRefused(0x12).description }.contains(
                "error 0x12: screen parameter out of range"))
        // Cut anywhere before its end, the answer is not complete.
        for cut in 0..<answers.count { #expect(controller.probeReply(in: Array(answers.prefix(cut))) == nil) }
    }

    /// The simulated card reads untrusted frames: a picture area with any bytes changed, cut or
    /// lengthened is refused with a reason or shown, never a crash (the fuzzer goes further).
    @Test func damagedAreasAreRefusedOrShown() async throws {
        let controller = try OnbonController(address: 1, model: .bx6E1, width: 64, height: 8, tricolor: true)
        let pages = (0..<2).map { Self.page(width: 64, height: 8, colors: [.red, .amber], seed: UInt64($0)) }
        let good = controller.area(pages).data
        await propertyCheck(
            count: 400, input: Gen.int(in: 0..<good.count), Gen.uint8(), Gen.int(in: -40...40)
        ) { index, value, resize in
            var data = good
            data[index] = value
            data = resize < 0 ? Array(data.dropLast(-resize)) : data + [UInt8](repeating: value, count: resize)
            var card = OnbonSign(width: 64, height: 8, tricolor: true)
            let frame = OnbonFrame(command: .pictureArea, layout: .sixthGeneration, data: data)
            do throws(OnbonSign.Refusal) {
                _ = try card.apply(frame)
                #expect(!card.pages.isEmpty)
            } catch {
                #expect(!error.description.isEmpty && card.pages.isEmpty)
            }
        }
    }

    /// A font card's frame to any card reaches a 6th-generation card, which refuses it as the
    /// wrong protocol; one for another address is not its business.
    @Test func fontCardFramesAreRefused() {
        let card = OnbonSign()
        var copy = card
        let ping = OnbonFrame(command: .ping)
        #expect(card.isAddressed(ping))
        #expect(throws: OnbonSign.Refusal.self) { try copy.apply(ping) }
        #expect(!card.isAddressed(OnbonFrame(command: .ping, destination: 2)))
        #expect(!card.isAddressed(OnbonFrame(command: .ping, layout: .sixthGeneration, deviceType: 0x0266)))
    }

    @Test func limits() throws {
        // 300 KB an area: a 1024×512 two-colour page takes 128 KB, so two fit.
        let large = try OnbonController(address: 1, model: .bx6E1, width: 1024, height: 512, tricolor: true)
        #expect(large.maximumPages == 2 && large.pageCapacity == 2)
        #expect(throws: ControllerError.tooManyPages(pages: 3, slots: 2)) {
            try large.program(
                SignProgram(pages: Array(repeating: Frame(width: 1024, height: 512), count: 3)), memory: SignMemory())
        }
        #expect(throws: ControllerError.self) {
            try OnbonController(address: 1, model: .bx6Q1, width: 1024, height: 512, tricolor: true)
        }
        #expect(
            try OnbonController(address: 1, model: .bx6E1, width: 192, height: 32, tricolor: false).maximumPages == 16)
        // Built by hand from a configuration the reader did not check: no silent defaults.
        var configuration = Configuration()
        configuration.controller.driver = .onbonBX
        #expect(throws: ControllerError.modelMissing) { try OnbonController(configuration: configuration) }
        configuration.controller.model = .bx6E1
        #expect(throws: ControllerError.badAddress("00")) { try OnbonController(configuration: configuration) }
    }
}
