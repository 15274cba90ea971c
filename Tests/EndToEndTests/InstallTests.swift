import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// `make install-files` into a temporary DESTDIR: the files and modes a technician gets, the
/// configuration kept on reinstall, `make uninstall` keeping the hall's records, and the
/// installed daemon speaking systemd's notify protocol (without network or capabilities, as
/// the unit runs it, when the test runs as root).
@Suite("Installation", .serialized)
struct InstallTests {
    let root: TemporaryDirectory
    let bin = URL(fileURLWithPath: BuiltProgram("lobbyd").path).deletingLastPathComponent().path

    init() throws {
        root = try TemporaryDirectory()
    }

    func make(_ target: String) throws -> BuiltProgram.Result {
        try BuiltProgram(path: "/usr/bin/make").run([
            "--no-print-directory", "-C", RepositoryFiles.root, target, "DESTDIR=\(root.path)", "INSTALL_BIN=\(bin)",
        ])
    }

    /// Every file under the DESTDIR with its permission bits, `0644 usr/local/bin/…`.
    func listing() throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        while let relative = enumerator.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(root.path)/\(relative)")
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            result[relative] = String((attributes[.posixPermissions] as! Int), radix: 8)
        }
        return result
    }

    @Test("the installed files and their modes; the configuration is never overwritten")
    func files() throws {
        let installed = try make("install-files")
        #expect(installed.status == 0, "\(installed.standardError)")
        let files = try listing()
        let expected: [String: String] = [
            "usr/local/bin/lobbyd": "755", "usr/local/bin/lobbyctl": "755", "usr/local/lib/lobbyd/lobby-sim": "755",
            "usr/local/lib/systemd/system/lobbyd.service": "644",
            "usr/local/lib/systemd/system/lobbyd-report.service": "644",
            "usr/local/lib/systemd/system/lobbyd-report.timer": "644",
            "usr/local/lib/sysusers.d/lobbyd.conf": "644", "usr/local/lib/tmpfiles.d/lobbyd.conf": "644",
            "usr/local/share/lobbyd/calendar/cn-2024.toml": "644",
            "usr/local/share/lobbyd/calendar/cn-2025.toml": "644",
            "usr/local/share/lobbyd/calendar/cn-2026.toml": "644",
            "usr/local/share/doc/lobbyd/examples/lobbyd.toml": "644",
            "usr/local/share/doc/lobbyd/examples/60-lobbyd-sign.rules": "644",
            "usr/local/share/doc/lobbyd/examples/lobbyd-network-card.conf": "644",
            "usr/local/share/doc/lobbyd/README.md": "644", "usr/local/share/doc/lobbyd/INSTALL.md": "644",
            "usr/local/share/doc/lobbyd/OPERATIONS.md": "644", "usr/local/share/doc/lobbyd/OPERATIONS.en.md": "644",
            "usr/local/share/doc/lobbyd/QUICKSTART.zh.md": "644", "usr/local/share/doc/lobbyd/FORMAT.md": "644",
            "usr/local/share/doc/lobbyd/calendar/README.md": "644",
            "usr/local/share/man/man8/lobbyd.8": "644", "usr/local/share/man/man5/lobbyd.toml.5": "644",
            "usr/local/share/man/man1/lobbyctl.1": "644", "usr/local/share/man/zh_CN/man8/lobbyd.8": "644",
            "usr/local/share/man/zh_CN/man5/lobbyd.toml.5": "644",
            "usr/local/share/man/zh_CN/man1/lobbyctl.1": "644",
            "usr/local/share/bash-completion/completions/lobbyctl": "644",
            "usr/local/share/zsh/site-functions/_lobbyctl": "644",
            "usr/local/share/fish/vendor_completions.d/lobbyctl.fish": "644",
            "etc/lobbyd/lobbyd.toml": "644",
        ]
        for (path, mode) in expected { #expect(files[path] == mode, "\(path)") }
        let unexpected = files.keys.filter {
            expected[$0] == nil && !$0.hasPrefix("usr/local/share/doc/lobbyd/")
        }
        #expect(unexpected.isEmpty, "\(unexpected.sorted())")
        #expect(FileManager.default.fileExists(atPath: "\(root.path)/etc/lobbyd/trusted-keys"))
        // The unit runs the installed binary; the example points at the installed calendar.
        let unit = try String(
            contentsOfFile: "\(root.path)/usr/local/lib/systemd/system/lobbyd.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/lobbyd --config /etc/lobbyd/lobbyd.toml"))
        // The descriptors cover the control socket's clients with room to spare (finding 6).
        #expect(unit.contains("LimitNOFILE=4096") && ControlProtocol.maximumClients * 8 < 4096)
        let configuration = try String(contentsOfFile: "\(root.path)/etc/lobbyd/lobbyd.toml", encoding: .utf8)
        #expect(configuration.contains("\"/usr/local/share/lobbyd/calendar\""))
        // A reinstall keeps the technician's edits; uninstall keeps configuration and records.
        try root.write("etc/lobbyd/lobbyd.toml", "# edited by the technician\n")
        #expect(try make("install-files").standardOutput.contains("keeping"))
        #expect(
            try String(contentsOfFile: "\(root.path)/etc/lobbyd/lobbyd.toml", encoding: .utf8).hasPrefix("# edited"))
        // Real pages in both languages, each rendered as `man -l` shows it.
        for page in expected.keys.filter({ $0.hasPrefix("usr/local/share/man/") }) {
            let shown = try BuiltProgram(path: "/usr/bin/man").run(
                ["-l", "\(root.path)/\(page)"], environment: ["MANWIDTH": "100", "LANG": "C.UTF-8"])
            #expect(shown.status == 0, "\(page): \(shown.standardError)")
            // Bold in a pipe is a character, a backspace and the character again.
            let text = shown.standardOutput.replacingOccurrences(of: ".\u{8}", with: "", options: .regularExpression)
            let chinese = page.contains("/zh_CN/")
            #expect(text.contains(chinese ? "名称" : "NAME"), "\(page)")
            #expect(text.contains(chinese ? "示例" : "EXAMPLE"), "\(page)")
        }
        // The binaries are stripped (no symbol table), and the completions load in bash and
        // offer the values of an argument.
        let symbols = try BuiltProgram(path: "/usr/bin/nm").run(["\(root.path)/usr/local/bin/lobbyctl"])
        #expect(symbols.standardError.contains("no symbols"), "\(symbols.standardError)")
        let completion = try BuiltProgram(path: "/bin/bash").run([
            "-c",
            """
            source /usr/share/bash-completion/bash_completion 2>/dev/null
            source \(root.path)/usr/local/share/bash-completion/completions/lobbyctl && complete -p lobbyctl
            """,
        ])
        #expect(completion.status == 0 && completion.standardOutput.contains("lobbyctl"), "\(completion.standardError)")
        let script = try String(
            contentsOfFile: "\(root.path)/usr/local/share/bash-completion/completions/lobbyctl", encoding: .utf8)
        for value in ["clear", "end", "本月", "last", "checkerboard", "screen_on"] {
            #expect(script.contains("'\(value)'"), "completion of \(value)")
        }
        let removed = try make("uninstall")
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(try listing().keys.sorted() == ["etc/lobbyd/lobbyd.toml"])
    }

    @Test("the installed lobbyd sends READY=1 and periodic WATCHDOG=1 to NOTIFY_SOCKET")
    func notify() throws {
        #expect(try make("install-files").status == 0)
        let hall = try TemporaryDirectory()
        let configuration = try hall.writeHallConfiguration(device: "no-sign")
        let socket = "\(hall.path)/notify"
        let receiver = try DatagramReceiver(path: socket)
        let lobbyd = "\(root.path)/usr/local/bin/lobbyd"
        // As the unit runs it: no network, no capabilities, no new privileges.
        let (program, arguments) =
            getuid() == 0
            ? (
                "/usr/bin/unshare",
                ["--net", "/usr/bin/setpriv", "--no-new-privs", "--bounding-set=-all", "--inh-caps=-all", lobbyd]
            )
            : (lobbyd, [])
        let daemon = try RunningProgram(
            path: program, arguments + ["--config", configuration],
            environment: ["NOTIFY_SOCKET": socket, "WATCHDOG_USEC": "300000", "JOURNAL_STREAM": "8:1234"])
        defer { daemon.stop() }
        var messages: [String] = []
        while messages.filter({ $0 == "WATCHDOG=1" }).count < 2, messages.count < 50,
            let message = receiver.receive(timeout: 5)
        {
            messages.append(message)
        }
        #expect(messages.first == "READY=1", "\(messages) \(daemon.output)")
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 2)
        // Under journald each line carries its syslog priority for `journalctl -p`.
        #expect(daemon.output.contains { $0.hasPrefix("<5>lobbyd: event=daemon_start") }, "\(daemon.output)")
        #expect(daemon.output.contains { $0.hasPrefix("<4>") })
    }

    /// Issue 19: the operators see the events without root, through lobbyd; the log file stays
    /// lobbyd's and root's (a reader of a WAL database's -shm could stall lobbyd's writes).
    @Test(
        "an operator sees the installed lobbyd's events through it, without root; the log file stays closed",
        .enabled(if: getuid() == 0, "acting as another user needs root"))
    func operatorsSeeTheEvents() throws {
        #expect(try make("install-files").status == 0)
        let hall = try TemporaryDirectory()
        chmod(hall.path, 0o755)
        // The shipped calendar, copied where anyone may read it; the operators are `nogroup`.
        try FileManager.default.copyItem(atPath: RepositoryFiles.path("calendar"), toPath: "\(hall.path)/calendar")
        let configuration = try hall.writeHallConfiguration(
            device: "no-sign", extra: "[control]\noperators_group = \"nogroup\"")
        let text = try String(contentsOfFile: configuration, encoding: .utf8)
            .replacingOccurrences(of: RepositoryFiles.path("calendar"), with: "\(hall.path)/calendar")
        try hall.write("lobbyd.toml", text)
        chmod(configuration, 0o644)
        try FileManager.default.createDirectory(atPath: "\(hall.path)/state", withIntermediateDirectories: true)
        chmod("\(hall.path)/state", 0o751)
        // As the unit runs it: UMask=0027, so nothing is readable by others.
        let lobbyd = "\(root.path)/usr/local/bin/lobbyd"
        let daemon = try RunningProgram(
            path: "/bin/sh",
            ["-c", "umask 027; exec \(lobbyd) --config \(configuration) --clock-start 2026-11-25T10:00:00"])
        defer { daemon.stop() }
        #expect(daemon.waitForLine { $0.contains("screen_on") } != nil, "\(daemon.output)")
        let lobbyctl = "\(root.path)/usr/local/bin/lobbyctl"
        let run = { (group: Int, arguments: [String]) in
            try BuiltProgram(path: "/usr/bin/setpriv").run(
                ["--reuid=65534", "--regid=\(group)", "--clear-groups", lobbyctl] + arguments)
        }
        let operators = 65534  // nogroup, the socket's group
        let events = try run(operators, ["events", "--config", configuration, "--since", "2026-11-25"])
        #expect(events.status == 0, "\(events.standardError)")
        #expect(events.standardOutput.contains("daemon_start"), "\(events.standardOutput)")
        #expect(events.standardError.contains("以下事件由运行中的 lobbyd 提供"))
        // The file itself: a plain refusal, never an SQLite error or "not a database".
        for command in [["verify-log"], ["report", "--month", "2026-11"]] {
            let refused = try run(operators, command + ["--config", configuration])
            #expect(refused.status == 1 && refused.standardError.contains("没有读取"), "\(refused.standardError)")
        }
        // The month's report, as lobbyd-report.service writes it (UMask=0027) into reports/
        // (systemd/lobbyd.tmpfiles: 2750, group the operators'), is theirs to read.
        let reports = "\(hall.path)/state/reports"
        try FileManager.default.createDirectory(atPath: reports, withIntermediateDirectories: false)
        #expect(chown(reports, 0, 65534) == 0 && chmod(reports, 0o2750) == 0)
        let written = try BuiltProgram(path: "/bin/sh").run([
            "-c",
            "umask 027; exec \(lobbyctl) report --config \(configuration) --month 2026-11 --format all --out-dir \(reports)",
        ])
        #expect(written.status == 0, "\(written.standardError)")
        let read = try BuiltProgram(path: "/usr/bin/setpriv").run([
            "--reuid=65534", "--regid=\(operators)", "--clear-groups", "/bin/cat",
            "\(reports)/lobbyd-report-2026-11.md",
        ])
        #expect(read.status == 0 && read.standardOutput.contains("运行情况月报（2026年11月）"), "\(read.standardError)")
        // Someone outside the group cannot reach lobbyd either.
        let outsider = try run(65533, ["events", "--config", configuration])
        #expect(outsider.status == 1 && outsider.standardError.contains("权限不足"), "\(outsider.standardError)")
    }
}
