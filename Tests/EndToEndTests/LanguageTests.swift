import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// Issue 19's acceptance: with `[site] language = "zh-CN"` every lobbyctl subcommand, lobbyd and
/// a fully rejected playlist say nothing a person reads as an English-only sentence; with `en`,
/// nothing in Chinese except the content people wrote (titles, texts, names, holidays, notes).
@Suite("Chinese first, English second", .serialized)
final class LanguageTests {
    let hall: TemporaryDirectory
    let simulator: RunningProgram
    var daemon: RunningProgram?

    init() throws {
        hall = try TemporaryDirectory()
        try hall.dropSamples(["hotline-12345"])
        simulator = try hall.startSimulatedSign()
    }

    deinit {
        daemon?.stop()
        simulator.stop()
    }

    @Test("zh-CN: no sentence in English anywhere a person reads")
    func chinese() throws {
        let transcript = try drive(.chinese, note: "屏幕正常，无坏点")
        let found = transcript.flatMap { command, text in
            Self.englishSentences(in: text).map { "lobbyctl \(command): \($0)" }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test("en: no Chinese except the content people wrote")
    func english() throws {
        let transcript = try drive(.english, note: "screen clean, no dead dots")
        let content = try Self.content()
        let found = transcript.flatMap { command, text in
            Self.chinese(in: text, except: content).map { "lobbyctl \(command): \($0)" }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// Runs every subcommand (and its `--help`) against a running lobbyd in `language`, and
    /// returns what each printed, the daemon's journal and a rejection's reason file.
    func drive(_ language: Language, note: String) throws -> [(String, String)] {
        let config = try hall.writeHallConfiguration(
            extra: """
                [site]
                name = "\(language == .chinese ? "市政务服务中心一楼" : "City Service Hall")"
                language = "\(language.rawValue)"
                [control]
                operators_group = "\(String(cString: getgrgid(getgid())!.pointee.gr_name))"
                socket_mode = "0666"
                """)
        let lobbyd = try RunningProgram("lobbyd", ["--config", config, "--clock-start", "2026-11-25T10:00:00"])
        daemon = lobbyd
        #expect(simulator.waitForLine(timeout: .seconds(20)) { (simulatorPageCount($0) ?? 0) > 0 } != nil)
        let environment = ["LANG": language == .chinese ? "zh_CN.UTF-8" : "en_US.UTF-8"]
        let lobbyctl = BuiltProgram("lobbyctl")
        let socket = ["--socket", "\(hall.path)/control.sock"]
        let files = ["--config", config]
        let scratch = try TemporaryDirectory()
        let rejected = try scratch.write("rejected.toml", Self.rejectedPlaylist)
        let example = RepositoryFiles.path("lobbyd.toml.example")
        let sample = RepositoryFiles.path("playlists/hotline-12345.toml")
        let key = RepositoryFiles.path("playlists/demo-keys/demo-publisher.key")
        let broken = try scratch.write("broken.toml", "[serial]\nbaud = 9601\nspeed = 1\n")
        let runs: [[String]] = [
            ["status"] + socket, ["playlists"] + socket,
            ["override", "off", "--until", "11:00", "--reason", note] + socket,
            ["override", "clear", "--reason", note] + socket, ["override", "sideways", "--reason", note] + socket,
            ["maintenance", "start", "--note", note, "--pattern", "checkerboard"] + socket,
            ["maintenance", "start", "--note", note] + socket, ["status"] + socket,
            ["maintenance", "end"] + socket, ["daily-check", "--note", note] + socket,
            ["test-pattern", "all-on", "--minutes", "1"] + socket, ["reload"] + socket, ["status"] + socket,
            ["validate-config", example], ["validate-config", broken],
            ["calendar", "--from", "2026-09-30", "--to", "2026-10-10"] + files,
            ["calendar", "--from", "2027-01-01", "--to", "2027-01-02"] + files,
            ["calendar", "--from", "2026-13-01", "--to", "2026-10-10"] + files,
            ["schedule", "--from", "2026-10-09", "--to", "2026-10-10"] + files,
            ["render", "--text", "欢迎\u{200B}光临𠀀", "--width", "64", "--height", "16"],
            ["render", "--text", "x", "--color", "blue"], ["render", "--text", "x", "--format", "png"],
            ["render", "--text", "x", "--format", "png", "--out", "/nonexistent/dir/x.png"],
            ["preview", sample, "--out", "\(scratch.path)/preview"] + files,
            ["plan", sample] + files, ["ports"],
            ["events", "--limit", "40"] + files, ["events", "--kind", "nonsense"] + files,
            ["events", "--since", "yesterday"] + files, ["verify-log"] + files,
            ["report", "--month", "本月", "--format", "md"] + files, ["report", "--month", "2026-13"] + files,
            ["keygen", "--name", "演示", "--out", scratch.path, "--file", "k"],
            ["keygen", "--name", "演示", "--out", scratch.path, "--file", "k"],
            ["keys"] + files,
            ["sign", "--key", key, "\(scratch.path)/missing.toml"],
            ["sign", "--key", key, rejected] + files,
            ["approve", "--role", "审批", "--key", key, "--confidentiality", "通过", rejected] + files,
            ["approve", "--role", "审核", "--key", key, sample] + files,
            ["verify", sample, "--trusted-keys", RepositoryFiles.path("playlists/demo-keys")] + files,
            ["verify", rejected, "--trusted-keys", RepositoryFiles.path("playlists/demo-keys")] + files,
            ["submit", rejected, "--spool", "\(hall.path)/spool"] + files,
            ["status", "--bogus"], ["calendar"], ["test-pattern", "red", "--minutes", "abc"] + socket, ["nosuch"],
        ]
        let subcommands = [
            "status", "watch", "playlists", "override", "maintenance", "daily-check", "test-pattern", "reload",
            "validate-config", "calendar", "schedule", "render", "preview", "plan", "ports", "events", "verify-log",
            "report", "keygen", "keys", "approve", "sign", "verify", "submit",
        ]
        var transcript: [(String, String)] = []
        for arguments in runs + [["--help"]] + subcommands.map({ [$0, "--help"] }) {
            let result = try lobbyctl.run(arguments, environment: environment)
            transcript.append((arguments.joined(separator: " "), result.standardOutput + result.standardError))
        }
        // watch: an event as it happens.
        let watch = try RunningProgram(path: lobbyctl.path, ["watch"] + socket, environment: environment)
        _ = watch.waitForLine { _ in true }
        _ = try lobbyctl.run(["daily-check", "--note", note] + socket, environment: environment)
        #expect(watch.waitForLine { $0.contains("daily_check") } != nil)
        watch.stop()
        transcript.append(("watch", watch.output.joined(separator: "\n")))
        // A full rejection through the spool, signed by the demo people so that every stage runs
        // (`lobbyctl sign` refuses such a file): its reason file is for the content office.
        var hands = try Approvers.demo().hands()
        hands[1].step.confidentiality = "待定"
        let sheet = try ApprovalSheet.signing(Array(Self.rejectedPlaylist.utf8), by: hands)
        try AtomicFile.write(Array(sheet.fileText.utf8), to: "\(hall.path)/spool/incoming/rejected.toml.sig")
        try FileManager.default.copyItem(atPath: rejected, toPath: "\(hall.path)/spool/incoming/rejected.toml")
        #expect(lobbyd.waitForLine { $0.contains("playlist_rejected") } != nil)
        let reasons = try FileManager.default.contentsOfDirectory(atPath: "\(hall.path)/spool/rejected")
            .filter { $0.hasSuffix("rejected.toml.reason") }
        let reason = try String(
            contentsOfFile: "\(hall.path)/spool/rejected/\(try #require(reasons.first))", encoding: .utf8)
        #expect(reason.split(separator: "\n").count >= 8, "every problem is listed: \(reason)")
        transcript.append(("rejected.toml.reason", reason))
        #expect(lobbyd.terminate(SIGTERM, timeout: .seconds(10)))
        transcript.append(("lobbyd (journal)", lobbyd.output.joined(separator: "\n")))
        daemon = nil
        return transcript
    }

    /// A playlist wrong in every stage after the signature that a clerk can get wrong (its sheet,
    /// `rejectedSheet`, has the review not passed): reposted without a source, expired, an
    /// advertising word, a category outside the remit, a character the font lacks, a colour the
    /// panel lacks.
    static let rejectedPlaylist = """
        id = "rejected"
        version = 1
        title = "测试"
        valid_from = 2026-01-01
        valid_until = 2026-02-01

        [approval]
        reposted = true

        [[items]]
        category = "real-estate"
        text = "年终特价促销𠀀"
        color = "green"
        """

    /// Lines with an English sentence and no Chinese: two English words in a row once paths,
    /// options, identifiers, numbers, times and quoted text are taken out.
    static func englishSentences(in text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            guard !line.contains(where: MessageText.isChinese) else { return false }
            let bare = MessageText.identifiersRemoved(line)
            return bare.range(of: #"[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}"#, options: .regularExpression) != nil
        }
    }

    /// Lines with Chinese outside quotes once the content people wrote is taken out.
    static func chinese(in text: String, except content: [String]) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            var rest = line.replacingOccurrences(of: #""[^"]*""#, with: "", options: .regularExpression)
            for piece in content { rest = rest.replacingOccurrences(of: piece, with: "") }
            return rest.contains(where: MessageText.isChinese)
        }
    }

    /// What people wrote, which any language shows as written: every string value of the sample
    /// playlists and their sheets, the demo roster, the rejected one and the calendar files, and
    /// the words typed in this test.
    static func content() throws -> [String] {
        var files = try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.path("playlists"))
            .filter { $0.hasSuffix(".toml") || $0.hasSuffix(".toml.sig") }.map {
                RepositoryFiles.path("playlists/\($0)")
            }
        files += try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.path("calendar"))
            .filter { $0.hasSuffix(".toml") }.map { RepositoryFiles.path("calendar/\($0)") }
        files.append(RepositoryFiles.path("playlists/demo-keys/people.toml"))
        var texts = [rejectedPlaylist, "演示发布员", "演示", "本月", "欢迎\u{200B}光临𠀀", "欢迎", "光临", "𠀀"]
        for file in files { texts.append(try String(contentsOfFile: file, encoding: .utf8)) }
        let values = texts.flatMap { text in
            text.matches(of: /"([^"\n]*)"/).map { String($0.output.1) } + [text]
        }
        // Longest first, so a title goes before the words inside it.
        return Set(values.filter { $0.contains(where: MessageText.isChinese) && $0.count < 200 })
            .sorted { $0.count > $1.count }
            + ["李明", "王芳", "陈刚", "赵磊", "综合科", "测试", "年终特价促销", "特价", "促销", "待定", "元旦", "国庆节"]
    }
}

/// Looking at printed text as a reader does.
enum MessageText {
    static func isChinese(_ character: Character) -> Bool { ChineseText.isChinese(character) }

    /// The line without what is not prose: quoted text, paths, options, placeholders, TOML
    /// sections, times, and words that hold digits, `_`, `.`, `@`, `=` or `/`.
    static func identifiersRemoved(_ line: String) -> String {
        var text = line
        for pattern in [
            #""[^"]*""#, #"'[^']*'"#, #"`[^`]*`"#, #"<[^>]*>"#, #"\[[^\]]*\]"#, #"(^|\s)/\S*"#, #"--?[a-z][a-z-]*"#,
            #"\S*[0-9_.@=/]\S*"#,
            #"\b(lobbyd|lobbyctl|lobby-sim|systemctl|Ed25519|FreeType|libserialport|TOML|JSON|SQLite|UTF|PNG|PBM|USB|VID|PID|ISO|Ctrl-C)\b"#,
        ] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }
}
