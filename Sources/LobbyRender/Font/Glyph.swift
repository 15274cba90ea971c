/// One rasterised character: a 1-bit bitmap and FreeType's placement metrics, in whole dots.
///
/// Immutable and shared: a class, so that handing one out of the cache for every character
/// drawn costs one reference count, not one per bitmap array.
public final class Glyph: Sendable, Equatable {
    public let width: Int
    public let rows: Int
    /// Offset from the pen position to the bitmap's left edge (FreeType `bitmap_left`).
    public let left: Int
    /// Distance from the baseline up to the bitmap's top row (FreeType `bitmap_top`).
    public let top: Int
    /// How far the pen moves after this glyph.
    public let advance: Int
    /// `width * rows` values, 1 for a lit dot, row by row.
    public let bits: [UInt8]
    /// The font has no glyph for the character; `bits` hold a visible replacement box.
    public let isMissing: Bool
    /// The same dots as a bit plane, drawn a row at a time.
    public let picture: Bitplane

    /// Bytes the bitmaps hold, for the cache's accounting.
    public var bitmapBytes: Int { bits.count + picture.byteCount }

    public init(width: Int, rows: Int, left: Int, top: Int, advance: Int, bits: [UInt8], isMissing: Bool = false) {
        self.width = width
        self.rows = rows
        self.left = left
        self.top = top
        self.advance = advance
        self.bits = bits
        self.isMissing = isMissing
        picture = Bitplane(width: width, height: rows, bits: bits)
    }

    public static func == (left: Glyph, right: Glyph) -> Bool {
        (left.width, left.rows, left.left, left.top, left.advance, left.isMissing)
            == (right.width, right.rows, right.left, right.top, right.advance, right.isMissing)
            && left.bits == right.bits
    }

    /// A hollow box one em wide, so a missing character is seen on the panel, never dropped.
    static func replacementBox(pixelSize: Int, ascender: Int) -> Glyph {
        let width = max(pixelSize - 2, 3)
        let rows = max(ascender - 1, 3)
        var bits = [UInt8](repeating: 0, count: width * rows)
        for y in 0..<rows {
            for x in 0..<width where y == 0 || y == rows - 1 || x == 0 || x == width - 1 {
                bits[y * width + x] = 1
            }
        }
        return Glyph(
            width: width, rows: rows, left: 1, top: ascender - 1, advance: pixelSize, bits: bits, isMissing: true)
    }
}
