import Foundation
import LobbyCore
import LobbyDaemon
import LobbyLink
import LobbyProtocol
import LobbyRender
import LobbyTestSupport
import Testing

/// The player's tick without a clock, a link or a database: what it decides to do after each
/// combination of what the screen must show, the link's state and the spool's.
@Suite("Player step")
struct PlayerStepTests {
    static let zone = PlayerTests.zone
    static let settings = LiveSettings(
        configuration: Configuration(),
        schedule: Schedule(
            configuration: Configuration(),
            calendar: try! WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar")]))
    ).snapshot
    static let nine = zone.parseInstant("2026-11-25T09:00")!
    static let start = ContinuousClock.now

    static func program(_ pages: Int) -> SignProgram {
        SignProgram(pages: Array(repeating: Frame(width: 8, height: 8), count: pages))
    }

    /// What a decision can be, each with the program `Player` would give it.
    static let decisions: [(name: String, decision: ScreenDecision)] = {
        let window = ScreenState(
            isOn: true, reason: .window(PlaybackWindow.defaultWorkday[0], day: settings.schedule.day(at: nine)))
        let outside = ScreenState(isOn: false, reason: .outsideWindows(day: settings.schedule.day(at: nine)))
        let override = ScheduleOverride(isOn: false, from: nine, until: nine + 600, reason: "演练", actor: "li")
        let maintenance = ScreenState.Reason.maintenance(actor: "zhao", note: "检修")
        let verdict = { (state: ScreenState, pattern: TestPattern?, content: ScreenPolicy.Content) in
            ScreenPolicy.Verdict(state: state, pattern: pattern, content: content)
        }
        let items = { (count: Int) in (0..<count).map { "news#1#\($0)" } }
        let pages = { (count: Int) in Array(repeating: (category: "service-hall", pages: 1), count: count) }
        return [
            (
                "playlists",
                .init(
                    verdict: verdict(window, nil, .playlists), program: program(2), items: items(2), itemPages: pages(2)
                )
            ),
            (
                "emergency",
                .init(
                    verdict: verdict(window, nil, .emergency), program: program(1), items: items(1), itemPages: pages(1)
                )
            ),
            (
                "fallback",
                .init(
                    verdict: verdict(window, nil, .fallback), program: program(3), items: items(1), itemPages: pages(1))
            ),
            (
                "truncated",
                .init(
                    verdict: verdict(window, nil, .playlists), program: program(4), items: items(4),
                    itemPages: pages(4), omitted: 2)
            ),
            ("no content", .init(verdict: verdict(window, nil, .none), program: nil)),
            ("outside", .init(verdict: verdict(outside, nil, .none), program: nil, staged: program(2))),
            (
                "override off",
                .init(verdict: verdict(ScreenState(isOn: false, reason: .override(override)), nil, .none), program: nil)
            ),
            (
                "maintenance",
                .init(verdict: verdict(ScreenState(isOn: false, reason: maintenance), nil, .none), program: nil)
            ),
            (
                "maintenance pattern",
                .init(
                    verdict: verdict(ScreenState(isOn: true, reason: maintenance), .green, .none), program: program(5))
            ),
            (
                "test pattern",
                .init(
                    verdict: verdict(ScreenState(isOn: true, reason: .testPattern(.red, actor: "zhao")), .red, .none),
                    program: program(6))
            ),
        ]
    }()

    static func inputs(
        _ decision: ScreenDecision, at seconds: Double, link: SerialLink.State = .ready, loaded: Bool = true,
        settings: LiveSettings.Current = settings, watchdog: Duration? = nil, store: PlaylistStore = PlaylistStore()
    ) -> PlayerStep.Inputs {
        PlayerStep.Inputs(
            now: nine + seconds, monotonic: start + .seconds(seconds), settings: settings, decision: decision,
            link: link,
            linkStarted: true, store: store, storeLoaded: loaded, watchdogInterval: watchdog)
    }

    static func events(_ actions: [PlayerStep.Action]) -> [PlayerStep.Event] {
        actions.compactMap { if case .record(let event) = $0 { event } else { nil } }
    }

    static func kinds(_ actions: [PlayerStep.Action]) -> [EventKind] {
        events(actions).map(\.kind).filter { $0 != .scheduleApplied && $0 != .contentStale }
    }

    /// The link hears the first decision once the spool is restored, a dark one too (a sign
    /// that shows stale content is darkened), and nothing before: a start must not blink the
    /// sign dark until the playlists are back.
    @Test("the first decision goes to the link once the playlists are restored, not before")
    func firstDecision() {
        for (name, decision) in Self.decisions {
            var step = PlayerStep(now: Self.nine, monotonic: Self.start, zone: Self.zone)
            func shows(_ actions: [PlayerStep.Action]) -> Int {
                actions.filter { if case .show = $0 { true } else { false } }.count
            }
            #expect(shows(step.step(Self.inputs(decision, at: 0.05, loaded: false))) == 0, "\(name)")
            #expect(shows(step.step(Self.inputs(decision, at: 0.1, loaded: true))) == 1, "\(name)")
            #expect(shows(step.step(Self.inputs(decision, at: 0.15, loaded: true))) == 0, "\(name)")
        }
    }

    /// Every pair (the previous tick's decision, this tick's) with the link up or down and the
    /// spool restored or not, against the rules stated here.
    @Test("every pair of decisions, link state and spool state gives exactly the events the rules ask for")
    func everyPair() {
        for (previousName, previous) in Self.decisions {
            for (name, current) in Self.decisions {
                for link in [SerialLink.State.ready, .degraded] {
                    for loaded in [true, false] {
                        var step = PlayerStep(now: Self.nine, monotonic: Self.start, zone: Self.zone)
                        _ = step.step(Self.inputs(previous, at: 0.05, link: link, loaded: loaded))
                        let actions = step.step(Self.inputs(current, at: 0.1, link: link, loaded: loaded))
                        let context = "\(previousName) → \(name), \(link), loaded \(loaded)"
                        var expected: [EventKind] = []
                        let (was, now) = (previous.verdict, current.verdict)
                        if was.state.isOn != now.state.isOn { expected.append(now.state.isOn ? .screenOn : .screenOff) }
                        if current.omitted > 0 && current.omitted != previous.omitted {
                            expected.append(.rotationTruncated)
                        }
                        if now.content == .fallback && was.content != .fallback { expected.append(.fallbackShown) }
                        let (missing, wasMissing) = (now.lacksContent && loaded, was.lacksContent && loaded)
                        if missing && !wasMissing { expected.append(.contentMissing) }
                        if wasMissing && !missing && now.state.isOn { expected.append(.contentRestored) }
                        #expect(Self.kinds(actions) == expected, "\(context)")
                        // The on/off event says why and who.
                        for event in Self.events(actions) where event.kind == .screenOn || event.kind == .screenOff {
                            #expect(event.detail["cause"] == now.state.cause && event.actor == now.state.actor)
                        }
                        // The link hears of a change only, and nothing before the spool is restored
                        // (the first decision went with the first step, when restored).
                        let shows = actions.compactMap { if case .show(let p, let s) = $0 { (p, s) } else { nil } }
                        let changed = current.program != previous.program || current.staged != previous.staged
                        #expect(shows.count == (changed && loaded ? 1 : 0), "\(context)")
                        if let (program, staged) = shows.first {
                            #expect(program == current.program && staged == current.staged)
                        }
                        // `status` reads the new decision.
                        let published = actions.compactMap { if case .publish(let view) = $0 { view } else { nil } }
                        #expect(
                            published.last?.decision?.verdict == now
                                || (published.isEmpty && was == now && current.program == previous.program))
                    }
                }
            }
        }
    }

    @Test("READY=1 once the link has started and the playlists are restored, once; the watchdog; the status line")
    func systemd() {
        let playing = Self.decisions[0].decision
        var step = PlayerStep(now: Self.nine, monotonic: Self.start, zone: Self.zone)
        var early = Self.inputs(playing, at: 0.02, watchdog: .seconds(10))
        early.linkStarted = false
        let notes = { (actions: [PlayerStep.Action]) in
            actions.compactMap { if case .notify(let line) = $0 { line } else { nil } }
        }
        #expect(!notes(step.step(early)).contains("READY=1"))
        #expect(!notes(step.step(Self.inputs(playing, at: 0.05, loaded: false))).contains("READY=1"))
        let first = notes(step.step(Self.inputs(playing, at: 0.1, watchdog: .seconds(10))))
        #expect(first.first == "READY=1")
        #expect(notes(step.step(Self.inputs(playing, at: 5, watchdog: .seconds(10)))).isEmpty)
        #expect(notes(step.step(Self.inputs(playing, at: 10, watchdog: .seconds(10)))) == ["WATCHDOG=1"])
        let dark = notes(step.step(Self.inputs(Self.decisions[5].decision, at: 10.05, watchdog: .seconds(10))))
        #expect(dark.count == 1 && dark[0].hasPrefix("STATUS=") && dark != first.filter { $0 != "READY=1" })
    }

    @Test("a wall clock that jumps against the monotonic one is logged; a steady one is not")
    func clockJump() {
        let playing = Self.decisions[0].decision
        var step = PlayerStep(now: Self.nine, monotonic: Self.start, zone: Self.zone)
        #expect(!Self.events(step.step(Self.inputs(playing, at: 1))).contains { $0.kind == .clockJump })
        var jumped = Self.inputs(playing, at: 1.05)
        jumped.now = jumped.now + 3600
        #expect(Self.events(step.step(jumped)).filter { $0.kind == .clockJump }.count == 1)
    }

    @Test("lit time counts only while the link is ready and something is shown; proof of play per hour")
    func litTimeAndProofOfPlay() {
        let playing = Self.decisions[0].decision
        var step = PlayerStep(now: Self.nine, monotonic: Self.start, zone: Self.zone)
        var view = PlayerView()
        let run = { (inputs: PlayerStep.Inputs) -> [PlayerStep.Action] in
            let actions = step.step(inputs)
            for case .publish(let published) in actions { view = published }
            return actions
        }
        for tick in 1...20 { _ = run(Self.inputs(playing, at: Double(tick) * 0.5)) }
        #expect(abs(view.litSeconds - 10) < 0.001)
        for tick in 21...40 { _ = run(Self.inputs(playing, at: Double(tick) * 0.5, link: .degraded)) }
        #expect(abs(view.litSeconds - 10) < 0.001, "not lit while the link is down")
        // The next hour hands out the last hour's 10 s, shared by the two items' pages.
        let shown = Self.events(run(Self.inputs(playing, at: 3600))).filter { $0.kind == .frameShown }
        #expect(shown.map { $0.detail["item"] } == ["news#1#0", "news#1#1"])
        #expect(shown.map { $0.detail["seconds"] } == ["5", "5"])
    }

    @Test("the rules of the day are logged at the first tick, on a reload that changes them, and at midnight")
    func scheduleApplied() {
        let playing = Self.decisions[0].decision
        var step = PlayerStep(now: Self.nine, monotonic: Self.start, zone: Self.zone)
        let applied = { (actions: [PlayerStep.Action]) in
            Self.events(actions).filter { $0.kind == .scheduleApplied }.count
        }
        #expect(applied(step.step(Self.inputs(playing, at: 0.05))) == 1)
        #expect(applied(step.step(Self.inputs(playing, at: 0.1))) == 0)
        // A reload with the same rules: nothing; with other windows: logged.
        var reloaded = Self.settings
        reloaded.generation += 1
        #expect(applied(step.step(Self.inputs(playing, at: 0.15, settings: reloaded))) == 0)
        reloaded.generation += 1
        reloaded.schedule.windows.workday = [PlaybackWindow(parsing: "09:00-12:00")!]
        #expect(applied(step.step(Self.inputs(playing, at: 0.2, settings: reloaded))) == 1)
        #expect(applied(step.step(Self.inputs(playing, at: 86_400, settings: reloaded))) == 1, "the next day")
    }

    @Test("events are pruned once a day, with the retention configured now")
    func pruning() {
        let playing = Self.decisions[0].decision
        var step = PlayerStep(now: Self.nine, monotonic: Self.start, zone: Self.zone)
        let prunes = { (actions: [PlayerStep.Action]) in
            actions.compactMap { if case .prune(let days) = $0 { days } else { nil } }
        }
        #expect(prunes(step.step(Self.inputs(playing, at: 0.05))) == [Self.settings.configuration.retentionDays])
        #expect(prunes(step.step(Self.inputs(playing, at: 3600))).isEmpty)
        // A reload's retention applies from the next day's prune.
        var reloaded = Self.settings
        reloaded.configuration.retentionDays = 400
        #expect(prunes(step.step(Self.inputs(playing, at: 86_400, settings: reloaded))) == [400])
    }
}
