import Foundation
import LobbyCore
import LobbyTestSupport
import PropertyBased
import Testing

/// `ScreenPolicy` against an oracle written here from the work plan's words, not from the
/// policy's code: the technician's test pattern, then maintenance, then the latest operator
/// override, then the opening windows (08:20–12:00, 14:20–17:30 on workdays); lit content is
/// emergency items before the rotation before the standing notice; outside the windows, with
/// `[emergency] outside_windows`, an emergency notice lights the screen by itself.
@Suite("Screen policy")
struct ScreenPolicyTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let schedule = Result {
        Schedule(
            configuration: Configuration(),
            calendar: try WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar")]))
    }

    /// What the oracle expects: on or off, the cause's name, the pattern, the content shown.
    struct Expected: Equatable, CustomStringConvertible {
        var isOn: Bool
        var cause: String
        var pattern: TestPattern?
        var content: ScreenPolicy.Content

        var description: String {
            "\(isOn ? "on" : "off") by \(cause), pattern \(pattern?.rawValue ?? "-"), \(content)"
        }
    }

    /// The oracle. `inWindow` is the hall's rule for the instant, worked out by the caller.
    static func oracle(
        at instant: Date, inWindow: Bool, steering: Steering, content: ScreenPolicy.Content,
        emergencyOutsideWindows: Bool = false
    ) -> Expected {
        if let run = steering.testPattern, instant < run.until {
            return Expected(isOn: true, cause: "test-pattern", pattern: run.pattern, content: .none)
        }
        if let open = steering.maintenance {
            return Expected(isOn: open.pattern != nil, cause: "maintenance", pattern: open.pattern, content: .none)
        }
        for override in steering.overrides.reversed() where override.from <= instant && instant < override.until {
            return Expected(
                isOn: override.isOn, cause: "override", pattern: nil, content: override.isOn ? content : .none)
        }
        if !inWindow && emergencyOutsideWindows && content == .emergency {
            return Expected(isOn: true, cause: "emergency", pattern: nil, content: .emergency)
        }
        return Expected(isOn: inWindow, cause: "schedule", pattern: nil, content: inWindow ? content : .none)
    }

    static func observed(_ verdict: ScreenPolicy.Verdict) -> Expected {
        Expected(
            isOn: verdict.state.isOn, cause: verdict.state.cause, pattern: verdict.pattern, content: verdict.content)
    }

    /// Every combination of the schedule's state, an override, maintenance, a test pattern and the
    /// content on hand, at three instants: a workday window, a workday's lunch break, a Saturday.
    @Test("every combination of schedule, override, maintenance, test pattern and content matches the oracle")
    func everyCombination() throws {
        let schedule = try Self.schedule.get()
        let instants: [(Date, inWindow: Bool)] = [
            (hallTime("2026-11-25", 9, 0), true), (hallTime("2026-11-25", 12, 30), false),
            (hallTime("2026-11-28", 10, 0), false),
        ]
        var checked = 0
        for (instant, inWindow) in instants {
            let minute = { (minutes: Double) in instant.addingTimeInterval(minutes * 60) }
            let overrides: [[ScheduleOverride]] = [
                [],
                [ScheduleOverride(isOn: true, from: minute(-10), until: minute(10), reason: "活动", actor: "wang")],
                [ScheduleOverride(isOn: false, from: minute(-10), until: minute(10), reason: "演练", actor: "li")],
                // Ended exactly now: no longer in force.
                [ScheduleOverride(isOn: false, from: minute(-10), until: instant, reason: "演练", actor: "li")],
                // Two overlapping: the later one wins.
                [
                    ScheduleOverride(isOn: false, from: minute(-60), until: minute(60), reason: "a", actor: "li"),
                    ScheduleOverride(isOn: true, from: minute(-5), until: minute(5), reason: "b", actor: "wang"),
                ],
            ]
            let maintenances: [Steering.Maintenance?] = [
                nil, .init(since: minute(-30), actor: "zhao", note: "检修", pattern: nil),
                .init(since: minute(-30), actor: "zhao", note: "坏点检查", pattern: .checkerboard),
            ]
            let patterns: [Steering.PatternRun?] = [
                nil, .init(pattern: .red, until: minute(5), actor: "zhao"),
                .init(pattern: .red, until: instant, actor: "zhao"),
            ]
            for override in overrides {
                for maintenance in maintenances {
                    for pattern in patterns {
                        for (content, outside) in ScreenPolicy.Content.allCases.flatMap({ [($0, false), ($0, true)] }) {
                            var steering = Steering()
                            (steering.overrides, steering.maintenance, steering.testPattern) =
                                (override, maintenance, pattern)
                            let policy = ScreenPolicy(
                                schedule: schedule, steering: steering, emergencyOutsideWindows: outside)
                            var asked = 0
                            let verdict = policy.verdict(at: instant) {
                                asked += 1
                                return content
                            }
                            let expected = Self.oracle(
                                at: instant, inWindow: inWindow, steering: steering, content: content,
                                emergencyOutsideWindows: outside)
                            #expect(Self.observed(verdict) == expected, "\(instant) \(steering)")
                            #expect(verdict.isLit == (expected.isOn && (expected.pattern != nil || content != .none)))
                            #expect(
                                verdict.lacksContent == (expected.isOn && expected.pattern == nil && content == .none))
                            // A dark screen or a pattern never asks for the rotation, unless an
                            // emergency may light it outside the windows.
                            let scheduleDark = !expected.isOn && expected.cause == "schedule"
                            #expect(
                                asked
                                    == ((expected.isOn && expected.pattern == nil) || (outside && scheduleDark) ? 1 : 0)
                            )
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 3 * 5 * 3 * 3 * 4 * 2)
    }

    /// Instants over two years, steering drawn at random around them.
    static let instants = Gen.int(in: 1_767_196_800...1_830_268_800).map { Date(timeIntervalSince1970: Double($0)) }

    /// Whether the hall's rule lights the screen at `instant`, from Foundation's calendar and the
    /// windows as the work plan states them.
    static func inWindow(_ instant: Date, schedule: Schedule) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let date = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        guard schedule.calendar.day(date).isWorkday else { return false }
        let second = parts.hour! * 3600 + parts.minute! * 60 + parts.second!
        return (8 * 3600 + 20 * 60..<12 * 3600).contains(second)
            || (14 * 3600 + 20 * 60..<17 * 3600 + 30 * 60).contains(second)
    }

    @Test("random steering at random instants: the policy agrees with the oracle, and the next change is a real one")
    func randomSteering() async throws {
        let schedule = try Self.schedule.get()
        let offsets = Gen.int(in: -7_200...7_200)
        let lengths = Gen.int(in: 1...7_200)
        await propertyCheck(
            count: 500, input: Self.instants, offsets.array(of: 3), lengths.array(of: 3), Gen.int(in: 0...3),
            Gen.int(in: 0...15), Gen.int(in: 0...3)
        ) { instant, starts, lengths, overrideCount, steeringBits, contentIndex in
            var steering = Steering()
            steering.overrides = (0..<overrideCount).map { index in
                let from = instant.addingTimeInterval(Double(starts[index]))
                return ScheduleOverride(
                    isOn: (steeringBits >> index) & 1 == 1, from: from,
                    until: from.addingTimeInterval(Double(lengths[index])), reason: "r\(index)", actor: "op\(index)")
            }
            if steeringBits & 4 != 0 {
                steering.maintenance = .init(
                    since: instant, actor: "t", note: "n", pattern: steeringBits & 8 != 0 ? .green : nil)
            }
            if steeringBits & 8 != 0 && steeringBits & 1 != 0 {
                steering.testPattern = .init(
                    pattern: .amber, until: instant.addingTimeInterval(Double(starts[0])), actor: "t")
            }
            let content = ScreenPolicy.Content.allCases[contentIndex]
            let policy = ScreenPolicy(schedule: schedule, steering: steering)
            let verdict = policy.verdict(at: instant) { content }
            let expected = Self.oracle(
                at: instant, inWindow: Self.inWindow(instant, schedule: schedule), steering: steering, content: content)
            #expect(Self.observed(verdict) == expected, "\(instant) \(steering)")
            // While the technician holds the screen there is no next change; otherwise the state
            // is the same up to the next change and flips there.
            let held = expected.cause == "test-pattern" || expected.cause == "maintenance"
            guard let next = policy.nextChange(after: instant) else {
                #expect(held, "no next change at \(instant)")
                return
            }
            #expect(!held)
            #expect(next.at > instant && next.state.isOn != expected.isOn)
            let before = policy.verdict(at: next.at.addingTimeInterval(-0.001)) { content }
            #expect(before.state.isOn == expected.isOn)
            #expect(policy.verdict(at: next.at) { content }.state.isOn == next.state.isOn)
        }
    }

    @Test("the next opening is where the player stages pages: after lunch, after an override off, never in maintenance")
    func nextOpening() throws {
        let schedule = try Self.schedule.get()
        let lunch = hallTime("2026-11-25", 12, 30)
        #expect(
            ScreenPolicy(schedule: schedule, steering: Steering()).nextOpening(after: lunch)
                == hallTime("2026-11-25", 14, 20))
        var steering = Steering()
        steering.overrides = [
            ScheduleOverride(
                isOn: false, from: hallTime("2026-11-25", 9, 0), until: hallTime("2026-11-25", 10, 0), reason: "演练",
                actor: "li")
        ]
        #expect(
            ScreenPolicy(schedule: schedule, steering: steering).nextOpening(after: hallTime("2026-11-25", 9, 30))
                == hallTime("2026-11-25", 10, 0))
        steering.maintenance = .init(since: lunch, actor: "zhao", note: "检修", pattern: nil)
        #expect(ScreenPolicy(schedule: schedule, steering: steering).nextOpening(after: lunch) == nil)
    }
}
