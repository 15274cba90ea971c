import Foundation

extension TemporaryDirectory {
    /// Writes `lobbyd.toml` for a hall inside this directory: the shipped calendar, the demo
    /// people's keys and roster (`playlists/demo-keys/`) as the only trusted ones, spool and state here, the sign at `device` (a
    /// name inside this directory). Returns the configuration's path.
    @discardableResult
    public func writeHallConfiguration(device: String = "sign", extra: String = "") throws -> String {
        try write(
            "lobbyd.toml",
            """
            log_level = "info"
            [calendar]
            directories = ["\(RepositoryFiles.path("calendar"))"]
            [paths]
            spool = "\(path)/spool"
            database = "\(path)/state/lobbyd.sqlite"
            control_socket = "\(path)/control.sock"
            trusted_keys = "\(RepositoryFiles.path("playlists/demo-keys"))"
            people = "\(RepositoryFiles.path("playlists/demo-keys/people.toml"))"
            [link]
            endpoint = "\(path)/\(device)"
            [serial]
            baud = 115200
            \(extra)
            """)
    }
}

extension TemporaryDirectory {
    /// Places sample playlists from `playlists/` and their signatures in `spool/incoming/` (made
    /// if missing), signature first and each written atomically, as `lobbyctl submit` does.
    public func dropSamples(_ names: [String]) throws {
        try FileManager.default.createDirectory(atPath: "\(path)/spool/incoming", withIntermediateDirectories: true)
        for name in names {
            for suffix in [".toml.sig", ".toml"] {
                // A hidden temporary name the spool ignores, then the rename it acts on.
                let temporary = "\(path)/spool/incoming/.\(name)\(suffix).tmp"
                try Data(contentsOf: URL(fileURLWithPath: RepositoryFiles.path("playlists/\(name)\(suffix)")))
                    .write(to: URL(fileURLWithPath: temporary))
                guard rename(temporary, "\(path)/spool/incoming/\(name)\(suffix)") == 0 else {
                    throw POSIXError(.EIO)
                }
            }
        }
    }

    /// lobby-sim on this hall's `sign` link, receiving at full speed, once it says it is ready.
    public func startSimulatedSign() throws -> RunningProgram {
        let simulator = try RunningProgram("lobby-sim", ["--link", "\(path)/sign", "--baud", "0", "--quiet"])
        guard simulator.waitForLine(timeout: .seconds(15), { $0.contains("ready on") }) != nil else {
            simulator.stop()
            throw POSIXError(.ETIMEDOUT)
        }
        return simulator
    }
}

/// The page count in a `lobby-sim: pages N …` line, `nil` for any other line.
public func simulatorPageCount(_ line: String) -> Int? {
    line.hasPrefix("lobby-sim: pages ") ? Int(line.split(separator: " ")[2]) : nil
}

extension TemporaryDirectory {
    /// Writes `command` as a line into lobby-sim's fault FIFO (`--control`), `control` in this
    /// directory unless named.
    public func tellSimulator(_ command: String, fifo: String = "control") throws {
        guard let handle = FileHandle(forWritingAtPath: "\(path)/\(fifo)") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(path)/\(fifo)"])
        }
        handle.write(Data("\(command)\n".utf8))
        try handle.close()
    }
}

extension TemporaryDirectory {
    /// The bytes lobby-sim recorded in `file` here (`--record`): a line per read, a timestamp,
    /// then the bytes in hex; comment lines (`#`, a refusal) do not count.
    public func simulatorRecordedBytes(_ file: String = "record") throws -> Int {
        try String(contentsOfFile: "\(path)/\(file)", encoding: .utf8).split(separator: "\n").filter {
            !$0.contains(" # ")
        }.reduce(0) { $0 + $1.split(separator: " ").count - 1 }
    }
}
