import Foundation
import LobbyCore
import LobbyDaemon
import LobbyRender
import LobbyTestSupport
import Testing

@Suite("Player")
struct PlayerTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static func store(_ id: String, version: Int = 1, texts: [String]) -> PlaylistStore {
        let chain = ApprovalChain()
        let items = texts.enumerated().map { PlaylistItem(category: "service-hall", text: $1, path: "items[\($0)]") }
        let playlist = Playlist(
            id: id, version: version, title: id, validFrom: zone.parseInstant("2026-01-01")!,
            validUntil: zone.parseInstant("2027-01-01")!, approval: chain, items: items)
        var store = PlaylistStore()
        store.add(playlist, acceptedAt: zone.parseInstant("2026-11-01")!)
        return store
    }

    let schedule = Schedule(
        configuration: Configuration(),
        calendar: try! WorkdayCalendar.load(directories: [RepositoryFiles.path("calendar")]))

    var policy: ScreenPolicy { ScreenPolicy(schedule: schedule, steering: Steering()) }

    func player(maximumPages: Int = 16) throws -> Player {
        Player(renderer: try TextRenderer(configuration: Configuration()), maximumPages: maximumPages)
    }

    @Test("inside a window with valid playlists the screen shows their pages")
    func showsContent() throws {
        let decision = try player().decide(
            at: Self.zone.parseInstant("2026-11-25T09:00")!, policy: policy,
            store: Self.store("news", texts: ["欢迎", "办事指南"]))
        #expect(decision.state.isOn && decision.program?.pages.count == 2 && !decision.isFallback)
        #expect(decision.items == ["news#1#0", "news#1#1"])
        // Proof of play shares the lit time among the items by their pages.
        #expect(decision.itemPages.map(\.category) == ["service-hall", "service-hall"])
        #expect(decision.itemPages.map(\.pages) == [1, 1])
    }

    @Test("outside the windows the screen is dark whatever the playlists say")
    func darkOutsideWindows() throws {
        let decision = try player().decide(
            at: Self.zone.parseInstant("2026-11-25T12:30")!, policy: policy,
            store: Self.store("news", texts: ["欢迎"]))
        #expect(!decision.state.isOn && decision.program == nil)
    }

    @Test("while dark, the next opening's pages are staged: after lunch, over a weekend, not in maintenance")
    func stagesTheNextOpening() throws {
        let player = try player()
        let store = Self.store("news", texts: ["欢迎", "办事指南"])
        let opening = try #require(
            player.decide(at: Self.zone.parseInstant("2026-11-25T14:20")!, policy: policy, store: store).program)
        let lunch = player.decide(at: Self.zone.parseInstant("2026-11-25T12:30")!, policy: policy, store: store)
        #expect(lunch.program == nil && lunch.staged == opening)
        // Friday evening: Monday 08:20 (the same pages here).
        let friday = player.decide(at: Self.zone.parseInstant("2026-11-27T18:00")!, policy: policy, store: store)
        #expect(friday.program == nil && friday.staged == opening)
        // Nothing valid: nothing to stage.
        let evening = player.decide(
            at: Self.zone.parseInstant("2026-11-25T18:00")!, policy: policy, store: PlaylistStore())
        #expect(evening.staged == nil)
        // Maintenance holds the screen until it ends: nothing to stage.
        var steering = Steering()
        steering.maintenance = Steering.Maintenance(
            since: Self.zone.parseInstant("2026-11-25T12:00")!, actor: "tech", note: "检修", pattern: nil)
        let held = player.decide(
            at: Self.zone.parseInstant("2026-11-25T12:30")!,
            policy: ScreenPolicy(schedule: schedule, steering: steering), store: store)
        #expect(held.staged == nil)
    }

    @Test("when no playlist is valid the standing notice is shown, and said to be")
    func fallback() throws {
        let notice = Self.store("notice", texts: ["欢迎光临"])
        let decision = try player().decide(
            at: Self.zone.parseInstant("2026-11-25T09:00")!, policy: policy, store: PlaylistStore(),
            fallback: notice)
        #expect(decision.isFallback && decision.program?.pages.count == 1)
        let dark = try player().decide(
            at: Self.zone.parseInstant("2026-11-25T09:00")!, policy: policy, store: PlaylistStore())
        #expect(dark.state.isOn && dark.program == nil && !dark.isFallback)
    }

    @Test("items beyond the sign's picture slots are left out and counted")
    func truncated() throws {
        let decision = try player(maximumPages: 2).decide(
            at: Self.zone.parseInstant("2026-11-25T09:00")!, policy: policy,
            store: Self.store("news", texts: ["一", "二", "三", "四"]))
        #expect(decision.program?.pages.count == 2 && decision.omitted == 2)
    }

    @Test("the render cache keeps only the pages of the accepted version of each playlist")
    func cacheBounded() throws {
        let player = try player()
        let nine = Self.zone.parseInstant("2026-11-25T09:00")!
        _ = player.decide(at: nine, policy: policy, store: Self.store("news", texts: ["一", "二", "三"]))
        #expect(player.cachedPages == 3)
        // A new version replaces the old one's pages, day after day.
        for version in 2...30 {
            _ = player.decide(
                at: nine, policy: policy, store: Self.store("news", version: version, texts: ["一\(version)", "二"]))
        }
        #expect(player.cachedPages == 2)
        // A playlist no longer accepted leaves nothing behind.
        _ = player.decide(at: nine, policy: policy, store: Self.store("notice", texts: ["欢迎"]))
        #expect(player.cachedPages == 1)
    }

    @Test(
        "steady state builds no rotation per tick: only a change of playlists, of validity or of the part of the day does"
    )
    func rotationBuiltOnChange() throws {
        let player = try player()
        let nine = Self.zone.parseInstant("2026-11-25T09:00")!
        var store = Self.store("news", texts: ["欢迎", "办事指南"])
        // An item that ends at 10:00 and an afternoon item.
        var items = [
            PlaylistItem(category: "service-hall", text: "上午", path: "items[0]"),
            PlaylistItem(category: "service-hall", text: "下午", path: "items[1]"),
        ]
        items[0].validUntil = Self.zone.parseInstant("2026-11-25T10:00")!
        items[1].dayPart = .afternoon
        store.add(
            Playlist(
                id: "today", version: 1, title: "today", validFrom: Self.zone.parseInstant("2026-01-01")!,
                validUntil: Self.zone.parseInstant("2027-01-01")!,
                approval: ApprovalChain(),
                items: items),
            acceptedAt: nine)
        let first = player.decide(at: nine, policy: policy, store: store)
        for tick in 1...200 {
            let later = player.decide(at: nine + Double(tick) * 0.05, policy: policy, store: store)
            #expect(later.items == first.items)
        }
        #expect(player.rotationsBuilt == 1 && first.items == ["news#1#0", "news#1#1", "today#1#0"])
        // The morning item ends at 10:00: the next tick after it builds the rotation again.
        let ten = player.decide(at: Self.zone.parseInstant("2026-11-25T10:00")!, policy: policy, store: store)
        #expect(player.rotationsBuilt == 2 && ten.items == ["news#1#0", "news#1#1"])
        // The afternoon: another part of the day.
        let afternoon = player.decide(at: Self.zone.parseInstant("2026-11-25T14:30")!, policy: policy, store: store)
        #expect(player.rotationsBuilt == 3 && afternoon.items == ["news#1#0", "news#1#1", "today#1#1"])
        // A new playlist: built again at once.
        store.add(Self.store("notice", texts: ["通知"]).entries["notice"]!.playlist, acceptedAt: nine)
        let added = player.decide(at: Self.zone.parseInstant("2026-11-25T14:30:01")!, policy: policy, store: store)
        #expect(player.rotationsBuilt == 4 && added.items.contains("notice#1#0"))
        // A clock set back: built again, not trusted from later.
        _ = player.decide(at: nine, policy: policy, store: store)
        #expect(player.rotationsBuilt == 5)
    }
}
