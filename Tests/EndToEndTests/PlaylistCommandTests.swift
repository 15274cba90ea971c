import Foundation
import LobbyTestSupport
import Testing

/// The content office's workflow with real processes: keygen → sign → verify → submit, and the
/// preview pictures.
@Suite("Playlist workflow from the command line")
struct PlaylistCommandTests {
    let lobbyctl = BuiltProgram("lobbyctl")
    let example = RepositoryFiles.path("lobbyd.toml.example")

    @Test("every shipped sample playlist verifies with the demo key")
    func samplesVerify() throws {
        for name in [
            "hall-news", "hotline-12345", "public-resource-trading", "intermediary-marketplace", "online-services",
        ] {
            let result = try lobbyctl.run([
                "verify", "--config", example, "--trusted-keys", RepositoryFiles.path("playlists/demo-keys"),
                RepositoryFiles.path("playlists/\(name).toml"),
            ])
            #expect(result.status == 0, "\(name): \(result.standardError)")
            #expect(result.standardOutput.contains("发布人签名：演示发布员"))
        }
    }

    @Test("keygen, sign, verify and submit: the playlist and its signature land in incoming/")
    func workflow() throws {
        let work = try TemporaryDirectory()
        let keys = "\(work.path)/keys"
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: "\(work.path)/spool/incoming", withIntermediateDirectories: true)
        let keygen = try lobbyctl.run(["keygen", "--name", "张三", "--out", keys, "--file", "zhang"])
        #expect(keygen.status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: "\(keys)/zhang.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try lobbyctl.run(["keygen", "--name", "张三", "--out", keys, "--file", "zhang"])
        #expect(again.status == 2 && again.standardError.contains("不覆盖已有的密钥"))

        let playlist = "\(work.path)/online.toml"
        try FileManager.default.copyItem(
            atPath: RepositoryFiles.path("playlists/online-services.toml"), toPath: playlist)
        #expect(try lobbyctl.run(["sign", "--key", "\(keys)/zhang.key", playlist]).status == 0)
        let trusted = ["--config", example, "--trusted-keys", keys]
        #expect(try lobbyctl.run(["verify"] + trusted + [playlist]).status == 0)
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
                .replacingOccurrences(
                    of: "confidentiality_review = \"passed\"", with: "confidentiality_review = \"pending\""))
        let trusted = ["--config", example, "--trusted-keys", RepositoryFiles.path("playlists/demo-keys")]
        let verify = try lobbyctl.run(["verify"] + trusted + [playlist])
        #expect(verify.status == 2)
        #expect(verify.standardError.hasPrefix("发布内容单 \(playlist) 未通过校验"))
        #expect(verify.standardError.contains("[签名] 没有签名：缺少 news.toml.sig"))
        #expect(verify.standardError.contains("[三审制度] 保密审核结果为 \"pending\"，须为 \"通过\" 方可发布"))
        let submit = try lobbyctl.run(["submit"] + trusted + ["--spool", work.path, playlist])
        #expect(submit.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(work.path)/incoming").isEmpty)
    }

    @Test("preview writes one panel picture per page the sign shows (a scroll item's windows too) and a contact sheet")
    func preview() throws {
        let out = try TemporaryDirectory()
        let result = try lobbyctl.run([
            "preview", "--config", example, RepositoryFiles.path("playlists/hotline-12345.toml"), "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        // Item 2 scrolls: two panel-wide windows, as the daemon sends it (`TextRenderer.pages(for:)`).
        #expect(
            files == [
                "contact-sheet.png", "item-1-page-1.png", "item-1-page-2.png", "item-2-page-1.png", "item-2-page-2.png",
            ])
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
