import Foundation
import LobbyDaemon
import Testing

@Suite("Spool watcher")
struct SpoolWatcherTests {
    @Test("a signed, valid playlist is accepted: both files move to accepted/ and the store has it")
    func accepted() throws {
        let spool = try SpoolFixture()
        try spool.drop("news.toml", text: PlaylistFixtureText.text())
        spool.settle()
        #expect(spool.files(spool.archive.incoming).isEmpty)
        let accepted = spool.files(spool.archive.accepted)
        #expect(accepted.count == 2 && accepted[0].hasSuffix("-news.toml") && accepted[1].hasSuffix("-news.toml.sig"))
        #expect(spool.watcher.store.entries["hall-news"]?.playlist.version == 1)
        guard case .accepted(let id, 1, "张三", _, _) = try #require(spool.events.only) else {
            Issue.record("expected an accepted event, got \(spool.events)")
            return
        }
        #expect(id == "hall-news")
    }

    @Test("an invalid playlist goes to rejected/ beside a reason file that starts in Chinese")
    func rejected() throws {
        let spool = try SpoolFixture()
        try spool.drop("ads.toml", text: PlaylistFixtureText.text(category: "advertising"))
        spool.settle()
        let rejected = spool.files(spool.archive.rejected)
        #expect(rejected.count == 3)
        let reasonFile = try #require(rejected.first { $0.hasSuffix(".reason") })
        let reason = try String(contentsOfFile: "\(spool.archive.rejected)/\(reasonFile)", encoding: .utf8)
        #expect(reason.hasPrefix("发布内容单 ads.toml 未通过校验"))
        #expect(reason.contains("incoming/ads.toml:12: [内容规范] 类别 \"advertising\" 不属于本大厅可发布的范围"))
        #expect(spool.watcher.store.entries.isEmpty)
    }

    @Test("a playlist without its signature waits for it, then is rejected when the grace period passes")
    func missingSignature() throws {
        let spool = try SpoolFixture()
        try spool.drop("news.toml", text: PlaylistFixtureText.text(), signed: false)
        spool.settle()
        #expect(spool.files(spool.archive.incoming) == ["news.toml"])
        spool.monotonicNow += .seconds(30)
        spool.watcher.runOnce(timeout: .zero)
        #expect(spool.files(spool.archive.incoming).isEmpty)
        let reasonFile = try #require(spool.files(spool.archive.rejected).first { $0.hasSuffix(".reason") })
        #expect(
            try String(contentsOfFile: "\(spool.archive.rejected)/\(reasonFile)", encoding: .utf8).contains(
                "缺少 news.toml.sig"))
    }

    @Test("100 playlists dropped at once are each processed exactly once")
    func hundredDrops() throws {
        let spool = try SpoolFixture()
        for index in 0..<100 {
            try spool.drop("p\(index).toml", text: PlaylistFixtureText.text(id: "p\(index)"))
        }
        spool.settle()
        #expect(spool.files(spool.archive.incoming).isEmpty)
        #expect(spool.files(spool.archive.accepted).count == 200)
        #expect(spool.events.count == 100)
        #expect(
            Set(spool.events.compactMap { if case .accepted(let id, _, _, _, _) = $0 { id } else { nil } }).count == 100
        )
        #expect(spool.watcher.store.entries.count == 100)
    }

    @Test("the same version again is archived as a duplicate; a lower version is rejected")
    func versions() throws {
        let spool = try SpoolFixture()
        try spool.drop("v2.toml", text: PlaylistFixtureText.text(version: 2))
        spool.settle()
        try spool.drop("v2-again.toml", text: PlaylistFixtureText.text(version: 2))
        try spool.drop("v1.toml", text: PlaylistFixtureText.text(version: 1))
        spool.settle()
        #expect(spool.events.contains { if case .duplicate("hall-news", 2, _) = $0 { true } else { false } })
        let reasons = spool.files(spool.archive.rejected).filter { $0.hasSuffix("-v1.toml.reason") }
        let reason = try String(
            contentsOfFile: "\(spool.archive.rejected)/\(try #require(reasons.first))", encoding: .utf8)
        #expect(reason.contains("版本号 1 低于已发布的 hall-news 第 2 版"))
        #expect(spool.watcher.store.entries["hall-news"]?.playlist.version == 2)
    }

    @Test("a damaged versions.json is kept aside, and the floors are raised again from accepted/")
    func damagedFloors() throws {
        let spool = try SpoolFixture()
        try spool.drop("v2.toml", text: PlaylistFixtureText.text(version: 2))
        spool.settle()
        try spool.directory.write("versions.json", "{\"hall-news\": 2")
        try spool.restart()
        #expect(spool.files(spool.directory.path).contains("versions.json.damaged"))
        #expect(spool.watcher.store.floors["hall-news"] == 2)
        try spool.drop("v1.toml", text: PlaylistFixtureText.text(version: 1))
        spool.settle()
        #expect(spool.files(spool.archive.rejected).contains { $0.hasSuffix("-v1.toml.reason") })
    }

    /// The replay a lost versions.json allowed: the newest version off the screen (its key
    /// revoked, its file damaged) raised no floor, so the older one came back.
    @Test("a newest version that no longer passes still holds its floor when versions.json is lost")
    func floorOfAWithdrawnVersion() throws {
        let spool = try SpoolFixture()
        try spool.drop("v1.toml", text: PlaylistFixtureText.text(version: 1))
        spool.settle()
        try spool.drop("v2.toml", text: PlaylistFixtureText.text(version: 2))
        spool.settle()
        let v2 = try #require(spool.files(spool.archive.accepted).first { $0.hasSuffix("-v2.toml") })
        let path = "\(spool.archive.accepted)/\(v2)"
        try (String(contentsOfFile: path, encoding: .utf8) + "\n# edited\n").write(
            toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(spool.directory.path)/versions.json")
        try spool.restart()
        #expect(spool.watcher.store.floors["hall-news"] == 2)
        #expect(spool.watcher.store.entries["hall-news"] == nil)
        #expect(spool.files(spool.directory.path).contains("versions.json"))
        try spool.drop("again.toml", text: PlaylistFixtureText.text(version: 1))
        spool.settle()
        #expect(spool.files(spool.archive.rejected).contains { $0.hasSuffix("-again.toml.reason") })
    }

    @Test("superseded versions leave accepted/ once past the retention; the current one stays")
    func pruneSuperseded() throws {
        let spool = try SpoolFixture()
        try spool.drop("v1.toml", text: PlaylistFixtureText.text(version: 1))
        try spool.drop("other.toml", text: PlaylistFixtureText.text(id: "other"))
        spool.settle()
        spool.wallNow += 86_400
        try spool.drop("v2.toml", text: PlaylistFixtureText.text(version: 2))
        spool.settle()
        let accepted = { spool.files(spool.archive.accepted).filter { $0.hasSuffix(".toml") } }
        #expect(accepted().count == 3)
        // v1 was accepted a day ago: still inside a retention of 2 days.
        #expect(spool.watcher.pruneSuperseded(keepingDays: 2).isEmpty)
        spool.wallNow += 2 * 86_400
        // After a restart too (the versions are read again from accepted/).
        try spool.restart()
        let removed = spool.watcher.pruneSuperseded(keepingDays: 2)
        #expect(removed.count == 1 && removed[0].hasSuffix("-v1.toml"), "\(removed)")
        #expect(accepted().count == 2 && !spool.files(spool.archive.accepted).contains { $0.hasSuffix("-v1.toml.sig") })
        // The current versions stay however old, and v2 is still what is shown.
        spool.wallNow += 400 * 86_400
        #expect(spool.watcher.pruneSuperseded(keepingDays: 2).isEmpty)
        #expect(spool.watcher.store.entries["hall-news"]?.playlist.version == 2)
    }

    @Test("a stray file is moved to rejected/ with a reason, not left or ignored")
    func stray() throws {
        let spool = try SpoolFixture()
        try spool.directory.write("incoming/notes.txt", "hello")
        spool.settle()
        #expect(spool.files(spool.archive.incoming).isEmpty)
        #expect(spool.files(spool.archive.rejected).contains { $0.hasSuffix("-notes.txt.reason") })
    }

    @Test("after a restart the same playlists are active, and files left in incoming/ are processed")
    func restart() throws {
        let spool = try SpoolFixture()
        try spool.drop("a.toml", text: PlaylistFixtureText.text(id: "a"))
        try spool.drop("b.toml", text: PlaylistFixtureText.text(id: "b", version: 3))
        spool.settle()
        try spool.drop("c.toml", text: PlaylistFixtureText.text(id: "c"))  // arrives while "down"
        try spool.restart()
        spool.settle()
        let active = spool.watcher.store.active(at: PlaylistFixtureText.now).map { "\($0.id)@\($0.version)" }
        #expect(active == ["a@1", "b@3", "c@1"])
        #expect(spool.files(spool.archive.incoming).isEmpty)
    }

    @Test("a move a crash interrupted is completed at start: the signature joins its playlist")
    func interruptedMove() throws {
        let spool = try SpoolFixture()
        try spool.drop("news.toml", text: PlaylistFixtureText.text())
        // As if killed between the two renames: the playlist is archived, its signature is not.
        let archive = spool.archive
        try FileManager.default.moveItem(
            atPath: "\(archive.incoming)/news.toml", toPath: "\(archive.accepted)/20261125T020000Z-news.toml")
        try spool.restart()
        #expect(spool.files(archive.incoming).isEmpty)
        #expect(spool.files(archive.accepted) == ["20261125T020000Z-news.toml", "20261125T020000Z-news.toml.sig"])
        #expect(spool.watcher.store.entries["hall-news"] != nil)
    }
}

extension Array {
    var only: Element? { count == 1 ? first : nil }
}
