import CFreeType
import Glibc

/// A font opened through FreeType at one pixel size, rendering crisp 1-bit glyphs as a sign
/// maker's software does, with a bounded glyph cache in front of the rasterizer.
///
/// Not thread-safe (FreeType faces are not): one owner renders with it.
public final class FontFace {
    public let path: String
    public let pixelSize: Int
    /// Baseline to the top of the tallest glyphs, in whole dots (FreeType size metrics).
    public let ascender: Int
    /// Baseline to the bottom of the deepest glyphs, in whole dots, negative below.
    public let descender: Int
    /// Baseline-to-baseline distance the font recommends.
    public let lineHeight: Int
    public var cacheStatistics: GlyphCache.Statistics { cache.statistics }

    private let library: FT_Library
    private let face: FT_Face
    private var cache: GlyphCache

    /// `cacheBytes`: glyph bitmap bytes kept at most, and the most one text may need.
    public init(path: String, pixelSize: Int, cacheCapacity: Int = 4096, cacheBytes: Int = 64 << 20)
        throws(LobbyRenderError)
    {
        // FreeType would open a named pipe and wait on it for ever.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG { throw .fontNotAFile(path: path) }
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else {
            throw .fontUnreadable(path: path, freeTypeError: -1)
        }
        var face: FT_Face?
        let openError = FT_New_Face(library, path, 0, &face)
        guard openError == 0, let face else {
            FT_Done_FreeType(library)
            throw .fontUnreadable(path: path, freeTypeError: openError)
        }
        if FT_Set_Pixel_Sizes(face, 0, FT_UInt(pixelSize)) != 0 {
            // FreeType picks a strike by its pixels per em (y_ppem, 26.6), not by its height.
            let strikes = (0..<Int(face.pointee.num_fixed_sizes)).map {
                Int((face.pointee.available_sizes[$0].y_ppem + 32) >> 6)
            }
            FT_Done_Face(face)
            FT_Done_FreeType(library)
            throw .sizeNotAvailable(path: path, pixelSize: pixelSize, available: strikes)
        }
        let metrics = face.pointee.size.pointee.metrics
        self.library = library
        self.face = face
        self.path = path
        self.pixelSize = pixelSize
        ascender = Int((metrics.ascender + 63) >> 6)
        descender = Int(metrics.descender >> 6)
        lineHeight = Int((metrics.height + 63) >> 6)
        cache = GlyphCache(capacity: cacheCapacity, byteCapacity: cacheBytes)
    }

    deinit {
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    /// Whether the font has a real glyph for `scalar` (no replacement box).
    public func covers(_ scalar: Unicode.Scalar) -> Bool {
        FT_Get_Char_Index(face, FT_ULong(scalar.value)) != 0
    }

    /// The glyphs for a run of characters, from the cache when possible (a replacement box for
    /// a missing one): what layout and drawing ask for, a paragraph at a time.
    public func glyphs(for scalars: [Unicode.Scalar]) -> [Glyph] {
        cache.glyphs(for: scalars) { rasterize($0) }
    }

    /// The cache entries of every paragraph's characters, for drawing with `withGlyphPool`
    /// before the next lookup.
    func glyphRuns(for paragraphs: [[Unicode.Scalar]]) throws(LobbyRenderError) -> [GlyphCache.Run] {
        guard let runs = cache.runs(for: paragraphs, rasterize: { rasterize($0) }) else {
            throw .tooManyGlyphs(limitBytes: cache.byteCapacity)
        }
        return runs
    }

    /// Calls `body` with the cached glyphs' bitmaps and placements.
    func withGlyphPool<Result>(_ body: (GlyphCache.Pool) -> Result) -> Result {
        cache.withPool(body)
    }

    private func rasterize(_ scalar: Unicode.Scalar) -> Glyph {
        guard covers(scalar), FT_Load_Char(face, FT_ULong(scalar.value), lobby_load_monochrome) == 0 else {
            return Glyph.replacementBox(pixelSize: pixelSize, ascender: ascender)
        }
        let slot = face.pointee.glyph.pointee
        let bitmap = slot.bitmap
        let width = Int(bitmap.width)
        let rows = Int(bitmap.rows)
        var bits = [UInt8](repeating: 0, count: width * rows)
        if let buffer = bitmap.buffer {
            for y in 0..<rows {
                let row = buffer.advanced(by: y * Int(bitmap.pitch))
                for x in 0..<width where row[x >> 3] & (0x80 >> UInt8(x & 7)) != 0 {
                    bits[y * width + x] = 1
                }
            }
        }
        return Glyph(
            width: width, rows: rows, left: Int(slot.bitmap_left), top: Int(slot.bitmap_top),
            advance: Int((slot.advance.x + 32) >> 6), bits: bits)
    }
}
