import Foundation
import LobbyCore
import LobbyTestSupport
import Testing

/// Emergency notices from the operators' side against a running lobbyd and the simulated sign:
/// `emergency show` has an approved notice shown at once, `emergency clear` takes it off with the
/// reason on record, and both are refused when they make no sense.
@Suite("Emergency notices", .serialized)
final class EmergencyTests {
    let hall: TemporaryDirectory
    let simulator: RunningProgram
    let lobbyd: RunningProgram

    /// Valid for 24 hours from 08:00 on the daemon's day, approved by the demo people.
    static let alert = """
        id = "alert"
        version = 1
        title = "紧急通知"
        valid_from = 2026-11-25T08:00:00
        valid_until = 2026-11-26T08:00:00

        [[items]]
        category = "service-hall"
        text = "系统升级，暂停办理不动产登记"
        priority = "emergency"
        """

    init() throws {
        hall = try TemporaryDirectory()
        try hall.dropSamples(["hotline-12345"])
        try hall.writeHallConfiguration(
            extra: "[control]\noperators_group = \"\(String(cString: getgrgid(getgid())!.pointee.gr_name))\"")
        simulator = try hall.startSimulatedSign()
        lobbyd = try RunningProgram(
            "lobbyd", ["--config", "\(hall.path)/lobbyd.toml", "--clock-start", "2026-11-25T10:00:00"])
    }

    deinit {
        lobbyd.stop()
        simulator.stop()
    }

    func lobbyctl(_ arguments: [String]) throws -> BuiltProgram.Result {
        try BuiltProgram("lobbyctl").run(
            arguments + ["--config", "\(hall.path)/lobbyd.toml", "--socket", "\(hall.path)/control.sock"])
    }

    func showing() throws -> [String] {
        let json = try BuiltProgram("lobbyctl").run(["status", "--json", "--socket", "\(hall.path)/control.sock"])
        return try ControlCoding.decode(StatusReport.self, from: Array(json.standardOutput.utf8.dropLast())).showing
            .items
    }

    @Test("show puts an approved notice on the screen at once; clear takes it off with the reason on record")
    func showAndClear() throws {
        #expect(lobbyd.waitForLine { $0.contains("playlist_accepted") } != nil)
        #expect(simulator.waitForLine { (simulatorPageCount($0) ?? 0) > 0 } != nil)
        var mark = simulator.output.count
        let file = try hall.write("alert.toml", Self.alert)
        try hall.write("alert.toml.sig", try Approvers.demo().sheet(for: Self.alert))
        let shown = try lobbyctl(["emergency", "show", file])
        #expect(shown.status == 0, "\(shown.standardError)")
        // Under a name of lobbyd's own: a file of the same name waiting in incoming/ is not touched.
        #expect(
            shown.standardOutput.contains("已放入 incoming/emergency-20261125T10")
                && shown.standardOutput.contains("-alert.toml"), "\(shown.standardOutput)")
        #expect(lobbyd.waitForLine { $0.contains("emergency_submitted") } != nil)
        #expect(lobbyd.waitForLine { $0.contains("playlist_accepted") && $0.contains("alert") } != nil)
        // The sign receives the notice alone.
        #expect(simulator.waitForLine(from: mark) { (simulatorPageCount($0) ?? 0) > 0 } != nil)
        #expect(try showing() == ["alert#1#0"])
        mark = simulator.output.count

        let cleared = try lobbyctl(["emergency", "clear", "--reason", "系统已恢复"])
        #expect(cleared.status == 0, "\(cleared.standardError)")
        #expect(lobbyd.waitForLine { $0.contains("emergency_cleared") && $0.contains("系统已恢复") } != nil)
        #expect(simulator.waitForLine(from: mark) { (simulatorPageCount($0) ?? 0) > 0 } != nil)
        let back = try showing()
        #expect(!back.isEmpty && back.allSatisfy { $0.hasPrefix("hotline-12345#") }, "\(back)")

        // Shown again, a cleared notice comes back: a mistaken clear can be undone.
        mark = simulator.output.count
        #expect(try lobbyctl(["emergency", "show", file]).status == 0)
        #expect(simulator.waitForLine(from: mark) { (simulatorPageCount($0) ?? 0) > 0 } != nil)
        #expect(try showing() == ["alert#1#0"])
        #expect(try lobbyctl(["emergency", "clear", "--reason", "确已恢复"]).status == 0)

        // Nothing left to clear; ordinary content is not an emergency.
        let again = try lobbyctl(["emergency", "clear", "--reason", "再次"])
        #expect(again.status == 3 && again.standardError.contains("现在没有正在显示的紧急通知"), "\(again.standardError)")
        let ordinary = try lobbyctl(["emergency", "show", RepositoryFiles.path("playlists/hotline-12345.toml")])
        #expect(ordinary.status == 2 && ordinary.standardError.contains("中没有紧急通知"), "\(ordinary.standardError)")
    }
}
