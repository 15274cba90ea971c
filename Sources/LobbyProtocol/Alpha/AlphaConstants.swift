import LobbyCore

/// The bytes of the Alpha Sign Communications Protocol that lobbyd uses, shared by the encoder
/// and by the decoder (which is otherwise written separately, so each checks the other).
/// `protocol-docs/alpha.md` explains each one.
public enum AlphaConstants {
    public static let nul: UInt8 = 0x00
    public static let soh: UInt8 = 0x01
    public static let stx: UInt8 = 0x02
    public static let etx: UInt8 = 0x03
    public static let eot: UInt8 = 0x04
    public static let carriageReturn: UInt8 = 0x0D
    public static let escape: UInt8 = 0x1B
    /// In a TEXT file: `1F L`, then a large DOTS picture's nine-character name and how long to
    /// hold it (four hex digits, tenths of a second).
    public static let callLargePicture: [UInt8] = [0x1F, UInt8(ascii: "L")]
    /// In a large DOTS picture's row: `11` (DC1), two hex digits `XX`, a pixel character: the
    /// pixel `XX` + 1 times.
    public static let repeatDots: UInt8 = 0x11
    /// Large DOTS pictures are named, not labelled: nine characters.
    public static let pictureNameLength = 9
    /// Five or more NULs let the sign lock onto the baud rate.
    public static let syncCount = 5

    /// Type code addressing every kind of sign; the sign answers with type `0`.
    public static let typeAllSigns: UInt8 = UInt8(ascii: "Z")
    public static let typeResponse: UInt8 = UInt8(ascii: "0")

    public enum Command {
        public static let writeText = UInt8(ascii: "A")
        public static let writeSpecial = UInt8(ascii: "E")
        public static let readSpecial = UInt8(ascii: "F")
        public static let writeString = UInt8(ascii: "G")
        public static let readString = UInt8(ascii: "H")
        public static let writeLargePicture = UInt8(ascii: "M")
    }

    public enum Special {
        public static let timeOfDay = UInt8(ascii: " ")
        public static let memoryConfiguration = UInt8(ascii: "$")
        public static let dayOfWeek = UInt8(ascii: "&")
        public static let softReset = UInt8(ascii: ",")
        public static let runSequence = UInt8(ascii: ".")
        /// Read: the serial error status register, one byte (`AlphaErrorStatus`).
        public static let errorStatus = UInt8(ascii: "*")
        /// Write: clears the serial error status register.
        public static let clearErrorStatus = UInt8(ascii: "4")
        /// Replaces the table of large DOTS pictures (names, sizes, colours).
        public static let largePictureTable = UInt8(ascii: "8")
    }

    public enum FileType {
        public static let text = UInt8(ascii: "A")
        /// A STRING file: a few bytes the sign keeps and reads back (lobbyd's manifest token).
        public static let string = UInt8(ascii: "B")
    }

    /// Pixel characters of a DOTS picture row.
    public static let pixelOff = UInt8(ascii: "0")
    /// TEXT mode: display position "fill" and mode "hold" (no transition).
    public static let fillHold: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "b")]
    /// Large pictures carry their size in four hex digits each way.
    public static let largePictureLimit = 0xFFFF

    /// The value of hex digits (lobbyd writes uppercase; a sign's lowercase is read too); `nil`
    /// for anything else (no sign, no space), so a hostile field can never be negative.
    public static func hexValue(_ digits: some Collection<UInt8>) -> Int? {
        number(digits, base: 16)
    }

    /// The value of decimal digits; `nil` for anything else.
    public static func decimalValue(_ digits: some Collection<UInt8>) -> Int? {
        number(digits, base: 10)
    }

    private static func number(_ digits: some Collection<UInt8>, base: Int) -> Int? {
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value = 0
        for digit in digits {
            let nibble: Int
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = Int(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "F") where base == 16: nibble = Int(digit - UInt8(ascii: "A")) + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f") where base == 16: nibble = Int(digit - UInt8(ascii: "a")) + 10
            default: return nil
            }
            value = value * base + nibble
        }
        return value
    }
}

/// The sign's serial error status register: what went wrong with packets since it was last
/// cleared. Bit 6 is always set, which keeps the byte printable.
public struct AlphaErrorStatus: OptionSet, Sendable, Equatable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let alwaysSet = AlphaErrorStatus(rawValue: 0x40)
    /// A command code or file label the sign does not accept: a refused packet.
    public static let illegalCommand = AlphaErrorStatus(rawValue: 0x20)
    public static let checksum = AlphaErrorStatus(rawValue: 0x10)
    public static let bufferOverflow = AlphaErrorStatus(rawValue: 0x08)
    public static let timeout = AlphaErrorStatus(rawValue: 0x04)
    public static let framing = AlphaErrorStatus(rawValue: 0x02)
    public static let parity = AlphaErrorStatus(rawValue: 0x01)

    /// What the set bits say, in words; empty when nothing went wrong.
    public var problems: [String] {
        [
            (Self.illegalCommand, Messages.Link.illegalCommand), (Self.checksum, Messages.Link.checksum),
            (Self.bufferOverflow, Messages.Link.bufferOverflow), (Self.timeout, Messages.Link.timeout),
            (Self.framing, Messages.Link.framing), (Self.parity, Messages.Link.parity),
        ].filter { contains($0.0) }.map(\.1.description)
    }
}
