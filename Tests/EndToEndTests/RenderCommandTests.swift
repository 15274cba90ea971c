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
        #expect(result.standardError.contains("第 1 个字符 U+20000 '𠀀'在字体中没有字形，显示为方框"))
    }

    @Test("bad options and overflowing static text exit 2 and say why")
    func badInput() throws {
        let color = try lobbyctl.run(["render", "--text", "x", "--color", "blue"])
        #expect(color.status == 64 && color.standardError.contains("--color blue：应为以下之一：red, green, amber"))
        let font = try lobbyctl.run(["render", "--text", "x", "--font", "/nonexistent.ttf"])
        #expect(
            font.status == 2
                && font.standardError.contains("/nonexistent.ttf: 无法打开字体文件：文件不存在"))
        let overflow = try lobbyctl.run(["render", "--text", String(repeating: "长", count: 30), "--mode", "static"])
        #expect(overflow.status == 2 && overflow.standardError.contains("静止显示的内容需要 2 屏"))
        let noOut = try lobbyctl.run(["render", "--text", "x", "--format", "png"])
        #expect(noOut.status == 64 && noOut.standardError.contains("需要 --out 文件或目录"))
    }

    // Found by review after the renderer's rewrite (issue 22).

    @Test("an empty --out, a missing directory and a size the panel cannot hold each get a plain message")
    func outputsAndCombinations() throws {
        let directory = try TemporaryDirectory()
        let empty = try lobbyctl.run(["render", "--text", "x", "--format", "pbm", "--out", ""])
        #expect(empty.status == 64 && empty.standardError.contains("需要 --out 文件或目录"))
        let slash = try lobbyctl.run(["render", "--text", "x", "--format", "pbm", "--out", "\(directory.path)/new/"])
        #expect(slash.status == 1 && slash.standardError.contains("--out \(directory.path)/new/：目录不存在"))
        let missing = try lobbyctl.run(["render", "--text", "x", "--format", "png", "--out", "/nonexistent/dir/x.png"])
        #expect(
            missing.status == 1
                && missing.standardError.contains(
                    "无法写入 /nonexistent/dir/x-1.png: 目录 /nonexistent/dir 不存在")
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        let tall = try lobbyctl.run(["render", "--text", "x", "--size", "100", "--height", "16"])
        #expect(
            tall.status == 64 && tall.standardError.contains("一行字高 100 点，但屏幕只有 16 行"))
    }

    @Test("with --config, the panel and font are the hall's, as the daemon draws them; options still win")
    func hallConfiguration() throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("lobbyd.toml", "[panel]\nwidth = 96\nheight = 16\n")
        let hall = try lobbyctl.run([
            "render", "--config", config, "--text", "欢迎来到市政务服务中心", "--format", "pbm", "--out", directory.path,
        ])
        #expect(hall.status == 0, "\(hall.standardError)")
        // 11 characters of 16 dots on a 96-dot line: two pages of one line each.
        let first = try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/page-1.pbm"))
        #expect(first.starts(with: Array("P4\n96 16\n".utf8)))
        #expect(FileManager.default.fileExists(atPath: "\(directory.path)/page-2.pbm"))
        let wider = try lobbyctl.run([
            "render", "--config", config, "--text", "欢迎", "--width", "192", "--format", "pbm", "--out",
            "\(directory.path)/wide.pbm",
        ])
        #expect(wider.status == 0)
        let wide = try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/wide-1.pbm"))
        #expect(wide.starts(with: Array("P4\n192 16\n".utf8)))
        // An existing directory named with its slash: page files inside it, one slash.
        let slashed = try lobbyctl.run([
            "render", "--config", config, "--text", "欢迎", "--format", "pbm", "--out", "\(directory.path)/",
        ])
        #expect(slashed.standardOutput == "\(directory.path)/page-1.pbm\n")
        // Warnings count the typed \n as the two characters typed.
        let escaped = try lobbyctl.run(["render", "--config", config, "--text", "a\\nb\u{200B}c"])
        #expect(escaped.standardError.contains("删除了第 5 个字符处看不见的字符 U+200B"), "\(escaped.standardError)")
        // Green on a mono panel is refused, as the validator refuses it in a playlist.
        let green = try lobbyctl.run(["render", "--config", config, "--text", "x", "--color", "green"])
        #expect(green.status == 2 && green.standardError.contains("本屏为单色"))
        let nothing = try lobbyctl.run(["render", "--config", "", "--text", "x"])
        #expect(nothing.status == 64 && nothing.standardError.contains("--config 需要一个文件路径"))
        let broken = try directory.write("broken.toml", "[panel]\nwidth = 3\n")
        let refused = try lobbyctl.run(["render", "--config", broken, "--text", "x"])
        #expect(refused.status == 2 && refused.standardError.contains("panel.width"))
    }

    @Test("a pipe or a directory as the font is refused at once, not waited on")
    func hostileFonts() throws {
        let directory = try TemporaryDirectory()
        let pipe = "\(directory.path)/font"
        #expect(mkfifo(pipe, 0o600) == 0)
        // FreeType would wait on the pipe for ever; the test's own time limit would catch that.
        let fromPipe = try lobbyctl.run(["render", "--text", "x", "--font", pipe])
        #expect(fromPipe.status == 2 && fromPipe.standardError.contains("\(pipe): 不是字体文件（是目录、管道或设备）"))
        let fromDirectory = try lobbyctl.run(["render", "--text", "x", "--font", directory.path])
        #expect(fromDirectory.status == 2 && fromDirectory.standardError.contains("不是字体文件"))
    }

    @Test("variation selectors, soft hyphens and control characters are removed with their positions, as typed")
    func pastedInvisibles() throws {
        let result = try lobbyctl.run([
            "render", "--text", "😀☎\u{FE0F}你\u{00AD}好\u{0B}", "--width", "128", "--height", "16", "--format", "term",
        ])
        #expect(result.status == 0)
        for line in [
            "删除了第 3 个字符处看不见的字符 U+FE0F", "删除了第 5 个字符处看不见的字符 U+00AD",
            "删除了第 7 个字符处看不见的字符 U+000B", "第 1 个字符 U+1F600 '😀'在字体中没有字形",
        ] {
            #expect(result.standardError.contains(line), "\(result.standardError)")
        }
    }

    @Test("a text beginning with a minus sign is the text, not an option")
    func leadingMinus() throws {
        let result = try lobbyctl.run(["render", "--text", "-5℃ 寒潮", "--width", "96", "--height", "16"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardOutput.isEmpty)
    }

    @Test("a text that would need gigabytes of pictures is refused before drawing")
    func tooLarge() throws {
        let text = String(repeating: "一", count: 40_000)
        let result = try lobbyctl.run([
            "render", "--text", text, "--mode", "scroll", "--size", "128", "--height", "128", "--format", "term",
        ])
        #expect(result.status == 2 && result.standardError.contains("超过最多绘制的 134217728 点"))
    }

    /// Issue 22: these crashed (exit 132, a trap) or rendered garbage.
    @Test(
        "numbers out of range exit 64 naming the option, never a trap",
        arguments: [
            ["--width", "0"], ["--width=-5"], ["--size=-1"], ["--size", "5000000000"], ["--size", "65535"],
            ["--size", "0"], ["--height", "99999"],
            // The daemon's own bounds: a preview of a panel it cannot drive would mislead.
            ["--size", "200"], ["--width", "4096"], ["--height", "6"],
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
            unwritable.standardError.contains(
                "无法写入 /nonexistent-dir/page-1.pbm: 目录 /nonexistent-dir 不存在"))
        #expect(!unwritable.standardError.contains("NSCocoaErrorDomain"))
        let pasted = try lobbyctl.run(["render", "--text", "\u{FEFF}欢迎\u{200B}光临", "--format", "term"])
        #expect(pasted.status == 0)
        #expect(pasted.standardError.contains("删除了第 1 个字符处看不见的字符 U+FEFF"))
        #expect(pasted.standardError.contains("删除了第 4 个字符处看不见的字符 U+200B"))
        #expect(!pasted.standardError.contains("没有字形"))
    }
}
