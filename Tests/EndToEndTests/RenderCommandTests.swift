import Foundation
import LobbyTestSupport
import Testing

/// `lobbyctl render` as the content office uses it to check a message before publishing.
@Suite("Render from the command line")
struct RenderCommandTests {
    let lobbyctl = BuiltProgram("lobbyctl")

    @Test("one PBM file per page, named after --out, each a 192x32 picture")
    func pagesToFiles() throws {
        let directory = try TemporaryDirectory()
        let text = String(repeating: "政务服务中心欢迎您。", count: 4)
        let result = try lobbyctl.run([
            "render", "--text", text, "--format", "pbm", "--out", "\(directory.path)/notice.pbm",
        ])
        #expect(result.status == 0)
        #expect(result.standardOutput == "\(directory.path)/notice-1.pbm\n\(directory.path)/notice-2.pbm\n")
        let page = try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/notice-2.pbm"))
        #expect(page.starts(with: Array("P4\n192 32\n".utf8)) && page.count == 10 + 24 * 32)
    }

    @Test("PNG pages go into an existing directory as page-N.png")
    func pngIntoDirectory() throws {
        let directory = try TemporaryDirectory()
        let result = try lobbyctl.run(["render", "--text", "12345", "--format", "png", "--out", directory.path])
        #expect(result.status == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/page-1.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test("the terminal preview is plain half-blocks when not on a terminal")
    func terminal() throws {
        let result = try lobbyctl.run(["render", "--text", "一", "--width", "16", "--height", "16", "--format", "term"])
        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").count == 8)
        #expect(result.standardOutput.contains("▀") || result.standardOutput.contains("▄"))
        #expect(!result.standardOutput.contains("\u{1B}["))
    }

    @Test("a character the font lacks is drawn as a box and named on stderr")
    func missingGlyph() throws {
        let result = try lobbyctl.run(["render", "--text", "𠀀字", "--format", "term"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("no glyph for U+20000 '𠀀' at character 1; drawn as a box"))
    }

    @Test("bad options and overflowing static text exit 2 and say why")
    func badInput() throws {
        let color = try lobbyctl.run(["render", "--text", "x", "--color", "blue"])
        #expect(color.status == 2 && color.standardError.contains("--color blue: expected one of red, green, amber"))
        let font = try lobbyctl.run(["render", "--text", "x", "--font", "/nonexistent.ttf"])
        #expect(font.status == 2 && font.standardError.contains("/nonexistent.ttf: FreeType cannot open this font"))
        let overflow = try lobbyctl.run(["render", "--text", String(repeating: "长", count: 30), "--mode", "static"])
        #expect(overflow.status == 2 && overflow.standardError.contains("static text needs 2 pages"))
        let noOut = try lobbyctl.run(["render", "--text", "x", "--format", "png"])
        #expect(noOut.status == 2 && noOut.standardError.contains("needs --out FILE or DIR"))
    }
}
