import LobbyCore
import LobbyProtocol
import LobbyRender

/// What a 6th-generation Onbon card (BX-6E/6Q) holds and shows, changed frame by frame: its
/// dynamic areas of picture pages (`A7 00`), deleted with `A7 01`, lost at a power cut. It
/// answers as the card does: an acknowledgement (`A0 00`) or a refusal with an error code
/// (`A0 01`), and its brightness (`A2 99`) to a brightness query. It is strict, so an encoder
/// bug shows up as a refusal. lobby-sim is built on it; what it checks is in
/// protocol-docs/onbon-bx.md.
public struct OnbonSign: Sendable {
    /// Why a frame was refused, with the error code the card answers.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var code: UInt8
        public var description: String

        public init(code: UInt8, description: String) {
            self.code = code
            self.description = description
        }
    }

    /// One dynamic area: where it is on the panel and its pages.
    public struct Area: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var width: Int
        public var height: Int
        public var pages: [Frame]
    }

    public let address: UInt16
    public let model: OnbonCardModel
    public let width: Int
    public let height: Int
    public let tricolor: Bool
    public private(set) var areas: [UInt8: Area] = [:] {
        didSet { pages = Self.panelPages(areas, width: width, height: height) }
    }
    /// What the panel shows, page by page: the pages of the area with the lowest id, drawn where
    /// it lies on the panel (lobbyd uses one area, the whole panel). Drawn when the areas change.
    public private(set) var pages: [Frame] = []

    /// The error codes the card answers (Onbon's table).
    public enum ErrorCode {
        public static let noSuchCommand: UInt8 = 0x02
        public static let crc: UInt8 = 0x05
        public static let outOfMemory: UInt8 = 0x04
        public static let wrongController: UInt8 = 0x11
        public static let screenParameter: UInt8 = 0x12
    }

    /// The most dynamic areas a card holds.
    public static let maximumAreas = 32

    public init(
        address: UInt16 = 1, model: OnbonCardModel = .bx6E1, width: Int = 192, height: Int = 32, tricolor: Bool = false
    ) {
        self.address = address
        self.model = model
        self.width = width
        self.height = height
        self.tricolor = tricolor
    }

    /// The device type in its answers (Onbon's manual).
    public var deviceType: UInt16 { model.deviceType }

    private static func panelPages(_ areas: [UInt8: Area], width: Int, height: Int) -> [Frame] {
        guard let area = areas.keys.min().flatMap({ areas[$0] }) else { return [] }
        return area.pages.map { page in
            var panel = Frame(width: width, height: height)
            for y in 0..<area.height {
                for x in 0..<area.width where page[x, y] != .off {
                    panel.light(x: area.x + x, y: area.y + y, page[x, y])
                }
            }
            return panel
        }
    }

    /// A power cut: the dynamic areas are gone (the card keeps them in memory only).
    public mutating func powerCycle() {
        areas = [:]
    }

    /// Whether the card takes `frame` at all: for its address (or any card), for its device
    /// type or any (a font card's "any" too, which it then refuses as the wrong protocol).
    public func isAddressed(_ frame: OnbonFrame) -> Bool {
        let anyType: [UInt16] =
            frame.layout == .fontCard ? [UInt16(OnbonConstants.anyFontCard)] : [OnbonConstants.anyDevice, 0xFFFF]
        return [address, 0xFFFE, 0xFFFF].contains(frame.destination)
            && (anyType.contains(frame.deviceType) || frame.deviceType == deviceType)
    }

    /// Applies one frame the card takes; returns its answer (the frame's bytes), or throws the
    /// refusal, whose answer is `answer(refusing:)`.
    public mutating func apply(_ frame: OnbonFrame) throws(Refusal) -> [UInt8] {
        guard frame.layout == .sixthGeneration else {
            throw Refusal(
                code: ErrorCode.wrongController, description: "a font-card frame (protocol 02) on a 6th-generation card"
            )
        }
        switch frame.command {
        case .pictureArea: try showAreas(frame.data)
        case .deleteAreas: try deleteAreas(frame.data)
        case .ping: break
        case .brightnessQuery:
            // Sensor reading, manual mode, level 15 of 16, reserved.
            return answer(.brightnessReport, status: 0, data: [0, 0, 0, 0, 0x00, 0x0F, 0x00])
        default:
            throw Refusal(
                code: ErrorCode.noSuchCommand,
                description: "unsupported command \(Self.hex(frame.command.group)) \(Self.hex(frame.command.code))")
        }
        return answer(.acknowledged, status: 0, data: [])
    }

    /// The card's refusal: `A0 01`, the NACK bit in the status, the error code.
    public func answer(refusing refusal: Refusal) -> [UInt8] {
        answer(.refused, status: 1, error: UInt16(refusal.code), data: [])
    }

    /// An answer frame: a reserved byte where requests have their reply flag, the command, the
    /// status word; then the error word, the data's length and the data.
    private func answer(_ command: OnbonFrame.Command, status: UInt16, error: UInt16 = 0, data: [UInt8]) -> [UInt8] {
        let frame = OnbonFrame(
            layout: .sixthGeneration, destination: OnbonConstants.host, source: address, deviceType: deviceType,
            command: command, reply: 0, parameters: (UInt8(status & 0xFF), UInt8(status >> 8)),
            data: OnbonFrame.littleEndian(Int(error)) + OnbonFrame.littleEndian(data.count) + data)
        return (try? frame.encoded()) ?? []
    }

    private mutating func showAreas(_ data: [UInt8]) throws(Refusal) {
        guard data.count <= OnbonController.areaCapacity + 64 else {
            throw Refusal(
                code: ErrorCode.outOfMemory, description: "\(data.count) bytes: more than a dynamic area holds")
        }
        var reader = Reader(data)
        let count = try reader.word("area count")
        guard (1...Self.maximumAreas).contains(count) else { throw reader.bad("area count \(count)") }
        var layouts: [(id: UInt8, area: Area, pages: [(offset: Int, length: Int)])] = []
        for _ in 0..<count {
            let length = try reader.doubleWord("area parameter length")
            let start = reader.offset
            let id = try reader.byte("area id")
            guard try reader.byte("run mode") <= 4 else { throw reader.bad("run mode") }
            _ = try reader.word("timeout")
            _ = try reader.byte("tied to all programs")
            let related = try reader.word("related programs")
            try reader.skip(related * 2, "related program numbers")
            guard try reader.byte("immediate play") <= 1 else { throw reader.bad("immediate play") }
            try reader.skip(4, "reserved")
            guard try reader.byte("area type") == 0x10 else { throw reader.bad("area type (pictures are 10)") }
            let (x, y) = (try reader.word("x"), try reader.word("y"))
            let (areaWidth, areaHeight) = (try reader.word("width"), try reader.word("height"))
            guard areaWidth > 0, areaHeight > 0, x + areaWidth <= width, y + areaHeight <= height else {
                throw Refusal(
                    code: ErrorCode.screenParameter,
                    description: "area \(areaWidth)x\(areaHeight) at \(x),\(y) outside the \(width)x\(height) panel")
            }
            guard try reader.byte("frame") == 0 else { throw reader.bad("area frame (not simulated)") }
            try reader.skip(3, "background, transparency, area size")
            guard try reader.byte("sound") == 0 else { throw reader.bad("sound (not simulated)") }
            try reader.skip(5, "reserved")
            let pageCount = try reader.word("page count")
            guard pageCount >= 1 else { throw reader.bad("page count 0") }
            var pages: [(offset: Int, length: Int)] = []
            for _ in 0..<pageCount {
                guard try reader.doubleWord("page parameter length") == 26 else {
                    throw reader.bad("page parameter length")
                }
                guard try reader.byte("page type") == 0 else { throw reader.bad("page type") }
                guard try reader.byte("display mode") <= 0x28 else { throw reader.bad("display mode") }
                try reader.skip(2, "exit mode, speed")
                _ = try reader.word("stay time")
                try reader.skip(1 + 2 + 9, "repeat, valid length, reserved")
                pages.append((try reader.doubleWord("page data offset"), try reader.doubleWord("page data length")))
            }
            guard reader.offset - start == length else {
                throw reader.bad("area parameter length \(length), parameters \(reader.offset - start)")
            }
            layouts.append((id, Area(x: x, y: y, width: areaWidth, height: areaHeight, pages: []), pages))
        }
        let block = data[reader.offset...]
        var expectedOffset = 0
        var shown: [UInt8: Area] = [:]
        for (id, area, pages) in layouts {
            var decoded = area
            for (offset, length) in pages {
                guard offset == expectedOffset, offset + length <= block.count else {
                    throw reader.bad("page data at \(offset), \(length) bytes, of \(block.count)")
                }
                let bytes = block[(block.startIndex + offset)..<(block.startIndex + offset + length)]
                guard
                    let page = OnbonBitmap.decode(
                        bytes, width: area.width, height: area.height, model: model, tricolor: tricolor)
                else {
                    throw reader.bad("page of \(length) bytes for a \(area.width)x\(area.height) area")
                }
                decoded.pages.append(page)
                expectedOffset += length
            }
            shown[id] = decoded
        }
        guard expectedOffset == block.count else {
            throw reader.bad("\(block.count - expectedOffset) bytes after the pages")
        }
        guard areas.merging(shown, uniquingKeysWith: { $1 }).count <= Self.maximumAreas else {
            throw Refusal(code: ErrorCode.outOfMemory, description: "more than \(Self.maximumAreas) dynamic areas")
        }
        areas.merge(shown) { $1 }
    }

    private mutating func deleteAreas(_ data: [UInt8]) throws(Refusal) {
        var reader = Reader(data)
        let count = try reader.byte("areas to delete")
        if count == 0xFF {
            guard reader.offset == data.count else { throw reader.bad("bytes after delete-all") }
            areas = [:]
            return
        }
        let ids = try (0..<Int(count)).map { _ throws(Refusal) in try reader.byte("area id") }
        guard reader.offset == data.count else { throw reader.bad("bytes after the area ids") }
        for id in ids { areas[id] = nil }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// Little-endian fields from the front of a frame's data; running out, or a value out of
    /// range, is a refusal that names the field.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func byte(_ field: String) throws(Refusal) -> UInt8 {
            guard offset < bytes.count else { throw bad("\(field): the data ends") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func word(_ field: String) throws(Refusal) -> Int {
            let low = try byte(field)
            let high = try byte(field)
            return Int(low) | Int(high) << 8
        }

        mutating func doubleWord(_ field: String) throws(Refusal) -> Int {
            let low = try word(field)
            let high = try word(field)
            return low | high << 16
        }

        mutating func skip(_ count: Int, _ field: String) throws(Refusal) {
            guard count <= bytes.count - offset else { throw bad("\(field): the data ends") }
            offset += count
        }

        func bad(_ what: String) -> Refusal {
            Refusal(code: ErrorCode.screenParameter, description: "picture area: \(what) (data byte \(offset))")
        }
    }
}
