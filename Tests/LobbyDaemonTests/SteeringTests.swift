import Foundation
import LobbyCore
import LobbyDaemon
import LobbyRender
import LobbyTestSupport
import Testing

@Suite("Steering: overrides, maintenance and test patterns")
struct SteeringTests {
    static let zone = PlayerTests.zone
    let schedule = Schedule(
        configuration: Configuration(),
        calendar: try! WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar")]))
    let store = PlayerTests.store("news", texts: ["欢迎"])

    func at(_ text: String) -> Date { Self.zone.parseInstant(text)! }

    func decide(_ steering: Steering, at time: String) throws -> ScreenDecision {
        try Player(renderer: TextRenderer(configuration: Configuration()), maximumPages: 16)
            .decide(at: at(time), policy: ScreenPolicy(schedule: schedule, steering: steering), store: store)
    }

    @Test("an override darkens a window and lights a closed hour, only while it lasts")
    func overrides() throws {
        var steering = Steering()
        steering.overrides = [
            ScheduleOverride(
                isOn: false, from: at("2026-11-25T09:00"), until: at("2026-11-25T10:00"), reason: "演练", actor: "li"),
            ScheduleOverride(
                isOn: true, from: at("2026-11-25T12:00"), until: at("2026-11-25T13:00"), reason: "活动", actor: "wang"),
        ]
        let dark = try decide(steering, at: "2026-11-25T09:30")
        #expect(!dark.state.isOn && dark.program == nil && dark.state.actor == "li" && dark.state.cause == "override")
        let lit = try decide(steering, at: "2026-11-25T12:30")
        #expect(lit.state.isOn && lit.program != nil && lit.state.actor == "wang")
        let after = try decide(steering, at: "2026-11-25T10:00")
        #expect(after.state.isOn && after.state.cause == "schedule")
        steering.expire(at: at("2026-11-25T12:30"))
        #expect(steering.overrides.map(\.actor) == ["wang"])
    }

    @Test("maintenance is dark, or its pattern; a test pattern wins while it runs")
    func maintenanceAndPatterns() throws {
        var steering = Steering()
        steering.maintenance = .init(since: at("2026-11-25T09:00"), actor: "zhao", note: "清洁", pattern: nil)
        let dark = try decide(steering, at: "2026-11-25T09:30")
        #expect(!dark.state.isOn && dark.program == nil && dark.state.cause == "maintenance")
        steering.maintenance?.pattern = .checkerboard
        let pattern = try decide(steering, at: "2026-11-26T20:00")
        #expect(pattern.state.isOn && pattern.program?.pages.count == 2, "a pattern shows even outside the windows")
        steering.maintenance = nil
        steering.testPattern = .init(pattern: .allOn, until: at("2026-11-25T09:05"), actor: "zhao")
        let test = try decide(steering, at: "2026-11-25T09:04")
        #expect(test.state.cause == "test-pattern" && test.program?.pages.first?.litCount == 192 * 32)
        #expect(try decide(steering, at: "2026-11-25T09:05").state.cause == "schedule", "time-limited")
    }

    @Test("the checkerboard and its inverse light every dot exactly once")
    func checkerboard() {
        let pages = Frame.testPattern(.checkerboard, width: 7, height: 5)
        #expect(pages.count == 2)
        for y in 0..<5 {
            for x in 0..<7 { #expect((pages[0][x, y] == .off) != (pages[1][x, y] == .off)) }
        }
        #expect(Frame.testPattern(.green, width: 3, height: 2)[0].dots == [UInt8](repeating: 2, count: 6))
    }

    @Test("steering survives a restart; a damaged file is refused, not ignored")
    func persistence() throws {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/steering.json"
        let board = try SteeringBoard(path: path)
        try board.update {
            $0.overrides.append(
                ScheduleOverride(
                    isOn: false, from: at("2026-11-25T09:00"), until: at("2026-11-25T10:00"), reason: "r", actor: "li"))
        }
        #expect(try SteeringBoard(path: path).snapshot == board.snapshot)
        // A change that throws leaves both memory and file as they were.
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try board.update { _ in throw Refused() }
        }
        #expect(board.snapshot.overrides.count == 1)
        try directory.write("steering.json", "{ not json")
        #expect {
            try SteeringBoard(path: path)
        } throws: { "\($0)".contains("steering.json") && "\($0)".contains("请把它移走") }
    }

    @Test("a change shows only once saved and recorded; readers never wait for its record")
    func saveThenRecordThenShow() throws {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/steering.json"
        let board = try SteeringBoard(path: path)
        let override = ScheduleOverride(
            isOn: false, from: at("2026-11-25T09:00"), until: at("2026-11-25T10:00"), reason: "演练", actor: "li")
        try board.update {
            $0.overrides.append(override)
        } record: { _ in
            // While the event is being written (it may wait for the disk), the tick and `status`
            // read the state before the change, at once; the new file waits beside the old one,
            // so that a stop or a crash now leaves the old one.
            #expect(board.snapshot.overrides.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect((try? SteeringBoard(path: path))?.snapshot.overrides.isEmpty == true, "a start obeys the old file")
        }
        #expect(board.snapshot.overrides == [override])
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        // The event cannot be written: nothing changes, and the file is as it was.
        struct NotRecorded: Error {}
        #expect(throws: NotRecorded.self) {
            try board.update {
                $0.overrides.removeAll()
            } record: { _ in
                throw NotRecorded()
            }
        }
        #expect(board.snapshot.overrides == [override])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == saved)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["steering.json"])
        // The file cannot be saved: nothing is recorded.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        var recorded = false
        #expect(throws: (any Error).self) {
            try board.update {
                $0.overrides.removeAll()
            } record: { _ in
                recorded = true
            }
        }
        #expect(!recorded && board.snapshot.overrides == [override])
    }
}
