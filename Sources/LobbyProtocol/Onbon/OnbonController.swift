import LobbyCore
import LobbyRender

/// The Onbon BX driver, for 6th-generation cards (BX-6E, BX-6Q): the pages become one dynamic
/// area of picture pages (图文动态区, `A7 00`) covering the panel, each page static for
/// `pageHold`, looping, shown in place of the card's own programs. The area is replaced whole
/// at every change, so nothing is content-addressed; a dark screen is the same area with one
/// dark page (a deleted area would give the panel back to whatever the card's own programs
/// show). The card keeps no manifest and its clock is not read (protocol-docs/onbon-bx.md,
/// "Not confirmed"): the link sends the area again every `refreshInterval`, since a power cut
/// empties it.
public struct OnbonController: Controller {
    public let address: UInt16
    public let model: OnbonCardModel
    public let width: Int
    public let height: Int
    public let tricolor: Bool
    public let maximumPages: Int
    public let refreshInterval: Duration?

    public var pageCapacity: Int { maximumPages }
    /// No: `writeManifest` sends nothing.
    public var keepsManifest: Bool { false }

    /// How long each page stays, as the Alpha driver holds its pages (4 s).
    static let pageHold = 400
    /// The dynamic area lobbyd uses: the first.
    static let areaID: UInt8 = 0
    /// Every area parameter before the pages, frame, sound and related programs absent.
    static let areaParameterBytes = 33
    /// A page's descriptor: its length field, 18 parameter bytes, offset and length.
    static let pageDescriptorBytes = 30
    /// The most a dynamic area may hold (Onbon's manual, 6th generation).
    public static let areaCapacity = 300 * 1024

    public init(
        address: UInt16, model: OnbonCardModel, width: Int, height: Int, tricolor: Bool, maximumPages: Int = 16,
        refreshInterval: Duration? = .seconds(600)
    ) throws(ControllerError) {
        guard (1...Int(UInt16.max)).contains(width), (1...Int(UInt16.max)).contains(height) else {
            throw .panelTooLarge(width: width, height: height, limit: Messages.Link.onbonLimit.description)
        }
        self.address = address
        self.model = model
        self.width = width
        self.height = height
        self.tricolor = tricolor
        let pageBytes = OnbonBitmap.byteCount(width: width, height: height, model: model, tricolor: tricolor)
        // The area count and length (6 bytes) and the parameters go with the pages.
        let fit = (Self.areaCapacity - 6 - Self.areaParameterBytes) / (pageBytes + Self.pageDescriptorBytes)
        guard fit >= 1 else {
            throw .panelTooLarge(
                width: width, height: height, limit: Messages.Link.onbonAreaLimit(pageBytes: pageBytes).description)
        }
        self.maximumPages = min(max(maximumPages, 1), fit)
        self.refreshInterval = refreshInterval
    }

    public init(configuration: Configuration) throws(ControllerError) {
        // The configuration's reader requires both for onbon-bx; built by hand, say so.
        guard let model = configuration.controller.model else { throw .modelMissing }
        guard let address = UInt16(configuration.controller.address), (1...0xFFFE).contains(address) else {
            throw .badAddress(configuration.controller.address)
        }
        let minutes = configuration.controller.refreshMinutes
        try self.init(
            address: address, model: model, width: configuration.panel.width,
            height: configuration.panel.height, tricolor: configuration.panel.colors == .tricolor,
            maximumPages: configuration.controller.pictureSlots,
            refreshInterval: minutes > 0 ? .seconds(minutes * 60) : nil)
    }

    public func program(_ program: SignProgram, memory: SignMemory) throws(ControllerError) -> (
        transmissions: [Transmission], memory: SignMemory
    ) {
        guard program.pages.count <= maximumPages else {
            throw .tooManyPages(pages: program.pages.count, slots: maximumPages)
        }
        let pages = program.pages.isEmpty ? [Frame(width: width, height: height)] : program.pages
        var shown = SignMemory()
        shown.isConfigured = true
        return (
            [Transmission(purpose: .area(pages: program.pages.count), bytes: frame(area(pages)), answers: 1)], shown
        )
    }

    /// Nothing: a dynamic area is shown as soon as it arrives, so it cannot go ahead of time.
    public func stage(_ program: SignProgram, memory: SignMemory) throws(ControllerError) -> (
        transmissions: [Transmission], memory: SignMemory
    ) {
        ([], memory)
    }

    public func blank(memory: SignMemory) -> (transmissions: [Transmission], memory: SignMemory) {
        var shown = SignMemory()
        shown.isConfigured = true
        return (
            [Transmission(purpose: .sequence, bytes: frame(area([Frame(width: width, height: height)])), answers: 1)],
            shown
        )
    }

    /// Nothing: lobbyd keeps the schedule, and the 6th generation's clock command is not
    /// documented (protocol-docs/onbon-bx.md).
    public func setClock(hour: Int, minute: Int, isoWeekday: Int) -> [Transmission] { [] }

    /// A brightness query: harmless, and the only documented 6th-generation read whose answer
    /// differs from a plain acknowledgement, so that the probe's answer is known for its own.
    public func probe() -> Transmission {
        Transmission(
            purpose: .probe,
            bytes: frame(OnbonFrame(command: .brightnessQuery, layout: .sixthGeneration, destination: address)))
    }

    /// The answer to `probe()` in `bytes`, with the error codes of the refusals before it (what
    /// the card refused of an upload sent ahead of the probe) as problems, and how many
    /// answers came before it (a frame lost on the line is answered by nothing).
    public func probeReply(in bytes: [UInt8]) -> ProbeReply? {
        var decoder = OnbonDecoder()
        var problems: [String] = []
        var answers = 0
        for case .frame(let answer) in decoder.feed(bytes) where answer.layout == .sixthGeneration {
            if answer.command == .refused {
                let code = answer.data.count >= 2 ? Int(answer.data[0]) | Int(answer.data[1]) << 8 : -1
                problems.append(Messages.Link.onbonRefused(code).description)
            }
            if answer.command == .acknowledged || answer.command == .refused { answers += 1 }
            if answer.command == .brightnessReport {
                var reply = ProbeReply(problems: problems, answersBefore: answers)
                reply.reveals = ["address = \"\(answer.source)\""]
                if let model = OnbonCardModel(deviceType: answer.deviceType) {
                    reply.reveals.append("model = \"\(model.rawValue)\"")
                }
                return reply
            }
        }
        return nil
    }

    /// Nothing: the card has no place for it that a probe reads back.
    public func writeManifest(_ manifest: String) -> Transmission {
        Transmission(purpose: .manifest, bytes: [])
    }

    public var memoryLayout: String {
        "onbon-bx \(address) \(model.rawValue) \(width)x\(height) \(tricolor ? "tricolor" : "mono")"
    }

    /// `A7 00` data for the one area showing `pages`: the area's parameters with a descriptor
    /// per page, then every page's bitmap (protocol-docs/onbon-bx.md, "The picture area").
    func area(_ pages: [Frame]) -> OnbonFrame {
        let bitmaps = pages.map { OnbonBitmap.encode($0, model: model, tricolor: tricolor) }
        var parameters: [UInt8] = [Self.areaID, 0x00]  // run mode: loop the pages
        parameters += [0, 0]  // timeout: none
        parameters += [0x00] + [0, 0]  // not tied to the card's programs, none listed
        parameters += [0x01]  // shown at once, in place of the card's programs
        parameters += [0, 0, 0, 0]  // reserved
        parameters += [0x10]  // area type: pictures
        parameters +=
            OnbonFrame.littleEndian(0) + OnbonFrame.littleEndian(0) + OnbonFrame.littleEndian(width)
            + OnbonFrame.littleEndian(height)
        parameters += [0x00, 0x00, 0x00, 0x00, 0x00]  // no frame, no background, opaque, same size, no sound
        parameters += [0, 0, 0, 0, 0]  // reserved
        parameters += OnbonFrame.littleEndian(pages.count)
        var offset = 0
        for bitmap in bitmaps {
            parameters += OnbonFrame.littleEndian(Self.pageDescriptorBytes - 4, bytes: 4)
            parameters += [0x00, 0x01, 0x00, 0x00]  // picture page, static, no exit effect, speed 0
            parameters += OnbonFrame.littleEndian(Self.pageHold) + [0x01] + OnbonFrame.littleEndian(width)
            parameters += [UInt8](repeating: 0, count: 9)
            parameters += OnbonFrame.littleEndian(offset, bytes: 4) + OnbonFrame.littleEndian(bitmap.count, bytes: 4)
            offset += bitmap.count
        }
        let data =
            OnbonFrame.littleEndian(1) + OnbonFrame.littleEndian(parameters.count, bytes: 4) + parameters
            + bitmaps.joined()
        return OnbonFrame(command: .pictureArea, layout: .sixthGeneration, data: data, destination: address)
    }

    /// The frame's bytes; the limits in `init` keep every frame lobbyd builds within a frame's.
    private func frame(_ frame: OnbonFrame) -> [UInt8] {
        (try? frame.encoded()) ?? []
    }
}
