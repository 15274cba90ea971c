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
    /// In a TEXT file: "show the DOTS picture whose label follows".
    public static let callPicture: UInt8 = 0x14
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
        public static let writeSmallPicture = UInt8(ascii: "I")
        public static let writeLargePicture = UInt8(ascii: "M")
    }

    public enum Special {
        public static let timeOfDay = UInt8(ascii: " ")
        public static let memoryConfiguration = UInt8(ascii: "$")
        public static let dayOfWeek = UInt8(ascii: "&")
        public static let softReset = UInt8(ascii: ",")
        public static let runSequence = UInt8(ascii: ".")
    }

    public enum FileType {
        public static let text = UInt8(ascii: "A")
        /// A STRING file: a few bytes the sign keeps and reads back (lobbyd's manifest token).
        public static let string = UInt8(ascii: "B")
        /// The character "D"; the protocol document's table prints 43H beside it, which is "C".
        public static let picture = UInt8(ascii: "D")
    }

    /// Pixel characters of a DOTS picture row.
    public static let pixelOff = UInt8(ascii: "0")
    /// TEXT mode: display position "fill" and mode "hold" (no transition).
    public static let fillHold: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "b")]
    /// Small pictures carry their size in two hex digits each; larger ones go as large pictures.
    public static let smallPictureLimit = 255
}
