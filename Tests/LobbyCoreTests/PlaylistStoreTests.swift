import Foundation
import LobbyCore
import Testing

@Suite("Playlist store")
struct PlaylistStoreTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static func at(_ text: String) -> Date { zone.parseInstant(text)! }

    static func playlist(
        _ id: String, version: Int = 1, from: String = "2026-11-01", until: String = "2026-12-01",
        items: [PlaylistItem] = [PlaylistItem(category: "service-hall", text: "欢迎", path: "items[0]")]
    ) -> Playlist {
        let chain = ApprovalChain()
        return Playlist(
            id: id, version: version, title: id, validFrom: at(from), validUntil: at(until), approval: chain,
            items: items)
    }

    static func item(_ text: String, priority: PlaylistItem.Priority = .normal, dayPart: PlaylistItem.DayPart = .all)
        -> PlaylistItem
    {
        var item = PlaylistItem(category: "service-hall", text: text, path: "items[0]")
        item.priority = priority
        item.dayPart = dayPart
        return item
    }

    @Test("a higher version replaces, the same version is a duplicate, a lower one is refused")
    func versions() {
        var store = PlaylistStore()
        store.add(Self.playlist("news", version: 2), acceptedAt: Self.at("2026-11-02"))
        #expect(store.decide(Self.playlist("news", version: 2)) == .duplicate(version: 2))
        #expect(store.decide(Self.playlist("news", version: 1)) == .older(than: 2))
        #expect(store.decide(Self.playlist("news", version: 3)) == .accept)
        #expect(store.decide(Self.playlist("hotline", version: 1)) == .accept)
        store.add(Self.playlist("news", version: 1), acceptedAt: Self.at("2026-11-03"))
        #expect(store.entries["news"]?.playlist.version == 2)
    }

    @Test("only playlists whose validity covers the instant are active; the last good one stays")
    func activeSet() {
        var store = PlaylistStore()
        store.add(Self.playlist("news", until: "2026-11-20"), acceptedAt: Self.at("2026-11-01"))
        store.add(Self.playlist("hotline", from: "2026-11-15"), acceptedAt: Self.at("2026-11-01"))
        #expect(store.active(at: Self.at("2026-11-10")).map(\.id) == ["news"])
        #expect(store.active(at: Self.at("2026-11-16")).map(\.id) == ["hotline", "news"])
        #expect(store.active(at: Self.at("2026-11-20")).map(\.id) == ["hotline"])
        #expect(store.active(at: Self.at("2026-12-01")).isEmpty)
    }

    @Test("an emergency item pre-empts the rotation at once and holds until cleared or expired")
    func emergency() throws {
        var store = PlaylistStore()
        store.add(
            Self.playlist("news", items: [Self.item("欢迎"), Self.item("办事指南")]), acceptedAt: Self.at("2026-11-01"))
        #expect(store.rotation(at: Self.at("2026-11-10"), dayPart: .morning).map(\.item.text) == ["欢迎", "办事指南"])
        store.add(
            Self.playlist(
                "alert", from: "2026-11-10", until: "2026-11-11", items: [Self.item("系统维护，暂停办理", priority: .emergency)]),
            acceptedAt: Self.at("2026-11-10"))
        let rotation = store.rotation(at: Self.at("2026-11-10T09:00"), dayPart: .morning)
        #expect(rotation.map(\.item.text) == ["系统维护，暂停办理"])
        #expect(store.rotation(at: Self.at("2026-11-11T09:00"), dayPart: .morning).count == 2)
        let cleared: Set = [try #require(rotation.first).key]
        #expect(
            store.rotation(at: Self.at("2026-11-10T09:00"), dayPart: .morning, cleared: cleared).map(\.item.text) == [
                "欢迎", "办事指南",
            ])
    }

    @Test("items for the morning window are not shown in the afternoon")
    func dayParts() {
        var store = PlaylistStore()
        store.add(
            Self.playlist(
                "news",
                items: [Self.item("上午", dayPart: .morning), Self.item("全天"), Self.item("下午", dayPart: .afternoon)]),
            acceptedAt: Self.at("2026-11-01"))
        #expect(store.rotation(at: Self.at("2026-11-10T09:00"), dayPart: .morning).map(\.item.text) == ["上午", "全天"])
        #expect(store.rotation(at: Self.at("2026-11-10T15:00"), dayPart: .afternoon).map(\.item.text) == ["全天", "下午"])
    }

    @Test("content is stale when the newest acceptance is older than the configured days")
    func staleness() {
        var store = PlaylistStore()
        #expect(store.isStale(at: Self.at("2026-11-10"), days: 14))
        store.add(Self.playlist("news"), acceptedAt: Self.at("2026-11-01"))
        #expect(!store.isStale(at: Self.at("2026-11-15"), days: 14))
        #expect(store.isStale(at: Self.at("2026-11-15T00:00:01"), days: 14))
    }
}
