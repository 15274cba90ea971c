/// One frame of the Onbon BX protocol, as lobbyd sends it to a card and a card answers: who
/// it is for, the command, and its data. `encoded()` gives the bytes on the wire; `OnbonDecoder`
/// reads them back. protocol-docs/onbon-bx.md has the layout and annotated examples.
public struct OnbonFrame: Sendable, Equatable {
    /// Command group and command within it.
    public struct Command: Sendable, Equatable, Hashable {
        public var group: UInt8
        public var code: UInt8

        public init(group: UInt8, code: UInt8) {
            self.group = group
            self.code = code
        }

        /// Is the card there: it answers with an acknowledgement.
        public static let ping = Command(group: 0xA2, code: 0x00)
        /// The card's state (screen on or off, brightness, clock, what it holds).
        public static let status = Command(group: 0xA1, code: 0x02)
        /// Clears the screen.
        public static let clear = Command(group: 0xA3, code: 0x10)
        /// Replaces dynamic areas: what lobbyd shows.
        public static let dynamicArea = Command(group: 0xA3, code: 0x06)
    }

    /// Whether the card is to answer: `required` (0x01) for everything lobbyd sends, so that
    /// the link learns of a lost frame at once.
    public enum Reply: UInt8, Sendable {
        case required = 0x01
        case none = 0x02
    }

    public var destination: UInt16
    public var source: UInt16
    public var deviceType: UInt8
    public var protocolVersion: UInt8
    public var command: Command
    /// The reply byte as sent: a `Reply` from lobbyd, whatever the card puts there in answers.
    public var reply: UInt8
    /// The two bytes after the reply flag; for a dynamic area the first is the processing mode.
    public var parameters: (UInt8, UInt8)
    public var data: [UInt8]

    public init(
        command: Command, reply: Reply = .required, parameters: (UInt8, UInt8) = (0, 0), data: [UInt8] = [],
        destination: UInt16 = OnbonConstants.defaultCard, source: UInt16 = OnbonConstants.host,
        deviceType: UInt8 = OnbonConstants.anyDevice, protocolVersion: UInt8 = OnbonConstants.protocolVersion
    ) {
        self.init(
            destination: destination, source: source, deviceType: deviceType, protocolVersion: protocolVersion,
            command: command, reply: reply.rawValue, parameters: parameters, data: data)
    }

    /// Every field as given: what the decoder builds from a frame it read.
    init(
        destination: UInt16, source: UInt16, deviceType: UInt8, protocolVersion: UInt8, command: Command,
        reply: UInt8, parameters: (UInt8, UInt8), data: [UInt8]
    ) {
        self.destination = destination
        self.source = source
        self.deviceType = deviceType
        self.protocolVersion = protocolVersion
        self.command = command
        self.reply = reply
        self.parameters = parameters
        self.data = data
    }

    /// The most data one frame carries: its length field has 16 bits and counts the command too.
    public static let maximumData = Int(UInt16.max) - OnbonConstants.commandBytes

    /// More data than one frame carries; the driver cuts pages into frames before this.
    public struct TooLong: Error, Sendable, Equatable {
        public var bytes: Int
    }

    /// The frame on the wire: eight start bytes, the stuffed header, command, data and CRC (the
    /// CRC taken before stuffing), the end byte.
    public func encoded() throws(TooLong) -> [UInt8] {
        guard data.count <= Self.maximumData else { throw TooLong(bytes: data.count) }
        let length = UInt16(OnbonConstants.commandBytes + data.count)
        var body: [UInt8] = []
        body.reserveCapacity(OnbonConstants.headerBytes + Int(length) + OnbonConstants.crcBytes)
        body += Self.littleEndian(destination) + Self.littleEndian(source)
        body += [UInt8](repeating: 0, count: 6)
        body += [deviceType, protocolVersion] + Self.littleEndian(length)
        body += [command.group, command.code, reply, parameters.0, parameters.1]
        body += data
        body += Self.littleEndian(OnbonCRC.checksum(body))
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

    static func littleEndian(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    public static func == (lhs: OnbonFrame, rhs: OnbonFrame) -> Bool {
        lhs.destination == rhs.destination && lhs.source == rhs.source && lhs.deviceType == rhs.deviceType
            && lhs.protocolVersion == rhs.protocolVersion && lhs.command == rhs.command && lhs.reply == rhs.reply
            && lhs.parameters == rhs.parameters && lhs.data == rhs.data
    }
}
