import LobbyCore
import LobbyRender

/// The Alpha driver: pages become large DOTS pictures, run-length compressed, in a fixed pool
/// of memory slots (named `LOBBYPICa`…), each called by a TEXT file (labels `A`…), run in order
/// by the run sequence. The memory table
/// is written only when the sign holds nothing we know of, because writing it erases the sign.
/// Pictures are content-addressed, so a page already on the sign is never sent again, and
/// switching the screen on or off only rewrites the run sequence.
public struct AlphaController: Controller {
    public let encoder: AlphaEncoder
    public let width: Int
    public let height: Int
    public let tricolor: Bool
    public let slots: Int

    static let pictureLabels = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    static let textLabels = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    /// The TEXT file of the dark screen: it shows a space.
    static let blankText = UInt8(ascii: "@")
    /// The STRING file holding lobbyd's manifest token (`writeManifest`).
    static let manifestLabel = UInt8(ascii: "#")
    static let manifestCapacity = 16
    static let textCapacity = 16

    public init(address: String, width: Int, height: Int, tricolor: Bool, slots: Int = 16) throws(ControllerError) {
        guard width <= AlphaConstants.largePictureLimit, height <= AlphaConstants.largePictureLimit else {
            throw .panelTooLarge(
                width: width, height: height, limit: Messages.Link.alphaLimit.description)
        }
        encoder = AlphaEncoder(address: address)
        self.width = width
        self.height = height
        self.tricolor = tricolor
        self.slots = min(max(slots, 1), Self.pictureLabels.count)
    }

    public init(configuration: Configuration) throws(ControllerError) {
        try self.init(
            address: configuration.controller.address, width: configuration.panel.width,
            height: configuration.panel.height, tricolor: configuration.panel.colors == .tricolor,
            slots: configuration.controller.pictureSlots)
    }

    public func program(_ program: SignProgram, memory: SignMemory) throws(ControllerError) -> (
        transmissions: [Transmission], memory: SignMemory
    ) {
        var (transmissions, memory) = configureIfNeeded(memory)
        let hashes = program.pages.map(\.contentHash)
        guard hashes.count <= slots else { throw .tooManyPages(pages: hashes.count, slots: slots) }
        var labelFor: [UInt64: UInt8] = [:]
        for (label, hash) in memory.pictures where hashes.contains(hash) { labelFor[hash] = label }
        var free = Self.pictureLabels.prefix(slots).filter { memory.pictures[$0].map { !hashes.contains($0) } ?? true }
        for (page, frame) in program.pages.enumerated() where labelFor[frame.contentHash] == nil {
            let label = free.removeFirst()
            labelFor[frame.contentHash] = label
            memory.pictures[label] = frame.contentHash
            transmissions.append(
                Transmission(
                    purpose: .picture(page: page), bytes: encoder.writePicture(frame, name: Self.pictureName(label)),
                    pausesAfter: [AlphaEncoder.pictureRowsOffset]))
        }
        for (page, hash) in hashes.enumerated() {
            let text = Self.textLabels[page]
            if memory.texts[text] != labelFor[hash] {
                memory.texts[text] = labelFor[hash]
                transmissions.append(
                    Transmission(
                        purpose: .text,
                        bytes: encoder.writeText(label: text, calls: [Self.pictureName(labelFor[hash]!)])))
            }
        }
        let sequence = hashes.isEmpty ? [Self.blankText] : Array(Self.textLabels.prefix(hashes.count))
        transmissions.append(Transmission(purpose: .sequence, bytes: encoder.runSequence(sequence)))
        return (transmissions, memory)
    }

    /// The pictures and the TEXT files that call them; the run sequence (what is shown) is
    /// left as it is.
    public func stage(_ program: SignProgram, memory: SignMemory) throws(ControllerError) -> (
        transmissions: [Transmission], memory: SignMemory
    ) {
        let (transmissions, memory) = try self.program(program, memory: memory)
        return (transmissions.filter { $0.purpose != .sequence }, memory)
    }

    public func blank(memory: SignMemory) -> (transmissions: [Transmission], memory: SignMemory) {
        let (transmissions, memory) = configureIfNeeded(memory)
        return (
            transmissions + [Transmission(purpose: .sequence, bytes: encoder.runSequence([Self.blankText]))], memory
        )
    }

    public func setClock(hour: Int, minute: Int, isoWeekday: Int) -> [Transmission] {
        [
            Transmission(purpose: .clock, bytes: encoder.setTimeOfDay(hour: hour, minute: minute)),
            Transmission(purpose: .clock, bytes: encoder.setDayOfWeek(isoWeekday: isoWeekday)),
        ]
    }

    /// Three reads and a clear in one transmission: the manifest, the serial error register
    /// (then cleared, so each probe reports what went wrong since the one before), and the time
    /// of day. The sign answers in order, so when the clock's answer is in, the others are too,
    /// if the sign answers them at all (one that lost its memory table has no manifest file).
    public func probe() -> Transmission {
        Transmission(
            purpose: .probe,
            bytes: encoder.readString(label: Self.manifestLabel) + encoder.readErrorStatus()
                + encoder.clearErrorStatus() + encoder.readTimeOfDay())
    }

    public func probeReply(in bytes: [UInt8]) -> ProbeReply? {
        var decoder = AlphaDecoder()
        var manifest: String?
        var problems: [String] = []
        for case .packet(let packet) in decoder.feed(bytes) where packet.type == AlphaConstants.typeResponse {
            if packet.command == AlphaConstants.Command.writeString, packet.data.first == Self.manifestLabel {
                manifest = String(decoding: packet.data.dropFirst(), as: UTF8.self)
            }
            if packet.command == AlphaConstants.Command.writeSpecial, packet.data.count == 2,
                packet.data[0] == AlphaConstants.Special.errorStatus
            {
                problems = AlphaErrorStatus(rawValue: packet.data[1]).problems
            }
            guard packet.command == AlphaConstants.Command.writeSpecial, packet.data.count == 5,
                packet.data[0] == AlphaConstants.Special.timeOfDay,
                let hour = AlphaConstants.decimalValue(packet.data[1..<3]),
                let minute = AlphaConstants.decimalValue(packet.data[3..<5])
            else { continue }
            return ProbeReply(hour: hour, minute: minute, manifest: manifest, problems: problems)
        }
        return nil
    }

    public var pageCapacity: Int { slots }
    public var keepsManifest: Bool { true }

    /// An Alpha sign keeps a manifest and a clock that a probe reads: no blind refresh.
    public var refreshInterval: Duration? { nil }

    public var memoryLayout: String {
        "alpha \(encoder.address) \(width)x\(height) \(tricolor ? "tricolor" : "mono") \(slots) slots"
    }

    public func writeManifest(_ manifest: String) -> Transmission {
        Transmission(
            purpose: .manifest,
            bytes: encoder.writeString(label: Self.manifestLabel, Array(manifest.utf8.prefix(Self.manifestCapacity))))
    }

    /// The large picture of slot `label`: `LOBBYPIC` and the slot's letter.
    static func pictureName(_ label: UInt8) -> [UInt8] {
        Array("LOBBYPIC".utf8) + [label]
    }

    /// The memory table (one TEXT file per slot, the blank TEXT, the manifest), the table of
    /// large pictures (the slots) and the blank TEXT's content, when the sign holds nothing we
    /// know of.
    private func configureIfNeeded(_ memory: SignMemory) -> ([Transmission], SignMemory) {
        guard !memory.isConfigured else { return ([], memory) }
        var files = Self.textLabels.prefix(slots).map {
            AlphaMemoryFile(label: $0, kind: .text(bytes: Self.textCapacity))
        }
        files.append(AlphaMemoryFile(label: Self.blankText, kind: .text(bytes: Self.textCapacity)))
        files.append(AlphaMemoryFile(label: Self.manifestLabel, kind: .string(bytes: Self.manifestCapacity)))
        var configured = SignMemory()
        configured.isConfigured = true
        return (
            [
                Transmission(purpose: .configureMemory, bytes: encoder.memoryConfiguration(files)),
                Transmission(
                    purpose: .configureMemory,
                    bytes: encoder.largePictureTable(
                        Self.pictureLabels.prefix(slots).map {
                            AlphaLargePicture(
                                name: Self.pictureName($0), rows: height, columns: width, tricolor: tricolor)
                        })),
                Transmission(purpose: .text, bytes: encoder.writeText(label: Self.blankText, calls: [])),
            ], configured
        )
    }
}
