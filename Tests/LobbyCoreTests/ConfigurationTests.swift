import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("an empty file gives every documented default")
    func emptyFileGivesDefaults() throws {
        let config = try Configuration.parse(text: "", file: "lobbyd.toml")
        #expect(config.logLevel == .info)
        #expect(config.timeZone.identifier == "Asia/Shanghai")
        #expect(config.panel.width == 192)
        #expect(config.panel.height == 32)
        #expect(config.panel.colors == .mono)
        #expect(config.font.path == "/usr/share/fonts/opentype/unifont/unifont.otf")
        #expect(config.font.pixelSize == 16)
        #expect(config.windows.workday.map(\.description) == ["08:20-12:00", "14:20-17:30"])
        #expect(config.windows.offday.isEmpty)
        #expect(config.calendar.directories == ["/usr/share/lobbyd/calendar", "/etc/lobbyd/calendar.d"])
        #expect(config.paths.spool == "/var/spool/lobbyd")
        #expect(config.paths.database == "/var/lib/lobbyd/lobbyd.sqlite")
        #expect(config.paths.controlSocket == "/run/lobbyd/control.sock")
        #expect(config.paths.trustedKeys == "/etc/lobbyd/trusted-keys")
        #expect(config.link.endpoint == "/dev/ttyUSB0")
        #expect(config.serial.baud == 9600)
        #expect(config.serial.parity == .none)
        #expect(config.serial.dataBits == 8)
        #expect(config.serial.stopBits == 1)
        #expect(config.serial.powerRelay == nil && config.serial.powerRelayActiveHigh)
        #expect(config.controller.driver == .alpha)
        #expect(config.controller.address == "00")
        #expect(config.controller.pictureSlots == 16)
        #expect(config.content.fallbackPlaylist == nil)
        #expect(config.retentionDays == 1095)
        #expect(config.panel.onStop == .keep)
        #expect(config.control.operatorsGroup == "lobbyops")
        #expect(config.control.socketMode == 0o660)
        #expect(config.control.idleTimeoutSeconds == 60)
        #expect(config.metrics.textfile == nil && config.metrics.intervalSeconds == 15)
        #expect(config == Configuration())
    }

    @Test("lobbyd.toml.example documents exactly the defaults")
    func exampleMatchesDefaults() throws {
        let example = try Configuration.load(path: RepositoryFiles.path("lobbyd.toml.example"))
        #expect(example == Configuration())
    }

    @Test("every key can be set")
    func everyKeyCanBeSet() throws {
        let text = """
            log_level = "debug"
            time_zone = "Asia/Urumqi"
            [panel]
            width = 256
            height = 64
            colors = "tricolor"
            on_stop = "blank"
            [font]
            path = "/usr/share/fonts/wqy.pcf"
            size = 12
            [windows]
            workday = ["14:00-18:00", "09:00-12:00"]
            offday = ["10:00-16:00"]
            [calendar]
            directories = ["/srv/calendar"]
            [paths]
            spool = "/srv/spool"
            database = "/srv/db.sqlite"
            control_socket = "/srv/control.sock"
            trusted_keys = "/srv/keys"
            [serial]
            device = "/dev/serial/by-id/usb-FTDI-if00"
            baud = 19200
            parity = "even"
            data_bits = 7
            stop_bits = 2
            power_relay = "rts"
            power_relay_active = "low"
            [controller]
            driver = "alpha"
            address = "1F"
            [control]
            operators_group = "signops"
            socket_mode = "0600"
            idle_timeout_seconds = 30
            """
        let config = try Configuration.parse(text: text, file: "lobbyd.toml")
        #expect(config.logLevel == .debug)
        #expect(config.timeZone.identifier == "Asia/Urumqi")
        #expect(config.panel.width == 256 && config.panel.height == 64 && config.panel.colors == .tricolor)
        #expect(config.font.path == "/usr/share/fonts/wqy.pcf" && config.font.pixelSize == 12)
        #expect(config.windows.workday.map(\.description) == ["09:00-12:00", "14:00-18:00"])
        #expect(config.windows.offday.map(\.description) == ["10:00-16:00"])
        #expect(config.calendar.directories == ["/srv/calendar"])
        #expect(config.paths.spool == "/srv/spool" && config.paths.database == "/srv/db.sqlite")
        #expect(config.paths.controlSocket == "/srv/control.sock" && config.paths.trustedKeys == "/srv/keys")
        #expect(config.link.endpoint == "/dev/serial/by-id/usb-FTDI-if00" && config.serial.baud == 19200)
        #expect(config.serial.frameDescription == "7E2")
        #expect(config.serial.bitsPerByte == 11)
        #expect(config.serial.powerRelay == .rts && !config.serial.powerRelayActiveHigh)
        #expect(config.controller.address == "1F")
        #expect(config.panel.onStop == .blank)
        #expect(config.control.operatorsGroup == "signops" && config.control.socketMode == 0o600)
        #expect(config.control.idleTimeoutSeconds == 30)
    }

    /// One invalid value per row: the TOML, then the key, line and allowed values the error must name.
    static let invalidFields: [(toml: String, key: String, line: Int, expected: String)] = [
        ("log_level = \"loud\"", "log_level", 1, "one of \"trace\""),
        ("[site]\nname = \"   \"", "site.name", 2, "not only spaces"),
        ("[site]\nname = \"大厅\\u202E屏\"", "site.name", 2, "printable characters"),
        ("[site]\nname = \"大厅\\u0007\"", "site.name", 2, "printable characters"),
        ("[site]\nlanguage = \"fr\"", "site.language", 2, "\"zh-CN\", \"en\""),
        ("time_zone = \"Mars/Olympus\"", "time_zone", 1, "tz database zone"),
        ("[panel]\nwidth = 4", "panel.width", 2, "from 8 to 2048"),
        ("[panel]\nheight = 1000", "panel.height", 2, "from 7 to 512"),
        ("[panel]\ncolors = \"rgb\"", "panel.colors", 2, "\"mono\", \"tricolor\""),
        ("[font]\npath = \"fonts/unifont.otf\"", "font.path", 2, "absolute path"),
        ("[font]\nsize = 2", "font.size", 2, "from 6 to 128"),
        ("[font]\nsize = 40", "font.size", 2, "at most panel.height (32)"),
        ("[windows]\nworkday = [\"8:2-12:00\"]", "windows.workday", 2, "HH:MM-HH:MM"),
        ("[windows]\nworkday = [\"12:00-08:20\"]", "windows.workday", 2, "start before end"),
        ("[windows]\nworkday = [\"08:20-24:01\"]", "windows.workday", 2, "within 00:00-24:00"),
        ("[windows]\noffday = [\"09:00-12:00\", \"11:00-13:00\"]", "windows.offday", 2, "do not overlap"),
        ("[calendar]\ndirectories = [\"calendar.d\"]", "calendar.directories", 2, "absolute paths"),
        ("[paths]\nspool = \"spool\"", "paths.spool", 2, "absolute path"),
        ("[paths]\ndatabase = \"\"", "paths.database", 2, "absolute path"),
        ("[paths]\ncontrol_socket = \"./sock\"", "paths.control_socket", 2, "absolute path"),
        ("[paths]\ntrusted_keys = \"keys\"", "paths.trusted_keys", 2, "absolute path"),
        ("[serial]\ndevice = \"ttyUSB0\"", "serial.device", 2, "absolute path"),
        ("[link]\nendpoint = \"ttyUSB0\"", "link.endpoint", 2, "\"tcp://HOST:PORT\""),
        ("[link]\nendpoint = \"tcp://10.1.2.3\"", "link.endpoint", 2, "\"tcp://HOST:PORT\""),
        ("[link]\nendpoint = \"tcp://10.1.2.3:70000\"", "link.endpoint", 2, "\"tcp://HOST:PORT\""),
        ("[link]\nendpoint = \"udp://10.1.2.3:5005\"", "link.endpoint", 2, "\"tcp://HOST:PORT\""),
        ("[link]\nendpoint = \"/dev/ttyS0\"\n[serial]\ndevice = \"/dev/ttyS1\"", "serial.device", 4, "old name"),
        ("[serial]\nbaud = 9601", "serial.baud", 2, "one of 1200, 2400, 4800, 9600"),
        ("[serial]\nparity = \"mark\"", "serial.parity", 2, "\"none\", \"odd\", \"even\""),
        ("[serial]\ndata_bits = 5", "serial.data_bits", 2, "one of 7, 8"),
        ("[serial]\nstop_bits = 3", "serial.stop_bits", 2, "one of 1, 2"),
        ("[serial]\npower_relay = \"cts\"", "serial.power_relay", 2, "\"none\", \"dtr\", \"rts\""),
        ("[serial]\npower_relay_active = \"on\"", "serial.power_relay_active", 2, "\"high\" or \"low\""),
        ("[controller]\ndriver = \"onbon\"", "controller.driver", 2, "one of \"alpha\", \"onbon-bx\""),
        ("[controller]\ndriver = \"onbon-bx\"\nmodel = \"6E9\"", "controller.model", 3, "\"6E1\", \"6E2\""),
        ("[controller]\ndriver = \"onbon-bx\"\nmodel = \"5K1\"", "controller.model", 3, "this is a font card"),
        ("[controller]\ndriver = \"onbon-bx\"\nmodel = \"BX-6K2\"", "controller.model", 3, "this is a font card"),
        ("[link]\nendpoint = \"tcp://10.1.2.3:05005\"", "link.endpoint", 2, "port 1-65535"),
        ("[link]\nendpoint = \"tcp://10.1.2.3:+5005\"", "link.endpoint", 2, "port 1-65535"),
        ("[link]\nendpoint = \"/dev/tty\\u0000S0\"", "link.endpoint", 2, "absolute path"),
        (
            "[controller]\ndriver = \"onbon-bx\"\nmodel = \"6E1\"\naddress = \"01\"", "controller.address", 4,
            "1 to 65534"
        ),
        (
            "[controller]\ndriver = \"onbon-bx\"\nmodel = \"6E1\"\naddress = \"0\"", "controller.address", 4,
            "1 to 65534"
        ),
        (
            "[controller]\ndriver = \"onbon-bx\"\nmodel = \"6E1\"\nrefresh_minutes = 2000",
            "controller.refresh_minutes", 4, "from 0 to 1440"
        ),
        ("[controller]\naddress = \"ZZ\"", "controller.address", 2, "two hex digits"),
        ("[controller]\naddress = \"001\"", "controller.address", 2, "two hex digits"),
        ("[controller]\npicture_slots = 27", "controller.picture_slots", 2, "from 1 to 26"),
        ("[store]\nretention_days = 7", "store.retention_days", 2, "from 30 to 36500"),
        ("[panel]\non_stop = \"dark\"", "panel.on_stop", 2, "\"keep\""),
        ("[control]\nsocket_mode = \"0777\"", "control.socket_mode", 2, "from \"0600\" to \"0666\""),
        ("[control]\noperators_group = \"lobby ops\"", "control.operators_group", 2, "a group name"),
        ("[control]\nidle_timeout_seconds = 1", "control.idle_timeout_seconds", 2, "from 5 to 3600"),
        ("[metrics]\ntextfile = \"lobbyd.prom\"", "metrics.textfile", 2, "absolute path of a .prom file"),
        ("[metrics]\ninterval_seconds = 0", "metrics.interval_seconds", 2, "from 1 to 300"),
        ("[content]\nfallback = \"notice.toml\"", "content.fallback", 2, "absolute path of a signed standing-notice"),
    ]

    @Test("each invalid field is reported with file, line, key, value and what is allowed", arguments: invalidFields)
    func invalidField(toml: String, key: String, line: Int, expected: String) throws {
        // In English, the table's language; `chineseWords` checks the default.
        let problem = try #require(try Language.$scoped.withValue(.english) { try problems(in: toml) }.only)
        guard case .invalidValue(let location, let reportedKey, _, let allowed) = problem else {
            Issue.record("expected an invalid value, got \(problem)")
            return
        }
        #expect(location == SourceLocation(file: "lobbyd.toml", line: line))
        #expect(reportedKey == key)
        #expect(allowed.contains(expected))
        #expect(problem.description.hasPrefix("lobbyd.toml:\(line): \(key) = "))
    }

    @Test("[link] endpoint: a device or a TCP card; the old [serial] device still read; Onbon keys")
    func linkAndOnbon() throws {
        let tcp = try Configuration.parse(
            text:
                "[link]\nendpoint = \"tcp://[2001:db8::5]:5005\"\n[controller]\ndriver = \"onbon-bx\"\nmodel = \"6q3l\"",
            file: "lobbyd.toml")
        #expect(LinkEndpoint(tcp.link.endpoint) == .tcp(host: "2001:db8::5", port: 5005))
        #expect(tcp.controller.model == .bx6Q3L && tcp.controller.address == "1" && tcp.controller.refreshMinutes == 10)
        // As printed on the card's label.
        let labelled = try Configuration.parse(
            text: "[controller]\ndriver = \"onbon-bx\"\nmodel = \"BX-6E2X\"", file: "lobbyd.toml")
        #expect(labelled.controller.model == .bx6E2X)
        let old = try Configuration.parse(text: "[serial]\ndevice = \"/dev/ttyS3\"", file: "lobbyd.toml")
        #expect(old.link.endpoint == "/dev/ttyS3")
        #expect(LinkEndpoint("tcp://sign.hall.local:5005") == .tcp(host: "sign.hall.local", port: 5005))
        #expect(LinkEndpoint("tcp://:5005") == nil && LinkEndpoint("tcp://a b:5005") == nil)
        #expect(LinkEndpoint("tcp://10.0.0.1:0") == nil && LinkEndpoint("tcp://[::1]5005") == nil)
        // Onbon's model is required: the models differ in how a picture goes.
        let missing = try #require(try problems(in: "[controller]\ndriver = \"onbon-bx\"").only)
        guard case .missingKey(_, let key) = missing else {
            Issue.record("expected a missing key, got \(missing)")
            return
        }
        #expect(key == "controller.model")
        // A network card has no modem lines: a power relay on it is an error at --check-config.
        var relay = tcp
        relay.serial.powerRelay = .dtr
        struct NoFont: Error {}
        let findings = Language.$scoped.withValue(.english) { relay.checkFiles { _ in throw NoFont() } }
        #expect(findings.contains { $0.isError && $0.message.contains("power_relay needs a serial port") })
        #expect(!tcp.checkFiles { _ in throw NoFont() }.contains { $0.message.contains("power_relay") })
    }

    /// The metrics file is written every interval into a directory lobbyd does not create.
    @Test("--check-config faults a [metrics] textfile whose directory is not there")
    func metricsDirectory() throws {
        struct NoFont: Error {}
        func findings(_ file: String) throws -> [ConfigurationFinding] {
            let configuration = try Configuration.parse(text: "[metrics]\ntextfile = \"\(file)\"", file: "lobbyd.toml")
            return Language.$scoped.withValue(.english) { configuration.checkFiles { _ in throw NoFont() } }
        }
        #expect(
            try findings("/nonexistent-dir/lobbyd.prom").contains {
                $0.isError && $0.message.contains("the directory /nonexistent-dir does not exist")
            })
        #expect(try !findings(NSTemporaryDirectory() + "/lobbyd.prom").contains { $0.message.contains("[metrics]") })
    }

    static let wrongTypes: [(toml: String, key: String, expected: String)] = [
        ("log_level = 3", "log_level", "a string"),
        ("[panel]\nwidth = \"wide\"", "panel.width", "an integer"),
        ("[panel]\nheight = 32.5", "panel.height", "an integer"),
        ("[windows]\nworkday = \"08:20-12:00\"", "windows.workday", "an array of strings"),
        ("[windows]\nworkday = [1, 2]", "windows.workday", "an array of strings"),
        ("[calendar]\ndirectories = \"/etc\"", "calendar.directories", "an array of strings"),
        ("serial = \"/dev/ttyS0\"", "serial", "a table"),
    ]

    @Test("a value of the wrong type names the key, the expected type and the type found", arguments: wrongTypes)
    func wrongType(toml: String, key: String, expected: String) throws {
        let problem = try #require(try Language.$scoped.withValue(.english) { try problems(in: toml) }.only)
        guard case .wrongType(_, let reportedKey, _, let reportedExpected) = problem else {
            Issue.record("expected a wrong type, got \(problem)")
            return
        }
        #expect(reportedKey == key)
        #expect(reportedExpected == expected)
    }

    @Test("an unknown key is an error with a suggestion, never ignored")
    func unknownKeys() throws {
        let found = try problems(in: "log_levle = \"info\"\n[serial]\nbuad = 9600\n[extra]\nx = 1\n")
        #expect(
            found == [
                .unknownKey(SourceLocation(file: "lobbyd.toml", line: 1), key: "log_levle", suggestion: "log_level"),
                .unknownKey(SourceLocation(file: "lobbyd.toml", line: 3), key: "serial.buad", suggestion: "baud"),
                .unknownKey(SourceLocation(file: "lobbyd.toml", line: 4), key: "extra", suggestion: nil),
            ])
        #expect(found[1].description == "lobbyd.toml:3: 不认识的名称 \"serial.buad\"（是否应为 \"baud\"？）")
    }

    @Test("all problems in a file are reported at once, in line order")
    func severalProblems() throws {
        let found = try problems(in: "[serial]\nbaud = 1\nparity = \"x\"\n[panel]\nwidht = 3\n")
        let prefixes = found.map { String($0.description.prefix(14)) }
        #expect(prefixes == ["lobbyd.toml:2:", "lobbyd.toml:3:", "lobbyd.toml:5:"])
    }

    @Test("a TOML syntax error names line and column")
    func syntaxError() throws {
        let problem = try #require(problems(in: "log_level = \"info\"\n[panel\nwidth = 3\n").only)
        guard case .syntax(let location, _) = problem else {
            Issue.record("expected a syntax error, got \(problem)")
            return
        }
        #expect(location.file == "lobbyd.toml" && location.line == 2 && location.column != nil)
    }

    @Test("a missing file is an error naming the file and the reason")
    func missingFile() {
        let path = "/nonexistent-\(UUID().uuidString)/lobbyd.toml"
        #expect(throws: LobbyCoreError.unreadable(file: path, reason: "文件或目录不存在")) {
            try Configuration.load(path: path)
        }
    }

    @Test("an unreadable file is an error, never an empty configuration")
    func unreadableFile() throws {
        let directory = try TemporaryDirectory()
        #expect(
            throws: LobbyCoreError.unreadable(file: directory.path, reason: "这是一个目录，不是普通文件")
        ) {
            try Configuration.load(path: directory.path)
        }
        let binary = directory.path + "/binary.toml"
        try Data([0x66, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: binary))
        #expect(throws: LobbyCoreError.unreadable(file: binary, reason: "不是 UTF-8 文本")) {
            try Configuration.load(path: binary)
        }
        // Bounded before it is read (a sparse 17 MiB file costs no disk).
        let huge = directory.path + "/huge.toml"
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 17 << 20) == 0)
        #expect(
            throws: LobbyCoreError.unreadable(
                file: huge, reason: "文件有 17825792 字节，最多读取 16777216 字节")
        ) {
            try Configuration.load(path: huge)
        }
    }

    @Test(
        "wire time counts every bit of the framing: start, data, parity, stop",
        arguments: [(8, Parity.none, 1, 10), (8, .even, 1, 11), (7, .even, 2, 11), (8, .none, 2, 11)])
    func wireTime(dataBits: Int, parity: Parity, stopBits: Int, bits: Int) {
        var serial = Configuration.Serial()
        (serial.dataBits, serial.parity, serial.stopBits, serial.baud) = (dataBits, parity, stopBits, 9600)
        #expect(serial.bitsPerByte == bits)
        // 9600 baud carries 960 bytes a second at 10 bits a byte (the brief's figure).
        #expect(serial.wireSeconds(bytes: 9600) == Double(bits))
    }

    private func problems(in toml: String) throws -> [LobbyCoreError] {
        do {
            _ = try Configuration.parse(text: toml, file: "lobbyd.toml")
            return []
        } catch {
            return error.problems
        }
    }
}

extension Array {
    /// The single element, or `nil` when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
