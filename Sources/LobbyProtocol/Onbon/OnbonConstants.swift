/// The fixed bytes of an Onbon BX frame (the BX-5K/6K serial and network protocol), shared by
/// `OnbonFrame` (which writes frames) and `OnbonDecoder` (which reads them); nothing else is.
/// protocol-docs/onbon-bx.md describes the frame in our words.
public enum OnbonConstants {
    /// Sent eight times before a frame; never inside one (stuffing replaces it).
    public static let start: UInt8 = 0xA5
    public static let startRun = 8
    /// Ends a frame; never inside one.
    public static let end: UInt8 = 0x5A
    /// The escape bytes: `A5` is sent as `A6 02`, `A6` as `A6 01`, `5A` as `5B 02`, `5B` as `5B 01`.
    public static let escapeAfterStart: UInt8 = 0xA6
    public static let escapeAfterEnd: UInt8 = 0x5B

    /// The card's address when nobody set one, and the address a host sends from.
    public static let defaultCard: UInt16 = 0x0001
    public static let host: UInt16 = 0x8000
    /// Device type "any card": the cards answer it whatever their model.
    public static let anyDevice: UInt8 = 0xFE
    public static let protocolVersion: UInt8 = 0x02

    /// Destination 2, source 2, reserved 6, device type 1, protocol version 1, data length 2.
    public static let headerBytes = 14
    /// Command group, command, reply flag, two parameter bytes: counted in the data length.
    public static let commandBytes = 5
    public static let crcBytes = 2
}
