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
        #expect(
            font.status == 2
                && font.standardError.contains("/nonexistent.ttf: cannot open the font file: it does not exist"))
        let overflow = try lobbyctl.run(["render", "--text", String(repeating: "长", count: 30), "--mode", "static"])
        #expect(overflow.status == 2 && overflow.standardError.contains("static text needs 2 pages"))
        let noOut = try lobbyctl.run(["render", "--text", "x", "--format", "png"])
        #expect(noOut.status == 2 && noOut.standardError.contains("needs --out FILE or DIR"))
    }

    /// Issue 22: these crashed (exit 132, a trap) or rendered garbage.
    @Test(
        "numbers out of range exit 64 naming the option, never a trap",
        arguments: [
            ["--width", "0"], ["--width=-5"], ["--size=-1"], ["--size", "5000000000"], ["--size", "65535"],
            ["--size", "0"], ["--height", "99999"],
        ])
    func numbersOutOfRange(option: [String]) throws {
        let result = try lobbyctl.run(["render", "--text", "x"] + option)
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("--"), "\(result.standardError)")
    }

    @Test(
        "an output path that cannot be written is a plain message, exit 1; zero-width characters are removed with a warning"
    )
    func outputAndHygiene() throws {
        let unwritable = try lobbyctl.run([
            "render", "--text", "x", "--format", "pbm", "--out", "/nonexistent-dir/page.pbm",
        ])
        #expect(unwritable.status == 1)
        #expect(
            unwritable.standardError.contains("/nonexistent-dir/")
                && unwritable.standardError.contains("cannot write: No such file or directory"))
        #expect(!unwritable.standardError.contains("NSCocoaErrorDomain"))
        let pasted = try lobbyctl.run(["render", "--text", "\u{FEFF}欢迎\u{200B}光临", "--format", "term"])
        #expect(pasted.status == 0)
        #expect(pasted.standardError.contains("removed the invisible character U+FEFF at character 1"))
        #expect(pasted.standardError.contains("removed the invisible character U+200B at character 4"))
        #expect(!pasted.standardError.contains("no glyph"))
    }
}
