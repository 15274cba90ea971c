import LobbyTestSupport
import Testing

/// The configuration check as the technician runs it: real processes, real files, exit statuses.
@Suite("Configuration check from the command line")
struct ConfigurationCheckTests {
    @Test("lobbyd --check-config accepts the example and says what it would do")
    func daemonAcceptsExample() throws {
        let result = try BuiltProgram("lobbyd").run([
            "--check-config", "--config", RepositoryFiles.path("lobbyd.toml.example"),
        ])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("lobbyd.toml.example: OK"))
        #expect(result.standardOutput.contains("windows: workdays 08:20-12:00, 14:20-17:30; off-days dark"))
        #expect(result.standardOutput.contains("serial: /dev/ttyUSB0 at 9600 baud, 8N1"))
    }

    @Test("an invalid configuration exits 2 and names file, line, key and value", arguments: ["lobbyd", "lobbyctl"])
    func invalidConfigurationExitsTwo(program: String) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("lobbyd.toml", "[serial]\nbaud = 9601\nspeed = 1\n")
        let arguments = program == "lobbyd" ? ["--check-config", "--config", file] : ["validate-config", file]
        let result = try BuiltProgram(program).run(arguments)
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(file):2: serial.baud = 9601: expected one of 1200"))
        #expect(result.standardError.contains("\(file):3: unknown key \"serial.speed\""))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("a missing configuration file exits 2 with the reason")
    func missingFile() throws {
        let result = try BuiltProgram("lobbyctl").run(["validate-config", "/nonexistent/lobbyd.toml"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("/nonexistent/lobbyd.toml: cannot read: No such file or directory"))
    }

    @Test("lobbyd --version names the linked FreeType and libserialport")
    func version() throws {
        let result = try BuiltProgram("lobbyd").run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("FreeType 2."))
        #expect(result.standardOutput.contains("libserialport 0."))
    }
}
