/// One frame of the Onbon BX protocol, as lobbyd sends it to a card and a card answers: its
/// layout, who it is for, the command, and its data. `encoded()` gives the bytes on the wire;
/// `OnbonDecoder` reads them back. protocol-docs/onbon-bx.md has the layouts and annotated
/// examples.
public struct OnbonFrame: Sendable, Equatable {
    /// The two headers Onbon cards speak.
    public enum Layout: Sendable, Equatable {
        /// BX-5K/6K font cards: protocol 0x02, a 14-byte header with a one-byte device type and
        /// a two-byte length; the command as group, code, reply flag, two parameter bytes.
        case fontCard
        /// BX-6E/6Q (6th generation): protocol 0xF0, a 16-byte header with a two-byte device
        /// type and a four-byte length; the command as reply flag, group, code, two parameter
        /// bytes. lobbyd's pictures go to these cards (`OnbonController`).
        case sixthGeneration

        var headerBytes: Int {
            self == .fontCard ? OnbonConstants.fontCardHeaderBytes : OnbonConstants.sixthGenerationHeaderBytes
        }
    }

    /// Command group and command within it.
    public struct Command: Sendable, Equatable, Hashable {
        public var group: UInt8
        public var code: UInt8

        public init(group: UInt8, code: UInt8) {
            self.group = group
            self.code = code
        }

        /// Is the card there: it acknowledges.
        public static let ping = Command(group: 0xA2, code: 0x00)
        /// Font cards: the card's state (screen on or off, brightness, clock, dynamic areas).
        public static let status = Command(group: 0xA1, code: 0x02)
        /// Font cards: clears the screen.
        public static let clear = Command(group: 0xA3, code: 0x10)
        /// Font cards: replaces dynamic areas of text in the card's own font.
        public static let dynamicArea = Command(group: 0xA3, code: 0x06)
        /// 6th generation: replaces dynamic areas whose pages are pictures: what lobbyd shows.
        public static let pictureArea = Command(group: 0xA7, code: 0x00)
        /// 6th generation: deletes dynamic areas (the card goes back to its own programs).
        public static let deleteAreas = Command(group: 0xA7, code: 0x01)
        /// 6th generation: the brightness setting; the card answers with `brightnessReport`, which
        /// no other answer resembles (how a probe tells its own answer from the acknowledgements
        /// of what went before).
        public static let brightnessQuery = Command(group: 0xA2, code: 0x19)
        public static let brightnessReport = Command(group: 0xA2, code: 0x99)
        /// 6th generation answers: done, or refused (with an error code).
        public static let acknowledged = Command(group: 0xA0, code: 0x00)
        public static let refused = Command(group: 0xA0, code: 0x01)
    }

    /// Whether the card is to answer: `required` (0x01) for everything lobbyd sends, so that
    /// the link learns of a lost frame at once.
    public enum Reply: UInt8, Sendable {
        case required = 0x01
        case none = 0x02
    }

    public var layout: Layout
    public var destination: UInt16
    public var source: UInt16
    /// One byte on font cards (the high byte must be 0), two on the 6th generation.
    public var deviceType: UInt16
    public var command: Command
    /// The reply byte as sent: a `Reply` from lobbyd, whatever the card puts there in answers.
    public var reply: UInt8
    /// The two bytes after the command; in a 6th-generation answer, its status word.
    public var parameters: (UInt8, UInt8)
    public var data: [UInt8]

    public init(
        command: Command, layout: Layout = .fontCard, reply: Reply = .required, parameters: (UInt8, UInt8) = (0, 0),
        data: [UInt8] = [], destination: UInt16 = OnbonConstants.defaultCard, source: UInt16 = OnbonConstants.host,
        deviceType: UInt16? = nil
    ) {
        self.init(
            layout: layout, destination: destination, source: source,
            deviceType: deviceType
                ?? (layout == .fontCard ? UInt16(OnbonConstants.anyFontCard) : OnbonConstants.anyDevice),
            command: command, reply: reply.rawValue, parameters: parameters, data: data)
    }

    /// Every field as given: what the decoder builds from a frame it read, and a simulated
    /// card's answer.
    public init(
        layout: Layout, destination: UInt16, source: UInt16, deviceType: UInt16, command: Command, reply: UInt8,
        parameters: (UInt8, UInt8), data: [UInt8]
    ) {
        self.layout = layout
        self.destination = destination
        self.source = source
        self.deviceType = deviceType
        self.command = command
        self.reply = reply
        self.parameters = parameters
        self.data = data
    }

    /// The most data one frame carries: a font card's length field has 16 bits and counts the
    /// command too; the 6th generation's has 32, but its cards hold at most 300 KB in a
    /// dynamic area (Onbon's manual), which bounds what lobbyd sends.
    public var maximumData: Int {
        layout == .fontCard ? Int(UInt16.max) - OnbonConstants.commandBytes : 300 * 1024
    }

    /// More data than one frame carries, or a device type a font card cannot hold.
    public struct TooLong: Error, Sendable, Equatable {
        public var bytes: Int
    }

    /// The frame on the wire: eight start bytes, the stuffed header, command, data and CRC (the
    /// CRC taken before stuffing), the end byte.
    public func encoded() throws(TooLong) -> [UInt8] {
        guard data.count <= maximumData, layout == .sixthGeneration || deviceType <= 0xFF else {
            throw TooLong(bytes: data.count)
        }
        let length = OnbonConstants.commandBytes + data.count
        var body: [UInt8] = []
        body.reserveCapacity(layout.headerBytes + length + OnbonConstants.crcBytes)
        body += Self.littleEndian(Int(destination)) + Self.littleEndian(Int(source))
        switch layout {
        case .fontCard:
            body += [UInt8](repeating: 0, count: 6)
            body += [UInt8(deviceType), OnbonConstants.fontCardVersion] + Self.littleEndian(length)
            body += [command.group, command.code, reply, parameters.0, parameters.1]
        case .sixthGeneration:
            body += [OnbonConstants.sixthGenerationVersion, 0] + Self.littleEndian(Int(deviceType))
            body += [0, 0, 0, 0] + Self.littleEndian(length, bytes: 4)
            body += [reply, command.group, command.code, parameters.0, parameters.1]
        }
        body += data
        body += Self.littleEndian(Int(OnbonCRC.checksum(body)))
        var frame = [UInt8](repeating: OnbonConstants.start, count: OnbonConstants.startRun)
        frame.reserveCapacity(frame.count + body.count * 2 + 1)
        frame += Self.stuffed(body)
        frame.append(OnbonConstants.end)
        return frame
    }

    /// `bytes` with the start, end and escape bytes replaced by two-byte escapes, so that
    /// neither `A5` nor `5A` occurs inside a frame.
    public static func stuffed(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 16)
        for byte in bytes {
            switch byte {
            case OnbonConstants.start: result += [OnbonConstants.escapeAfterStart, 0x02]
            case OnbonConstants.escapeAfterStart: result += [OnbonConstants.escapeAfterStart, 0x01]
            case OnbonConstants.end: result += [OnbonConstants.escapeAfterEnd, 0x02]
            case OnbonConstants.escapeAfterEnd: result += [OnbonConstants.escapeAfterEnd, 0x01]
            default: result.append(byte)
            }
        }
        return result
    }

    /// `value` in `bytes` bytes (2 or 4), low byte first, as every multi-byte Onbon field goes:
    /// the frame's header, the picture area's parameters, a card's answers.
    public static func littleEndian(_ value: Int, bytes: Int = 2) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    public static func == (lhs: OnbonFrame, rhs: OnbonFrame) -> Bool {
        lhs.layout == rhs.layout && lhs.destination == rhs.destination && lhs.source == rhs.source
            && lhs.deviceType == rhs.deviceType && lhs.command == rhs.command && lhs.reply == rhs.reply
            && lhs.parameters == rhs.parameters && lhs.data == rhs.data
    }
}
