import Foundation
import LobbyTestSupport
import Testing

/// The content office's workflow with real processes: keygen → approve (拟稿, 审核, 审批) → sign →
/// verify → submit, and the preview pictures.
@Suite("Playlist workflow from the command line")
struct PlaylistCommandTests {
    let lobbyctl = BuiltProgram("lobbyctl")
    let example = RepositoryFiles.path("lobbyd.toml.example")

    /// The demo hall's keys and roster.
    static let demo = [
        "--trusted-keys", RepositoryFiles.path("playlists/demo-keys"), "--people",
        RepositoryFiles.path("playlists/demo-keys/people.toml"),
    ]

    @Test("every shipped sample playlist verifies with the demo people's sheet, and prints the chain")
    func samplesVerify() throws {
        for name in [
            "hall-news", "hotline-12345", "public-resource-trading", "intermediary-marketplace", "online-services",
        ] {
            let result = try lobbyctl.run(
                ["verify", "--config", example] + Self.demo + [RepositoryFiles.path("playlists/\(name).toml")])
            #expect(result.status == 0, "\(name): \(result.standardError)")
            #expect(result.standardOutput.contains("    审核  王芳 2026-11-17（保密审核 通过，密钥 1781f54736320652）"))
            #expect(result.standardOutput.contains("    发布  张三 2026-11-19（密钥 8bb83def0c8f83a8）"))
        }
    }

    @Test("keygen, approve by each hand, sign, verify and submit: the playlist and its sheet land in incoming/")
    func workflow() throws {
        let work = try TemporaryDirectory()
        let keys = "\(work.path)/keys"
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: "\(work.path)/spool/incoming", withIntermediateDirectories: true)
        var roster = ""
        for (stem, name, role, extra) in [
            ("li", "李明", "拟稿", "sections = [\"综合科\"]"), ("wang", "王芳", "审核", "categories = [\"online-services\"]"),
            ("chen", "陈刚", "审批", ""), ("zhang", "张三", "发布", ""),
        ] {
            let keygen = try lobbyctl.run(
                ["keygen", "--name", name, "--out", keys, "--file", stem, "--valid-until", "2099-12-31"])
            #expect(keygen.status == 0, "\(keygen.standardError)")
            let id = try #require(
                try String(contentsOfFile: "\(keys)/\(stem).pub", encoding: .utf8).split(separator: "\"").dropFirst(3)
                    .first)
            roster += "[[person]]\nname = \"\(name)\"\nkey_id = \"\(id)\"\nroles = [\"\(role)\"]\n\(extra)\n"
        }
        let mode = try FileManager.default.attributesOfItem(atPath: "\(keys)/zhang.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: "\(keys)/zhang.pub", encoding: .utf8).contains("valid_until = 2099-12-31"))
        let again = try lobbyctl.run(["keygen", "--name", "张三", "--out", keys, "--file", "zhang"])
        #expect(again.status == 2 && again.standardError.contains("不覆盖已有的密钥"))
        let people = try work.write("people.toml", roster)
        let trusted = ["--config", example, "--trusted-keys", keys, "--people", people]

        let playlist = "\(work.path)/online.toml"
        try FileManager.default.copyItem(
            atPath: RepositoryFiles.path("playlists/online-services.toml"), toPath: playlist)
        func step(_ arguments: [String]) throws -> BuiltProgram.Result {
            try lobbyctl.run(arguments + trusted + [playlist])
        }
        // The publisher cannot sign before the reviews; the deputy cannot sign as the director.
        let early = try step(["sign", "--key", "\(keys)/zhang.key"])
        #expect(early.status == 2 && early.standardError.contains("缺少拟稿一步"), "\(early.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "\(playlist).sig"))
        #expect(try step(["approve", "--role", "拟稿", "--key", "\(keys)/li.key"]).status == 0)
        let forged = try step(["approve", "--role", "审批", "--key", "\(keys)/wang.key", "--confidentiality", "通过"])
        #expect(forged.status == 2 && forged.standardError.contains("不担任审批"), "\(forged.standardError)")
        let noVerdict = try step(["approve", "--role", "审核", "--key", "\(keys)/wang.key"])
        #expect(noVerdict.status == 2 && noVerdict.standardError.contains("--confidentiality 通过"))
        #expect(
            try step(["approve", "--role", "审核", "--key", "\(keys)/wang.key", "--confidentiality", "通过"]).status == 0)
        #expect(
            try step(["approve", "--role", "审批", "--key", "\(keys)/chen.key", "--confidentiality", "通过"]).status == 0)
        let signed = try step(["sign", "--key", "\(keys)/zhang.key"])
        #expect(signed.status == 0 && signed.standardOutput.contains("张三 已签发布"), "\(signed.standardError)")
        let verify = try lobbyctl.run(["verify"] + trusted + [playlist])
        #expect(verify.status == 0, "\(verify.standardError)")
        #expect(verify.standardOutput.contains("    拟稿  李明"))
        let submit = try lobbyctl.run(["submit"] + trusted + ["--spool", "\(work.path)/spool", playlist])
        #expect(submit.status == 0, "\(submit.standardError)")
        let incoming = try FileManager.default.contentsOfDirectory(atPath: "\(work.path)/spool/incoming").sorted()
        #expect(incoming == ["online.toml", "online.toml.sig"])
    }

    @Test("verify of a rejected playlist exits 2 with the reasons, and submit places nothing")
    func rejected() throws {
        let work = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: "\(work.path)/incoming", withIntermediateDirectories: true)
        let playlist = try work.write(
            "news.toml",
            try String(contentsOfFile: RepositoryFiles.path("playlists/hall-news.toml"), encoding: .utf8)
                .replacingOccurrences(of: "reposted = false", with: "reposted = true"))
        let trusted = ["--config", example] + Self.demo
        let verify = try lobbyctl.run(["verify"] + trusted + [playlist])
        #expect(verify.status == 2)
        #expect(verify.standardError.hasPrefix("发布内容单 \(playlist) 未通过校验"))
        #expect(verify.standardError.contains("[签名] 没有审批签名单：缺少 news.toml.sig"))
        #expect(verify.standardError.contains("[三审制度] 转载内容（reposted = true）须注明稿源 source"))
        let submit = try lobbyctl.run(["submit"] + trusted + ["--spool", work.path, playlist])
        #expect(submit.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(work.path)/incoming").isEmpty)
    }

    @Test("preview writes one panel picture per page the sign shows (a scroll item's windows too) and a contact sheet")
    func preview() throws {
        let out = try TemporaryDirectory()
        let result = try lobbyctl.run(
            ["preview", "--config", example] + Self.demo + [
                RepositoryFiles.path("playlists/hotline-12345.toml"), "--out", out.path,
            ])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        // Item 2 scrolls: two panel-wide windows, as the daemon sends it (`TextRenderer.pages(for:)`).
        #expect(
            files == [
                "contact-sheet.png", "item-1-page-1.png", "item-1-page-2.png", "item-2-page-1.png", "item-2-page-2.png",
            ])
    }

    @Test("preview runs the daemon's checks: a colour the mono panel cannot show is drawn red and fails")
    func previewChecks() throws {
        let out = try TemporaryDirectory()
        let work = try TemporaryDirectory()
        let draft = try work.write(
            "green.toml",
            try String(contentsOfFile: RepositoryFiles.path("playlists/hotline-12345.toml"), encoding: .utf8)
                .replacingOccurrences(of: "mode = \"page\"", with: "mode = \"page\"\ncolor = \"green\""))
        let result = try lobbyctl.run(["preview", "--config", example] + Self.demo + [draft, "--out", out.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("颜色 \"green\" 在本屏（mono）上无法显示"), "\(result.standardError)")
        // The pictures are there all the same, for the clerk to see what to change.
        #expect(FileManager.default.fileExists(atPath: "\(out.path)/contact-sheet.png"))
        // A draft whose sheet is only partly signed is checked as far as it goes.
        let partial = try work.write(
            "partial.toml",
            try String(contentsOfFile: RepositoryFiles.path("playlists/hall-news.toml"), encoding: .utf8))
        let approve = try lobbyctl.run(
            ["approve", "--config", example] + Self.demo + [
                "--role", "拟稿", "--key", RepositoryFiles.path("playlists/demo-keys/demo-drafter.key"), "--section",
                "综合科", partial,
            ])
        #expect(approve.status == 0, "\(approve.standardError)")
        let second = try TemporaryDirectory()
        let preview = try lobbyctl.run(
            ["preview", "--config", example] + Self.demo + [partial, "--out", "\(second.path)/p"])
        #expect(preview.status == 0, "\(preview.standardError)")
    }

    @Test("plan prints bytes and seconds per page at the configured baud")
    func plan() throws {
        let result = try lobbyctl.run([
            "plan", "--lang", "en", "--config", example, RepositoryFiles.path("playlists/public-resource-trading.toml"),
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("2 page(s) on a blank sign, 9600 baud 8N1 (10 bits per byte)"))
        #expect(result.standardOutput.contains("memory configuration           618 bytes     0.64 s"))
        #expect(result.standardOutput.contains("page 1 picture                3844 bytes     4.10 s"))
        #expect(result.standardOutput.contains("probes, manifest and clock     219 bytes     0.23 s"))
        #expect(result.standardOutput.contains("total                         6936 bytes     7.42 s"))
    }
}
