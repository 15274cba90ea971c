/// One rasterised character: a 1-bit bitmap and FreeType's placement metrics, in whole dots,
/// as the rasterizer makes it and the cache hands it out (the cache itself keeps it as plain
/// words, see `GlyphCache`).
public struct Glyph: Sendable, Equatable {
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

    /// Bytes the cache holds for the bitmap: each row as whole 64-bit words.
    public var bitmapBytes: Int { rows * ((width + 63) / 64) * MemoryLayout<UInt64>.size }

    public init(width: Int, rows: Int, left: Int, top: Int, advance: Int, bits: [UInt8], isMissing: Bool = false) {
        self.width = width
        self.rows = rows
        self.left = left
        self.top = top
        self.advance = advance
        self.bits = bits
        self.isMissing = isMissing
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
