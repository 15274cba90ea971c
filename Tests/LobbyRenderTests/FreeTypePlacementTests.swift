import CFreeType
import LobbyTestSupport
import Testing

@testable import LobbyRender

/// The layout rule checked against FreeType itself: the expectation is built here straight from
/// FreeType's glyph slots, with the ascender taken from the face's unscaled metrics and the pen
/// advanced by the linear (unhinted) advance, independently of `FontFace` and `TextRenderer`.
@Suite("Placement agrees with FreeType")
struct FreeTypePlacementTests {
    @Test(
        "a rendered line is dot for dot what FreeType's metrics place",
        arguments: ["欢迎来到市政务服务中心", "Hotline 12345, gov.cn", "粤商通（企业）：g,j,q,y", "《》“”！？"])
    func placement(text: String) throws {
        let renderer = try TextRenderer(font: FontFace(path: unifont, pixelSize: 16), width: 256, height: 16)
        let rendered = try renderer.render(text, mode: .scroll)[0]
        let expected = try expectedStrip(text, pixelSize: 16, height: 16)
        #expect(rendered.width == expected.width)
        #expect(rendered == expected)
    }

    /// Issue 22 found 93 of 360 random single lines drawn wrong in page mode (characters moved,
    /// leading spaces dropped) while scroll mode was right: both modes, against FreeType.
    @Test("1,000 random single lines, in page and scroll mode, are dot for dot what FreeType places")
    func randomLines() throws {
        let renderer = try TextRenderer(font: FontFace(path: unifont, pixelSize: 16), width: 4096, height: 16)
        var random = SplitMix64(seed: 360)
        for _ in 0..<1_000 {
            let text = LineBreakerInvariantTests.randomText(&random).replacingOccurrences(of: "\n", with: "")
            let expected = try expectedStrip(text.replacingOccurrences(of: "\t", with: " "), pixelSize: 16, height: 16)
            let page = try renderer.render(text, style: TextStyle(verticalAlignment: .top), mode: .page)
            let strip = try renderer.render(text, mode: .scroll)[0]
            // The same picture on the page panel: the strip is only as wide as the text.
            let expectedPage = expected.window(x: 0, width: 4096)
            #expect(page.count == 1)
            #expect(page[0] == expectedPage, "page mode: \(text.debugDescription)")
            #expect(strip == expected, "scroll mode: \(text.debugDescription)")
            if page[0] != expectedPage || strip != expected { return }
        }
    }

    private func expectedStrip(_ text: String, pixelSize: Int, height: Int) throws -> Frame {
        var library: FT_Library?
        var face: FT_Face?
        try #require(FT_Init_FreeType(&library) == 0)
        defer { FT_Done_FreeType(library) }
        try #require(FT_New_Face(library, unifont, 0, &face) == 0)
        let glyphFace = try #require(face)
        defer { FT_Done_Face(glyphFace) }
        try #require(FT_Set_Pixel_Sizes(glyphFace, 0, FT_UInt(pixelSize)) == 0)
        let unitsPerEm = Double(glyphFace.pointee.units_per_EM)
        let ascender = Int((Double(glyphFace.pointee.ascender) * Double(pixelSize) / unitsPerEm).rounded(.up))
        var placed: [(x: Int, y: Int, bits: [[Bool]])] = []
        var pen = 0
        for scalar in text.unicodeScalars {
            try #require(FT_Load_Char(glyphFace, FT_ULong(scalar.value), lobby_load_monochrome) == 0)
            let slot = glyphFace.pointee.glyph.pointee
            let bitmap = slot.bitmap
            let rows = (0..<Int(bitmap.rows)).map { y in
                (0..<Int(bitmap.width)).map { x in
                    bitmap.buffer[y * Int(bitmap.pitch) + x / 8] & (0x80 >> UInt8(x % 8)) != 0
                }
            }
            placed.append((pen + Int(slot.bitmap_left), ascender - Int(slot.bitmap_top), rows))
            pen += Int((Double(slot.linearHoriAdvance) / 65536).rounded())
        }
        var frame = Frame(width: max(pen, 1), height: height)
        for glyph in placed {
            for (row, bits) in glyph.bits.enumerated() {
                for (column, lit) in bits.enumerated() where lit {
                    frame.light(x: glyph.x + column, y: glyph.y + row, .red)
                }
            }
        }
        return frame
    }
}
