import Foundation
import LobbyCore
import LobbyDaemon
import LobbyTestSupport
import Testing

/// The hardening review's findings against the spool (issue 23), one test each; the number is
/// the finding's. Each failed on the release before the fix.
@Suite("Spool hardening")
struct SpoolHardeningTests {
    /// 1: `a.a.a… = 1` with 150,000 parts and any `.sig` killed the daemon in the TOML parser,
    /// and every restart after it.
    @Test("1: the poisoned file is rejected, unsigned without being parsed, signed with a syntax error")
    func poisonedFile() throws {
        let spool = try SpoolFixture()
        let poison = "a" + String(repeating: ".a", count: 150_000) + " = 1\n"
        try AtomicFile.write(Array("not a signature".utf8), to: "\(spool.archive.incoming)/p.toml.sig")
        try AtomicFile.write(Array(poison.utf8), to: "\(spool.archive.incoming)/p.toml")
        try spool.drop("q.toml", text: poison)
        spool.settle()
        #expect(spool.files(spool.archive.incoming).isEmpty)
        let reasons = try spool.reasons()
        #expect(reasons.count == 2)
        let unsigned = try #require(reasons.first { $0.key.hasSuffix("-p.toml.reason") }?.value)
        #expect(unsigned.contains("[签名]") && !unsigned.contains("[文件格式]"))
        let signed = try #require(reasons.first { $0.key.hasSuffix("-q.toml.reason") }?.value)
        #expect(signed.contains("[文件格式]") && signed.contains("名称最多由 32 段组成"))
    }

    /// 1 (poison-pill rule): a file being processed when the daemon died is never processed again.
    @Test("1: the file a crash interrupted is quarantined at the next start, with a reason and an event")
    func poisonPill() throws {
        let spool = try SpoolFixture()
        try spool.drop("crasher.toml", text: PlaylistFixtureText.text())
        try AtomicFile.write(Array("incoming/crasher.toml".utf8), to: "\(spool.directory.path)/.processing")
        try spool.restart()
        #expect(spool.files(spool.archive.incoming).isEmpty)
        let reason = try #require(try spool.reasons().first { $0.key.hasSuffix("-crasher.toml.reason") }?.value)
        #expect(reason.contains("崩溃或被强制终止"))
        #expect(spool.files(spool.archive.rejected).contains { $0.hasSuffix("-crasher.toml.sig") })
        #expect(spool.events.contains { if case .rejected = $0 { true } else { false } })
        #expect(spool.watcher.store.entries.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(spool.directory.path)/.processing"))
    }

    /// 2: a FIFO named `x.reason` blocked the control threads; a link `leak.reason → /etc/shadow`
    /// showed its target to an operator.
    @Test("2: a FIFO or a symbolic link is moved to rejected/ and never opened as a file")
    func fifoAndLink() throws {
        let spool = try SpoolFixture()
        #expect(mkfifo("\(spool.archive.incoming)/x.reason", 0o644) == 0)
        #expect(symlink("/etc/hostname", "\(spool.archive.incoming)/leak.reason") == 0)
        spool.settle()
        #expect(spool.files(spool.archive.incoming).isEmpty)
        let fifo = try #require(spool.files(spool.archive.rejected).first { $0.hasSuffix("-x.reason") })
        let link = try #require(spool.files(spool.archive.rejected).first { $0.hasSuffix("-leak.reason") })
        #expect {
            try BoundedFile.read("\(spool.archive.rejected)/\(fifo)", limit: 1_024, links: .refuse)
        } throws: { ($0 as? BoundedFile.Failure) == .notRegular(kind: "一个命名管道（FIFO）") }
        #expect {
            try BoundedFile.read("\(spool.archive.rejected)/\(link)", limit: 1_024, links: .refuse)
        } throws: { ($0 as? BoundedFile.Failure) == .symbolicLink }
    }

    /// 3: two different playlists under one name within a second: one vanished after a restart.
    @Test("3: two different files under one name in the same second are both archived and both restored")
    func sameNameSameSecond() throws {
        let spool = try SpoolFixture()
        let second = timespec(tv_sec: 1_795_000_000, tv_nsec: 0)
        for id in ["first", "second"] {
            try spool.drop("news.toml", text: PlaylistFixtureText.text(id: id))
            for name in ["news.toml", "news.toml.sig"] {
                utimensat(AT_FDCWD, "\(spool.archive.incoming)/\(name)", [second, second], 0)
            }
            spool.settle()
        }
        // And two rejected files the same way: both reasons survive.
        for category in ["ads", "shop"] {
            try spool.drop("bad.toml", text: PlaylistFixtureText.text(category: category))
            utimensat(AT_FDCWD, "\(spool.archive.incoming)/bad.toml", [second, second], 0)
            spool.settle()
        }
        #expect(spool.files(spool.archive.accepted).filter { $0.hasSuffix("-news.toml") }.count == 2)
        #expect(try spool.reasons().filter { $0.key.hasSuffix("-bad.toml.reason") }.count == 2)
        try spool.restart()
        #expect(Set(spool.watcher.store.entries.keys) == ["first", "second"])
    }

    /// 4: v1 valid to 2027, then v2 that expires; after a restart v1 was on the air again.
    @Test("4: after a restart an id never goes back to a superseded version")
    func versionNeverGoesBack() throws {
        let spool = try SpoolFixture()
        try spool.drop("v1.toml", text: PlaylistFixtureText.text(version: 1))
        spool.settle()
        let shortLived = PlaylistFixtureText.text(version: 2).replacingOccurrences(
            of: "valid_until = 2026-12-31T23:59:59", with: "valid_until = 2026-11-26T00:00:00")
        try spool.drop("v2.toml", text: shortLived)
        spool.settle()
        #expect(spool.watcher.store.entries["hall-news"]?.playlist.version == 2)
        spool.wallNow += 3 * 86_400
        try spool.restart()
        #expect(spool.watcher.store.entries["hall-news"]?.playlist.version == 2)
        #expect(spool.watcher.store.active(at: spool.wallNow).isEmpty)
        // Even with v2's file gone, the version floor persists.
        for name in spool.files(spool.archive.accepted) where name.contains("-v2.toml") {
            try FileManager.default.removeItem(atPath: "\(spool.archive.accepted)/\(name)")
        }
        try spool.restart()
        #expect(spool.watcher.store.entries["hall-news"] == nil)
    }

    /// 5: a 2 GB file was read whole before the size check (RSS 4.2 GB); the `.sig` unbounded too.
    @Test("5: a 2 GB playlist or signature is refused by its size before it is read")
    func hugeFiles() throws {
        let spool = try SpoolFixture()
        for (name, sparse) in [("big.toml", "big.toml"), ("bigsig.toml", "bigsig.toml.sig")] {
            if name == "bigsig.toml" {
                try AtomicFile.write(Array("x = 1\n".utf8), to: "\(spool.archive.incoming)/\(name)")
            }
            let descriptor = open("\(spool.archive.incoming)/\(sparse).tmp", O_WRONLY | O_CREAT, 0o644)
            #expect(ftruncate(descriptor, 2 << 30) == 0)
            close(descriptor)
            if name == "big.toml" {
                try AtomicFile.write(Array("sig".utf8), to: "\(spool.archive.incoming)/big.toml.sig")
            }
            rename("\(spool.archive.incoming)/\(sparse).tmp", "\(spool.archive.incoming)/\(sparse)")
        }
        let clock = ContinuousClock()
        let elapsed = clock.measure { spool.settle() }
        #expect(elapsed < .seconds(2))
        let reasons = try spool.reasons()
        #expect(
            reasons.first { $0.key.hasSuffix("-big.toml.reason") }?.value.contains("文件有 2147483648 字节，最多") == true)
        #expect(
            reasons.first { $0.key.hasSuffix("-bigsig.toml.reason") }?.value.contains(
                "bigsig.toml.sig: [文件大小] 无法读取：文件有 2147483648 字节，最多读取 16384 字节")
                == true)
    }

    /// 7: after kill -9 loops some accepted playlists had no event; `.tmp` files were left behind.
    @Test("7: the acceptance event is written before the file moves; leftover temporary files are removed at start")
    func eventBeforeMove() throws {
        let spool = try SpoolFixture()
        var stillInIncoming: Bool?
        spool.onEvent = { event in
            if case .accepted = event {
                stillInIncoming = FileManager.default.fileExists(atPath: "\(spool.archive.incoming)/news.toml")
            }
        }
        try spool.drop("news.toml", text: PlaylistFixtureText.text())
        spool.settle()
        #expect(stillInIncoming == true)
        let leftover = "\(spool.archive.rejected)/.x.toml.reason.4242.tmp"
        try AtomicFile.write(Array("partial".utf8), to: leftover)
        try spool.restart()
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }

    /// 8: 5,000 renames overflowed the inotify queue and 746 files stayed in incoming/ for ever.
    @Test("8: when the kernel's event queue overflows, every file in incoming/ is still handled")
    func queueOverflow() throws {
        let spool = try SpoolFixture()
        let limit =
            Int(
                try String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 16_384
        // Temporary names cost the watcher nothing but fill the kernel's queue (two events each).
        for index in 0...(limit / 2 + 1) {
            let descriptor = open("\(spool.archive.incoming)/.fill\(index).tmp", O_WRONLY | O_CREAT, 0o644)
            close(descriptor)
        }
        for index in 0..<5 { try spool.drop("n\(index).toml", text: PlaylistFixtureText.text(id: "n\(index)")) }
        try AtomicFile.write(Array("x".utf8), to: "\(spool.archive.incoming)/stray.txt")
        spool.settle()
        #expect(spool.watcher.store.entries.count == 5)
        #expect(spool.files(spool.archive.incoming).filter { !$0.hasPrefix(".") }.isEmpty)
    }

    /// 13: a revoked key and `reload`: its content stayed on the air until a restart, then
    /// disappeared without an event.
    @Test(
        "13: a reload that revokes a key takes its content off the screen at once, with an event; trusted again, it returns"
    )
    func revocationOnReload() throws {
        let spool = try SpoolFixture()
        try spool.drop("news.toml", text: PlaylistFixtureText.text())
        spool.settle()
        #expect(spool.watcher.store.entries["hall-news"] != nil)
        let approvers = spool.approvers
        let validator = try spool.makeValidator(
            trust: TrustStore(
                keys: approvers.keys.map(\.publicKey),
                revoked: [.init(keyID: approvers.publisher.publicKey.keyID, date: nil, reason: "laptop stolen")],
                roster: approvers.roster))
        try spool.watcher.reload(validator: validator)
        #expect(spool.watcher.store.entries["hall-news"] == nil)
        #expect(spool.events.contains { if case .withdrawn = $0 { true } else { false } })
        // The file stays in accepted/: a key revoked by mistake is not a loss for good.
        #expect(spool.files(spool.archive.accepted).count == 2)
        try spool.watcher.reload(validator: try spool.makeValidator(trust: approvers.trust))
        #expect(spool.watcher.store.entries["hall-news"]?.playlist.version == 1)
        // A restart with the key revoked keeps it off the screen, and says so again.
        spool.events = []
        try spool.restart(validator: validator)
        #expect(spool.watcher.store.entries["hall-news"] == nil)
        #expect(spool.events.contains { if case .withdrawn = $0 { true } else { false } })
    }

    /// 15: names of 245+ characters, FIFOs, directories named `x.toml`, files created in place
    /// stayed in incoming/ for ever with no reason and no event.
    @Test(
        "15: a long name, a FIFO or a directory named x.toml, an empty file and a name that is not UTF-8 each get a reason and an event"
    )
    func entriesThatCannotBeRead() throws {
        let spool = try SpoolFixture()
        // 245 bytes, its signature 249: too long for a temporary name, so written in place.
        let long = String(repeating: "长", count: 80) + ".toml"
        let text = Array(PlaylistFixtureText.text(id: "long").utf8)
        try writeInPlace("\(spool.archive.incoming)/\(long).sig", Array(spool.approvers.sheet(for: text).utf8))
        try writeInPlace("\(spool.archive.incoming)/\(long)", text)
        #expect(mkfifo("\(spool.archive.incoming)/fifo.toml", 0o644) == 0)
        #expect(mkdir("\(spool.archive.incoming)/dir.toml", 0o755) == 0)
        let descriptor = open("\(spool.archive.incoming)/empty.toml", O_WRONLY | O_CREAT, 0o644)
        close(descriptor)
        // A name that is not UTF-8 (Latin-1 from an old Windows share).
        let latin1 = Array(spool.archive.incoming.utf8) + Array("/caf".utf8) + [0xE9] + Array(".toml".utf8) + [0]
        let raw = latin1.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(raw >= 0)
        close(raw)
        spool.settle()
        spool.monotonicNow += .seconds(30)
        spool.watcher.runOnce(timeout: .zero)
        #expect(spool.files(spool.archive.incoming).isEmpty)
        #expect(spool.watcher.store.entries["long"] != nil)
        let reasons = try spool.reasons()
        #expect(reasons.first { $0.key.hasSuffix("-fifo.toml.reason") }?.value.contains("命名管道") == true)
        #expect(reasons.first { $0.key.hasSuffix("-dir.toml.reason") }?.value.contains("一个目录") == true)
        #expect(reasons.first { $0.key.hasSuffix("-empty.toml.reason") } != nil)
        #expect(reasons.first { $0.key.hasSuffix("-caf?.toml.badname.reason") } != nil, "\(reasons.keys.sorted())")
        #expect(spool.events.count == 5)
    }
}

/// Writes a file under its final name, as a careless copy does.
func writeInPlace(_ path: String, _ bytes: [UInt8]) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    try #require(descriptor >= 0, "cannot create \(path): \(String(cString: strerror(errno)))")
    defer { close(descriptor) }
    try #require(bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == bytes.count)
}

extension SpoolFixture {
    /// Every reason file in rejected/, by name.
    func reasons() throws -> [String: String] {
        var reasons: [String: String] = [:]
        for name in files(archive.rejected) where name.hasSuffix(".reason") {
            reasons[name] = try String(contentsOfFile: "\(archive.rejected)/\(name)", encoding: .utf8)
        }
        return reasons
    }
}

/// Findings of the review of issue 23 against the spool.
@Suite("Spool hardening, review")
struct SpoolReviewTests {
    @Test("an acceptance that cannot be recorded waits in incoming/, and goes on once it can")
    func acceptanceWaitsForItsRecord() throws {
        let spool = try SpoolFixture()
        spool.recording = false
        try spool.drop("news.toml", text: PlaylistFixtureText.text())
        spool.settle()
        #expect(spool.watcher.store.entries.isEmpty)
        #expect(spool.files(spool.archive.incoming) == ["news.toml", "news.toml.sig"])
        spool.recording = true
        spool.monotonicNow += .seconds(30)
        spool.watcher.runOnce(timeout: .zero)
        #expect(spool.watcher.store.entries["hall-news"] != nil)
        #expect(spool.files(spool.archive.incoming).isEmpty)
    }

    @Test(
        "a hard link (no close event), a file that failed, and a temporary file left an hour are taken up by the rescan"
    )
    func rescan() throws {
        let spool = try SpoolFixture()
        let outside = try TemporaryDirectory()
        let text = Array(PlaylistFixtureText.text().utf8)
        try AtomicFile.write(Array(spool.approvers.sheet(for: text).utf8), to: "\(outside.path)/n.toml.sig")
        try AtomicFile.write(text, to: "\(outside.path)/n.toml")
        #expect(link("\(outside.path)/n.toml.sig", "\(spool.archive.incoming)/n.toml.sig") == 0)
        #expect(link("\(outside.path)/n.toml", "\(spool.archive.incoming)/n.toml") == 0)
        try AtomicFile.write([0x78], to: "\(spool.archive.incoming)/left.part")
        let old = timespec(tv_sec: time(nil) - 7_200, tv_nsec: 0)
        for name in ["n.toml", "n.toml.sig", "left.part"] {
            utimensat(AT_FDCWD, "\(spool.archive.incoming)/\(name)", [old, old], 0)
        }
        spool.settle()
        #expect(spool.files(spool.archive.incoming).count == 3, "a hard link announces nothing")
        spool.monotonicNow += .seconds(61)
        spool.watcher.runOnce(timeout: .zero)
        spool.watcher.runOnce(timeout: .zero)
        #expect(spool.watcher.store.entries["hall-news"] != nil)
        #expect(spool.files(spool.archive.incoming).isEmpty)
        #expect(try spool.reasons().contains { $0.key.hasSuffix("-left.part.reason") })
    }

    @Test("a name of 250 bytes is archived with a reason (the temporary name fits too)")
    func nameOf250Bytes() throws {
        let spool = try SpoolFixture()
        let name = String(repeating: "a", count: 245) + ".toml"
        try writeInPlace("\(spool.archive.incoming)/\(name)", Array("x = 1\n".utf8))
        spool.settle()
        spool.monotonicNow += .seconds(30)
        spool.watcher.runOnce(timeout: .zero)
        #expect(spool.files(spool.archive.incoming).isEmpty)
        #expect(try spool.reasons().count == 1)
    }
}
