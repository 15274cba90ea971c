import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// `kill -9` of lobbyd at random points during ingestion: no file is ever lost (each ends in
/// exactly one of incoming/, accepted/, rejected/) and no invalid playlist is ever accepted.
@Suite("Spool survives kill -9", .serialized)
struct SpoolCrashTests {
    @Test("kill -9 during ingestion never loses a file and never accepts an invalid one")
    func killDuringIngestion() throws {
        let hall = try TemporaryDirectory()
        let spool = "\(hall.path)/spool"
        try FileManager.default.createDirectory(atPath: "\(spool)/incoming", withIntermediateDirectories: true)
        try hall.writeHallConfiguration(device: "no-sign-attached")
        let approvers = try Approvers.demo()
        let template = try String(contentsOfFile: RepositoryFiles.path("playlists/hall-news.toml"), encoding: .utf8)
        var dropped: [String] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<4 {
            for index in 0..<8 {
                let valid = index % 3 != 0
                let name = "\(valid ? "good" : "bad")-\(round)-\(index)"
                var text = template.replacingOccurrences(of: "id = \"hall-news\"", with: "id = \"\(name)\"")
                if !valid {
                    // Signed by every hand, but outside the hall's remit.
                    text = text.replacingOccurrences(of: "category = \"other\"", with: "category = \"advertising\"")
                }
                let bytes = Array(text.utf8)
                try AtomicFile.write(Array(approvers.sheet(for: bytes).utf8), to: "\(spool)/incoming/\(name).toml.sig")
                try AtomicFile.write(bytes, to: "\(spool)/incoming/\(name).toml")
                dropped.append(name)
            }
            let daemon = try RunningProgram("lobbyd", ["--config", "\(hall.path)/lobbyd.toml"])
            #expect(daemon.waitForLine { $0.contains("daemon_start") } != nil)
            usleep(UInt32.random(in: 0...150_000, using: &generator))  // a random point in the ingestion
            daemon.stop()  // SIGKILL
        }
        // A last run finishes whatever the kills interrupted.
        let waiting = Set(Self.list("\(spool)/incoming").filter { $0.hasSuffix(".toml") })
        let final = try RunningProgram("lobbyd", ["--config", "\(hall.path)/lobbyd.toml"])
        var next = 0
        for _ in waiting {
            let line = final.waitForLine(from: next) {
                $0.contains("playlist_accepted") || $0.contains("playlist_rejected")
            }
            #expect(line != nil, "lobbyd did not finish the waiting files: \(final.output)")
            next = line?.next ?? next
        }
        // The event is written before the file moves: a graceful stop lets the last move finish.
        #expect(final.terminate(SIGTERM, timeout: .seconds(15)))

        #expect(Self.list("\(spool)/incoming").isEmpty)
        let accepted = Self.list("\(spool)/accepted")
        let rejected = Self.list("\(spool)/rejected")
        // The file being processed at a kill is quarantined (the poison-pill rule): rejected,
        // with the reason saying so, never accepted.
        let quarantined = try Self.quarantined(in: "\(spool)/rejected")
        #expect(quarantined.count <= 4)
        for name in dropped {
            for suffix in [".toml", ".toml.sig"] {
                let places =
                    accepted.filter { $0.hasSuffix("-\(name)\(suffix)") }.count
                    + rejected.filter { $0.hasSuffix("-\(name)\(suffix)") }.count
                #expect(places == 1, "\(name)\(suffix) is in \(places) places")
            }
            let isAccepted = accepted.contains { $0.hasSuffix("-\(name).toml") }
            #expect(
                isAccepted == (name.hasPrefix("good") && !quarantined.contains(name)), "\(name) accepted: \(isAccepted)"
            )
        }
    }

    /// Names (without `.toml`) of the playlists quarantined by the poison-pill rule.
    static func quarantined(in rejected: String) throws -> Set<String> {
        var names: Set<String> = []
        for file in list(rejected) where file.hasSuffix(".toml.reason") {
            let reason = try String(contentsOfFile: "\(rejected)/\(file)", encoding: .utf8)
            guard reason.hasPrefix("处理该文件（incoming/"), reason.contains("时 lobbyd 异常退出（崩溃或被强制终止）") else {
                continue
            }
            let start = reason.range(of: "（incoming/")!.upperBound
            let end = reason[start...].range(of: ".toml）")!.lowerBound
            names.insert(String(reason[start..<end]))
        }
        return names
    }

    static func list(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}
