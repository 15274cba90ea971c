import Foundation

/// A temporary hall for the benchmarks that run lobbyd and lobby-sim as processes.
enum BenchHall {
    /// Spool (with the named sample playlists waiting in incoming/), state, control socket and a
    /// configuration for a simulated sign at `baud` (115200 by default) with `slots` picture
    /// slots (the default 16 unless given); returns the hall's directory.
    static func make(
        name: String, repo: String, playlists: [String], baud: Int = 115_200, slots: Int? = nil
    ) throws -> String {
        let hall = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-bench-\(name)-\(getpid())").path
        try FileManager.default.createDirectory(atPath: "\(hall)/spool/incoming", withIntermediateDirectories: true)
        for playlist in playlists {
            for suffix in [".toml", ".toml.sig"] {
                try FileManager.default.copyItem(
                    atPath: "\(repo)/playlists/\(playlist)\(suffix)",
                    toPath: "\(hall)/spool/incoming/\(playlist)\(suffix)")
            }
        }
        try """
        log_level = "warning"
        [calendar]
        directories = ["\(repo)/calendar"]
        [paths]
        spool = "\(hall)/spool"
        database = "\(hall)/state/lobbyd.sqlite"
        control_socket = "\(hall)/control.sock"
        trusted_keys = "\(repo)/playlists/demo-keys"
        people = "\(repo)/playlists/demo-keys/people.toml"
        [link]
        endpoint = "\(hall)/sign"
        [serial]
        baud = \(baud)
        \(slots.map { "[controller]\npicture_slots = \($0)" } ?? "")
        """.write(toFile: "\(hall)/lobbyd.toml", atomically: true, encoding: .utf8)
        return hall
    }

    /// `count` copies of the hall-news sample under their own ids, approved by the demo people, put
    /// in the hall's incoming/ (a hall that publishes a playlist every day for over a year).
    static func addCopies(_ count: Int, of sample: String, hall: String, repo: String, bin: String) throws {
        let text = try String(contentsOfFile: "\(repo)/playlists/\(sample).toml", encoding: .utf8)
        let people = try DemoPeople(repo: repo)
        for index in 0..<count {
            let file = "\(hall)/spool/\(sample)-\(index).toml"
            let copy = text.replacingOccurrences(of: "id = \"\(sample)\"", with: "id = \"\(sample)-\(index)\"")
            try copy.write(toFile: file, atomically: true, encoding: .utf8)
            // Approved by the four demo people, as `lobbyctl approve` and `sign` would.
            try people.sheet(for: Array(copy.utf8)).fileText.write(
                toFile: "\(file).sig", atomically: true, encoding: .utf8)
            // The signature first would be paired alone: the file, then its signature.
            for suffix in ["", ".sig"] {
                try FileManager.default.moveItem(
                    atPath: file + suffix, toPath: "\(hall)/spool/incoming/\(sample)-\(index).toml\(suffix)")
            }
        }
    }

    /// lobby-sim on the hall's sign link, receiving at unlimited speed, once it is ready.
    static func startSign(bin: String, hall: String) throws -> Watched {
        let sign = try Watched("\(bin)/lobby-sim", ["--link", "\(hall)/sign", "--baud", "0", "--quiet"])
        guard sign.waitFor(timeout: 10, { $0.contains("ready on") }) != nil else {
            sign.stop()
            throw BenchmarkError.referenceFailed("lobby-sim did not start")
        }
        return sign
    }
}
