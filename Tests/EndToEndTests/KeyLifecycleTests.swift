import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// Keys over their life in a running lobbyd: a key near its last day is warned about in
/// `status`; a reload that installs, revokes or finds expired keys records `key_added`,
/// `key_revoked` and `key_expired`, and what a revoked key signed leaves the screen.
@Suite("Signing keys in a running hall", .serialized)
final class KeyLifecycleTests {
    let hall: TemporaryDirectory
    let simulator: RunningProgram
    /// The deputy's key ends on 2026-12-10, 15 days after the daemon's clock starts.
    let approvers = Approvers(
        drafter: PersonalKey(holder: "李明"),
        reviewer: PersonalKey(holder: "王芳", validUntil: LocalDate(year: 2026, month: 12, day: 10)!),
        director: PersonalKey(holder: "陈刚"), publisher: PersonalKey(holder: "张三"))

    init() throws {
        hall = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: "\(hall.path)/keys", withIntermediateDirectories: true)
        try approvers.install(keys: "\(hall.path)/keys", people: "\(hall.path)/people.toml")
        try hall.write(
            "lobbyd.toml",
            """
            [calendar]
            directories = ["\(RepositoryFiles.path("calendar"))"]
            [paths]
            spool = "\(hall.path)/spool"
            database = "\(hall.path)/state/lobbyd.sqlite"
            control_socket = "\(hall.path)/control.sock"
            trusted_keys = "\(hall.path)/keys"
            people = "\(hall.path)/people.toml"
            [link]
            endpoint = "\(hall.path)/sign"
            [serial]
            baud = 115200
            [control]
            operators_group = "\(String(cString: getgrgid(getgid())!.pointee.gr_name))"
            """)
        let text = SamplePlaylist.text()
        try FileManager.default.createDirectory(
            atPath: "\(hall.path)/spool/incoming", withIntermediateDirectories: true)
        try hall.write("spool/incoming/news.toml.sig", approvers.sheet(for: text))
        try hall.write("spool/incoming/news.toml", text)
        simulator = try hall.startSimulatedSign()
    }

    deinit { simulator.stop() }

    func lobbyctl(_ arguments: [String]) throws -> BuiltProgram.Result {
        try BuiltProgram("lobbyctl").run(arguments + ["--socket", "\(hall.path)/control.sock"])
    }

    @Test("status warns of a key's last day 30 days ahead; a reload records key_added, key_revoked, key_expired")
    func lifecycle() throws {
        let lobbyd = try RunningProgram(
            "lobbyd", ["--config", "\(hall.path)/lobbyd.toml", "--clock-start", "2026-11-25T10:00:00"])
        defer { lobbyd.stop() }
        #expect(lobbyd.waitForLine { $0.contains("playlist_accepted") } != nil)
        let status = try lobbyctl(["status"])
        let deputy = approvers.reviewer.publicKey.keyID
        #expect(
            status.standardOutput.contains("签名密钥 \(deputy)（王芳）将于 2026-12-10 到期（还有 15 天）"), "\(status.standardOutput)")

        // A new deputy's key, already past its last day, and the director's key revoked.
        let late = PersonalKey(holder: "周强", validUntil: LocalDate(year: 2026, month: 11, day: 24)!)
        try hall.write("keys/late.pub", late.publicKey.fileText)
        let director = approvers.director.publicKey.keyID
        try hall.write(
            "keys/revoked-keys.toml",
            "[[revoked]]\nkey_id = \"\(director)\"\ndate = 2026-11-25\nreason = \"laptop stolen\"\n"
                + "[[revoked]]\nkey_id = \"0123456789abcdef\"\n")
        #expect(try lobbyctl(["reload"]).status == 0)
        #expect(lobbyd.waitForLine { $0.contains("key_added") && $0.contains(late.publicKey.keyID) } != nil)
        #expect(lobbyd.waitForLine { $0.contains("key_expired") && $0.contains(late.publicKey.keyID) } != nil)
        #expect(
            lobbyd.waitForLine {
                $0.contains("key_revoked") && $0.contains("签名密钥 \(director)（陈刚）已吊销：laptop stolen")
            } != nil)
        #expect(lobbyd.waitForLine { $0.contains("playlist_withdrawn") } != nil)
        // An id that matches no installed key revokes nothing, and the journal says so.
        #expect(lobbyd.waitForLine { $0.contains("吊销名单中的密钥 0123456789abcdef 不在") } != nil)
        // Each change is told once: a second reload records none of them again.
        let before = lobbyd.output.count
        #expect(try lobbyctl(["reload"]).status == 0)
        #expect(lobbyd.waitForLine(from: before) { $0.contains("config_reloaded") } != nil)
        let again = try BuiltProgram("lobbyctl").run(
            ["events", "--config", "\(hall.path)/lobbyd.toml", "--kind", "key_expired", "--kind", "key_revoked"])
        #expect(
            again.standardOutput.split(separator: "\n").filter { $0.contains("key_") }.count == 2,
            "\(again.standardOutput)")
    }

    /// The standing notice is checked like any playlist: a reload that revokes its signer's key
    /// takes it off the screen too (it was checked only at start, and stayed).
    @Test("a reload that revokes the standing notice's publisher takes it off the screen, with an event")
    func revokedStandingNotice() throws {
        for name in ["news.toml", "news.toml.sig"] {
            try FileManager.default.removeItem(atPath: "\(hall.path)/spool/incoming/\(name)")
        }
        let text = SamplePlaylist.text(id: "notice")
        try hall.write("notice.toml", text)
        try hall.write("notice.toml.sig", approvers.sheet(for: text))
        let config = try String(contentsOfFile: "\(hall.path)/lobbyd.toml", encoding: .utf8)
        try hall.write("lobbyd.toml", config + "\n[content]\nfallback = \"\(hall.path)/notice.toml\"\n")
        let lobbyd = try RunningProgram(
            "lobbyd", ["--config", "\(hall.path)/lobbyd.toml", "--clock-start", "2026-11-25T10:00:00"])
        defer { lobbyd.stop() }
        #expect(lobbyd.waitForLine { $0.contains("fallback_shown") } != nil)
        #expect(try lobbyctl(["status"]).standardOutput.contains("正在显示常设通知"))

        let publisher = approvers.publisher.publicKey.keyID
        try hall.write("keys/revoked-keys.toml", "[[revoked]]\nkey_id = \"\(publisher)\"\nreason = \"left\"\n")
        #expect(try lobbyctl(["reload"]).status == 0)
        #expect(
            lobbyd.waitForLine { $0.contains("playlist_withdrawn") && $0.contains("常设通知") && $0.contains("未通过校验") }
                != nil)
        #expect(lobbyd.waitForLine { $0.contains("content_missing") } != nil)
        #expect(try !lobbyctl(["status"]).standardOutput.contains("正在显示常设通知"))
    }
}
