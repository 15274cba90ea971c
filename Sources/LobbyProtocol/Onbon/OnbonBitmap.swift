import LobbyCore
import LobbyRender

/// A page as a 6th-generation Onbon card takes it in a picture area (Onbon's manual, appendix
/// 2; protocol-docs/onbon-bx.md, "Pictures").
///
/// - 6E cards: one bit plane per colour, red, then green on a two-colour panel. Each row, top
///   to bottom, is a run of 32-bit words sent low byte first; the leftmost dot of a word is its
///   highest bit, a lit dot is 0, and the bits past the right edge are 1.
/// - 6Q cards: three bytes per dot, red, green, blue, rows top to bottom.
public enum OnbonBitmap {
    public static func byteCount(width: Int, height: Int, model: OnbonCardModel, tricolor: Bool) -> Int {
        model.isFullColor ? width * height * 3 : (width + 31) / 32 * 4 * height * (tricolor ? 2 : 1)
    }

    public static func encode(_ frame: Frame, model: OnbonCardModel, tricolor: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount(width: frame.width, height: frame.height, model: model, tricolor: tricolor))
        if model.isFullColor {
            for dot in frame.dots {
                bytes += [dot & 1 != 0 ? 0xFF : 0, dot & 2 != 0 ? 0xFF : 0, 0]
            }
            return bytes
        }
        // On a one-colour panel any colour lights the one LED; on two colours, amber is both.
        let planes: [(UInt8) -> Bool] = tricolor ? [{ $0 & 1 != 0 }, { $0 & 2 != 0 }] : [{ $0 != 0 }]
        let wordsPerRow = (frame.width + 31) / 32
        for isLit in planes {
            for row in 0..<frame.height {
                let dots = frame.dots[(row * frame.width)..<((row + 1) * frame.width)]
                for word in 0..<wordsPerRow {
                    var value = UInt32.max
                    for bit in 0..<32 {
                        let column = word * 32 + bit
                        if column < frame.width, isLit(dots[dots.startIndex + column]) {
                            value &= ~(UInt32(1) << (31 - bit))
                        }
                    }
                    bytes += [
                        UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24),
                    ]
                }
            }
        }
        return bytes
    }

    /// The page back from its bytes, as a card shows it: what `encode` wrote, read separately
    /// (lobby-sim's card and the tests use it). `nil` when `bytes` has not exactly the size.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, width: Int, height: Int, model: OnbonCardModel, tricolor: Bool
    ) -> Frame? {
        guard bytes.count == byteCount(width: width, height: height, model: model, tricolor: tricolor) else {
            return nil
        }
        var frame = Frame(width: width, height: height)
        let base = bytes.startIndex
        if model.isFullColor {
            for y in 0..<height {
                for x in 0..<width {
                    let at = base + (y * width + x) * 3
                    let color = (bytes[at] >= 0x80 ? 1 : 0) | (bytes[at + 1] >= 0x80 ? 2 : 0)
                    if color != 0 { frame.light(x: x, y: y, DotColor(rawValue: UInt8(color))!) }
                }
            }
            return frame
        }
        let rowBytes = (width + 31) / 32 * 4
        let planeBytes = rowBytes * height
        for plane in 0..<(tricolor ? 2 : 1) {
            for y in 0..<height {
                for x in 0..<width {
                    // Bytes of a word run low to high: dot x sits in byte 3 - (x % 32) / 8.
                    let at = base + plane * planeBytes + y * rowBytes + x / 32 * 4 + 3 - (x % 32) / 8
                    guard bytes[at] & (0x80 >> (x % 8)) == 0 else { continue }
                    let existing = frame[x, y].rawValue
                    frame.light(x: x, y: y, DotColor(rawValue: existing | (tricolor ? UInt8(1 << plane) : 1))!)
                }
            }
        }
        return frame
    }
}
