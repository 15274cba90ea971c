/// The fixed bytes of an Onbon BX frame, shared by `OnbonFrame` (which writes frames) and
/// `OnbonDecoder` (which reads them); nothing else is. There are two layouts of the header
/// (`OnbonFrame.Layout`): the font cards' (BX-5K/6K, protocol 0x02) and the 6th generation's
/// (BX-6E/6Q, protocol 0xF0). protocol-docs/onbon-bx.md describes both in our words.
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
    /// Device type "any card": the cards answer it whatever their model (one byte on font
    /// cards, two on the 6th generation).
    public static let anyDevice: UInt16 = 0xFFFE
    public static let anyFontCard: UInt8 = 0xFE

    public static let fontCardVersion: UInt8 = 0x02
    public static let sixthGenerationVersion: UInt8 = 0xF0

    /// Font cards: destination 2, source 2, reserved 6, device type 1, protocol version 1,
    /// data length 2.
    public static let fontCardHeaderBytes = 14
    /// 6th generation: destination 2, source 2, protocol version 1, reserved 1, device type 2,
    /// reserved 4, data length 4.
    public static let sixthGenerationHeaderBytes = 16
    /// Where each layout keeps its protocol version: how a reader tells them apart.
    public static let fontCardVersionOffset = 11
    public static let sixthGenerationVersionOffset = 4
    /// Reply flag, command group, command, two parameter bytes (in the layout's order):
    /// counted in the data length.
    public static let commandBytes = 5
    public static let crcBytes = 2
}
