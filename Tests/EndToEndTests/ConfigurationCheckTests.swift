import Foundation
import LobbyTestSupport
import Testing

/// The configuration check as the technician runs it: real processes, real files, exit statuses.
@Suite("Configuration check from the command line")
struct ConfigurationCheckTests {
    /// The example with its installed paths pointed at this repository's calendar and demo keys
    /// and a temporary state directory: the check opens each of them.
    static func example(in directory: TemporaryDirectory) throws -> String {
        let text = try String(contentsOfFile: RepositoryFiles.path("lobbyd.toml.example"), encoding: .utf8)
            .replacingOccurrences(
                of: "[\"/usr/share/lobbyd/calendar\", \"/etc/lobbyd/calendar.d\"]",
                with: "[\"\(RepositoryFiles.path("calendar"))\"]"
            )
            .replacingOccurrences(of: "/etc/lobbyd/trusted-keys", with: RepositoryFiles.path("playlists/demo-keys"))
            .replacingOccurrences(of: "/var/spool/lobbyd", with: "\(directory.path)/spool")
            .replacingOccurrences(of: "/var/lib/lobbyd", with: directory.path)
        return try directory.write("lobbyd.toml", text)
    }

    @Test("lobbyd --check-config accepts the example and says what it would do")
    func daemonAcceptsExample() throws {
        let directory = try TemporaryDirectory()
        let result = try BuiltProgram("lobbyd").run(["--check-config", "--config", try Self.example(in: directory)])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("lobbyd.toml: OK"))
        #expect(result.standardOutput.contains("开放时段：工作日 08:20-12:00, 14:20-17:30；休息日 不开屏"))
        #expect(result.standardOutput.contains("审批人员名册：/etc/lobbyd/people.toml"))
        #expect(result.standardOutput.contains("紧急通知：最长 72 小时，只在开放时段内显示"))
        #expect(result.standardOutput.contains("连接：/dev/ttyUSB0，9600 波特，8N1"))
    }

    @Test("a panel the controller cannot drive fails the check, as it would fail the daemon's start")
    func controllerRefusesPanel() throws {
        let directory = try TemporaryDirectory()
        let text = try String(contentsOfFile: try Self.example(in: directory), encoding: .utf8)
            .replacingOccurrences(of: "driver = \"alpha\"", with: "driver = \"onbon-bx\"\nmodel = \"6Q2\"")
            .replacingOccurrences(of: "address = \"00\"", with: "address = \"1\"")
            .replacingOccurrences(of: "width = 192", with: "width = 2048")
            .replacingOccurrences(of: "height = 32", with: "height = 512")
        let file = try directory.write("lobbyd.toml", text)
        for arguments in [["--check-config", "--config", file], ["validate-config", file]] {
            let result = try BuiltProgram(arguments[0] == "validate-config" ? "lobbyctl" : "lobbyd").run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.standardOutput)")
            #expect(result.standardError.contains("[controller]：") && result.standardError.contains("3145728 字节"))
        }
    }

    @Test("an invalid configuration exits 2 and names file, line, key and value", arguments: ["lobbyd", "lobbyctl"])
    func invalidConfigurationExitsTwo(program: String) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("lobbyd.toml", "[serial]\nbaud = 9601\nspeed = 1\n")
        let arguments = program == "lobbyd" ? ["--check-config", "--config", file] : ["validate-config", file]
        let result = try BuiltProgram(program).run(arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(file):2: serial.baud = 9601 不可用，应为以下之一：1200"))
        #expect(result.standardError.contains("\(file):3: 不认识的名称 \"serial.speed\""))
        #expect(result.standardOutput.isEmpty)
    }

    /// Hardening finding 17: the check passed a missing font, calendar directory and trusted-keys
    /// directory, and lobbyd then failed at every restart under Restart=always.
    @Test(
        "17: a missing font or trusted-keys directory fails the check, with the path",
        arguments: [
            ("/usr/share/fonts/opentype/unifont/unifont.otf", "/nonexistent/font.otf", "字体 /nonexistent/font.otf"),
            ("playlists/demo-keys", "/nonexistent/keys", "受信任密钥：/nonexistent/keys 不是目录"),
        ])
    func missingFiles(replacing: String, with missing: String, words: String) throws {
        let directory = try TemporaryDirectory()
        let file = try Self.example(in: directory)
        let original = replacing.hasPrefix("/") ? replacing : RepositoryFiles.path(replacing)
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: original, with: missing)
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        for arguments in [["--check-config", "--config", file], ["validate-config", file]] {
            let result = try BuiltProgram(arguments[0] == "validate-config" ? "lobbyctl" : "lobbyd").run(arguments)
            #expect(result.status == 2)
            #expect(result.standardError.contains("错误: \(words)"), "\(result.standardError)")
        }
    }

    /// Issue 24: the statutory calendar is compiled in, so a missing calendar directory is a
    /// warning naming the years the programs know, not an error.
    @Test("a missing calendar directory is a warning: the shipped calendar is used")
    func missingCalendar() throws {
        let directory = try TemporaryDirectory()
        let file = try Self.example(in: directory)
        let text = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: RepositoryFiles.path("calendar"), with: "/nonexistent/calendar")
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        for arguments in [["--check-config", "--config", file], ["validate-config", file]] {
            let result = try BuiltProgram(arguments[0] == "validate-config" ? "lobbyctl" : "lobbyd").run(arguments)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardError.contains("警告: 节假日安排目录 /nonexistent/calendar"), "\(result.standardError)")
            #expect(result.standardError.contains("使用程序自带的 2024–2026 年安排"))
        }
    }

    /// Review of issue 23: verify-log made an empty database at a mistyped path and called it
    /// intact (a failed backup then "verified").
    @Test("verify-log and events at a path with no event log fail, and create nothing")
    func noLogThere() throws {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/typo/lobbyd.sqlit"
        let configuration = try directory.write("lobbyd.toml", "")
        for command in ["verify-log", "events"] {
            let result = try BuiltProgram("lobbyctl").run([command, "--database", path, "--config", configuration])
            #expect(result.status == 1)
            #expect(result.standardError.contains("此处没有事件日志"))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a missing configuration file exits 2 with the reason")
    func missingFile() throws {
        let result = try BuiltProgram("lobbyctl").run(["validate-config", "/nonexistent/lobbyd.toml"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("/nonexistent/lobbyd.toml: 无法读取：文件或目录不存在"))
    }

    @Test("lobbyd --version names the linked FreeType and libserialport")
    func version() throws {
        let result = try BuiltProgram("lobbyd").run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("FreeType 2."))
        #expect(result.standardOutput.contains("libserialport 0."))
    }
}
