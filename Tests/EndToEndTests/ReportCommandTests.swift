import Foundation
import LobbyCore
import LobbyStore
import LobbyTestSupport
import Testing

/// `lobbyctl report` as the monthly timer and an operator run it.
@Suite("The monthly report from the command line")
struct ReportCommandTests {
    let lobbyctl = BuiltProgram("lobbyctl")

    /// A hall whose log has one start, its configuration naming the hall.
    func hall() throws -> (directory: TemporaryDirectory, config: String, database: String) {
        let directory = try TemporaryDirectory()
        let config = try directory.writeHallConfiguration(extra: "[site]\nname = \"测试市政务服务中心一楼\"\n")
        let database = "\(directory.path)/lobbyd.sqlite"
        let log = try EventLog(path: database)
        try log.append(
            EventEntry(
                date: TimeZone(identifier: "Asia/Shanghai")!.parseInstant("2026-10-12T08:00")!, kind: .daemonStart,
                detail: [:], actor: "daemon"))
        try log.anchor(.write, at: Date())
        return (directory, config, database)
    }

    @Test("--format all writes the three formats into the directory, titled from [site] name")
    func allFormats() throws {
        let (directory, config, database) = try hall()
        let result = try lobbyctl.run([
            "report", "--config", config, "--database", database, "--month", "2026-10", "--format", "all",
            "--out-dir", directory.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let names = ["md", "csv", "html"].map { "\(directory.path)/lobbyd-report-2026-10.\($0)" }
        #expect(result.standardOutput == names.map { $0 + "\n" }.joined())
        let markdown = try String(contentsOfFile: names[0], encoding: .utf8)
        #expect(markdown.hasPrefix("# 测试市政务服务中心一楼LED显示屏运行情况月报（2026年10月）\n"))
        #expect(markdown.contains("| 2026-10-11 | 未投入使用 |"))
        let csv = try Data(contentsOf: URL(fileURLWithPath: names[1]))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark for Excel")
    }

    @Test("a month that is not one is refused, naming what is accepted; all formats need a directory")
    func refusals() throws {
        // (The directory is held to the end: dropping it deletes the files.)
        let (directory, config, database) = try hall()
        defer { withExtendedLifetime(directory) {} }
        for month in ["2026-13", "2026-1", "26-11", "2026-1１", "2026-+1", "next", "9999-12"] {
            let result = try lobbyctl.run(["report", "--config", config, "--database", database, "--month", month])
            #expect(result.status == ExitStatus.usage, "\(month)")
            #expect(
                result.standardError.contains("应为 YYYY-MM（如 2026-11）、本月或上月")
                    || result.standardError.contains("该月尚未开始"), "\(month)")
        }
        let all = try lobbyctl.run([
            "report", "--config", config, "--database", database, "--month", "本月", "--format", "all",
        ])
        #expect(all.status == ExitStatus.usage && all.standardError.contains("--out-dir"))
        let typo = try lobbyctl.run([
            "report", "--config", config, "--database", database + ".typo", "--month", "2026-10",
        ])
        #expect(typo.status == ExitStatus.failure && typo.standardError.contains("此处没有事件日志"))
        #expect(!FileManager.default.fileExists(atPath: database + ".typo"), "no empty log is made")
        let empty = try directory.write("empty.sqlite", "")
        let emptied = try lobbyctl.run(["report", "--config", config, "--database", empty, "--month", "2026-10"])
        #expect(emptied.status == ExitStatus.failure && emptied.standardError.contains("不是事件日志"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty, "left as it was")
    }
}
