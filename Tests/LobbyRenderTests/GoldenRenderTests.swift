import Foundation
import LobbyRender
import LobbyTestSupport
import Testing

/// One golden case: text, style and mode on a 192×32 panel with Unifont 16 px.
struct GoldenCase: Sendable, CustomStringConvertible {
    var name: String
    var text: String
    var style = TextStyle()
    var mode = LayoutMode.page

    var description: String { name }
}

/// Renders compared dot for dot with PBM files in `Golden/`, which were reviewed by eye once
/// (see `Golden/README.md`). `LOBBY_UPDATE_GOLDEN=1 make test` rewrites them after an intended
/// change; review the new pictures before committing.
@Suite("Golden renders")
struct GoldenRenderTests {
    static let cases: [GoldenCase] = [
        GoldenCase(name: "latin", text: "Welcome to the Municipal Service Hall"),
        GoldenCase(name: "cjk", text: "欢迎来到市政务服务中心办事大厅"),
        GoldenCase(name: "mixed", text: "粤省事APP可办理社保、公积金等1000多项业务"),
        GoldenCase(name: "punctuation", text: "请携带身份证原件，到3号窗口取号。谢谢配合！"),
        GoldenCase(name: "hotline-edge", text: "请拨打政务服务便民热线12345咨询"),
        GoldenCase(
            name: "centered", text: "公共资源交易中心",
            style: TextStyle(alignment: .center, verticalAlignment: .middle)),
        GoldenCase(name: "right", text: "中介服务超市", style: TextStyle(alignment: .right)),
        GoldenCase(
            name: "multipage",
            text: "市政务服务中心提供“一窗通办”服务，企业和群众可在综合窗口一次性提交材料，"
                + "办理结果可邮寄送达。咨询请拨打12345。"),
        GoldenCase(
            name: "scroll", text: "欢迎使用广东政务服务网 www.gdzwfw.gov.cn",
            style: TextStyle(verticalAlignment: .middle), mode: .scroll),
        GoldenCase(name: "missing-glyph", text: "𠀀字测试"),
    ]

    /// A fresh renderer per test: FreeType faces belong to one owner.
    static func renderer() throws -> TextRenderer {
        try TextRenderer(font: FontFace(path: unifont, pixelSize: 16), width: 192, height: 32)
    }

    @Test("the render matches the reviewed golden picture dot for dot", arguments: cases)
    func golden(_ goldenCase: GoldenCase) throws {
        let frames = try Self.renderer().render(goldenCase.text, style: goldenCase.style, mode: goldenCase.mode)
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        if ProcessInfo.processInfo.environment["LOBBY_UPDATE_GOLDEN"] == "1" {
            for (index, frame) in frames.enumerated() {
                let url = directory.appendingPathComponent("\(goldenCase.name)-\(index + 1).pbm")
                try Data(frame.pbm()).write(to: url)
                try Data(frame.panelPicture(scale: 4).encoded()).write(
                    to: url.deletingPathExtension().appendingPathExtension("png"))
            }
        }
        let stored = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("\(goldenCase.name)-") && $0.hasSuffix(".pbm") }
        #expect(stored.count == frames.count, "pages rendered vs golden pages")
        for (index, frame) in frames.enumerated() {
            let url = directory.appendingPathComponent("\(goldenCase.name)-\(index + 1).pbm")
            let golden = try #require(Frame(pbm: Array(try Data(contentsOf: url))))
            #expect(
                frame == golden,
                "page \(index + 1) differs from Golden/\(url.lastPathComponent):\n\(frame.terminalPreview(colors: false))"
            )
        }
    }

    @Test("a missing glyph is reported with its position and drawn as a visible box")
    func missingGlyph() throws {
        let renderer = try Self.renderer()
        #expect(renderer.coverage("𠀀字测试") == [MissingGlyph(scalar: "\u{20000}", offset: 0)])
        #expect(renderer.coverage("𠀀字测试").first?.description == "第 1 个字符 U+20000 '𠀀'")
        #expect(renderer.coverage("欢迎 Welcome\n12345").isEmpty)
        let box = try renderer.render("𠀀")[0]
        #expect(box.litCount > 20)
    }

    @Test("static text that needs two pages is an error naming the page count")
    func staticOverflow() throws {
        #expect(throws: LobbyRenderError.doesNotFitOnePage(pages: 2)) {
            try Self.renderer().render(String(repeating: "政务服务", count: 7), mode: .static)
        }
        // 24 characters are exactly two full lines: still one page.
        #expect(try Self.renderer().render(String(repeating: "政务服务", count: 6), mode: .static).count == 1)
    }

    @Test("a scroll item's pages are cut between characters, each as full as the panel allows, and add up to the strip")
    func scrollPages() throws {
        let renderer = try Self.renderer()
        let text = "a咨询、投诉、求助、建议，请拨打12345"  // 拨 spans x 184–199: across a 192-dot cut
        let strip = try renderer.render(text, mode: .scroll)[0]
        let pages = try renderer.scrollPages(text)
        // The character boundaries, from FreeType's advances, independent of the layout code.
        var pens = [0]
        for glyph in renderer.font.glyphs(for: Array(text.unicodeScalars)) { pens.append(pens.last! + glyph.advance) }
        var start = 0
        for (index, page) in pages.enumerated() {
            let end = pens.last { $0 - start <= 192 && $0 > start }!
            #expect(page == strip.window(x: start, width: 192, showing: end - start), "page \(index + 1)")
            start = end
        }
        #expect(start == strip.width && pages.count == 2)
        #expect(pages[0] != strip.window(x: 0, width: 192), "拨 is not cut in half")
    }

    @Test("scroll windows with margins: the margin alone when no character fits beside it, no trap when negative")
    func scrollMargins() throws {
        let renderer = try TextRenderer(font: FontFace(path: unifont, pixelSize: 16), width: 64, height: 16)
        var style = TextStyle()
        style.leftMargin = 56  // 8 dots left beside it: 你 (16) goes to the next window whole
        let pages = try renderer.scrollPages("你好世界再见", style: style)
        #expect(pages.count == 3 && pages[0].litCount == 0)
        #expect(try pages[1] == renderer.render("你好世界")[0], "four characters, from the window's left edge")
        style.leftMargin = -200  // the text begins far left of the strip: nothing to see, no trap
        #expect(try renderer.scrollPages("你好", style: style).allSatisfy { $0.litCount == 0 })
        // The windows' dots count against the limit, not the strip's.
        let wide = try TextRenderer(font: FontFace(path: unifont, pixelSize: 128), width: 255, height: 512)
        #expect(throws: LobbyRenderError.self) { try wide.scrollPages(String(repeating: "国", count: 2_040)) }
    }

    @Test("a text with more different glyphs than the cache's bytes hold is refused, in page and scroll mode")
    func tooManyGlyphs() throws {
        // Unifont 16 px: 16 rows of one word, 128 bytes a glyph; 64 KiB hold 512 of them.
        let font = try FontFace(path: unifont, pixelSize: 16, cacheBytes: 64 << 10)
        let renderer = try TextRenderer(font: font, width: 192, height: 32)
        let ideographs = String(String.UnicodeScalarView((0x4E00..<0x4E00 + 600).compactMap(Unicode.Scalar.init)))
        for mode in [LayoutMode.page, .scroll] {
            #expect(throws: LobbyRenderError.tooManyGlyphs(limitBytes: 64 << 10)) {
                try renderer.render(ideographs, mode: mode)
            }
        }
        // The same characters over several texts are fine: the cache evicts between texts.
        #expect(try renderer.render(String(ideographs.prefix(500))).count > 1)
        #expect(try renderer.render(String(ideographs.suffix(500))).count > 1)
        #expect(font.cacheStatistics.bitmapBytes <= 64 << 10)
    }
}
