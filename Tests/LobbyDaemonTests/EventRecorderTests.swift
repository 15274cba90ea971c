import Foundation
import GRDB
import LobbyCore
import LobbyDaemon
import LobbyStore
import LobbyTestSupport
import Testing

/// The event recorder's writer thread: callers never wait on SQLite, a burst is one transaction,
/// a failing log keeps a bounded backlog, and an operator's event is on disk or refused.
@Suite("Event recorder")
struct EventRecorderTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func at(_ second: Int) -> Date { start.addingTimeInterval(Double(second)) }

    @Test("while another process holds the database, record returns at once; a burst is then one transaction")
    func neverWaitsOnTheStore() throws {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/lobbyd.sqlite"
        let recorder = try EventRecorder(path: path, now: Self.start)
        recorder.record(.daemonStart, "started", at: Self.at(0))
        recorder.flush()
        // Another writer holds the lock (as `sqlite3` or a stuck backup would).
        var holding = GRDB.Configuration()
        holding.allowsUnsafeTransactions = true
        let blocker = try DatabaseQueue(path: path, configuration: holding)
        try blocker.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        for second in 1...500 {
            recorder.record(.frameShown, "tick \(second)", at: Self.at(second), level: .debug)
        }
        // Had any call waited on the lock, the loop would not have ended while it is held.
        #expect(recorder.unwritten.pending == 500)
        try blocker.inDatabase { try $0.execute(sql: "ROLLBACK") }
        recorder.flush()
        #expect(recorder.unwritten.pending == 0)
        let rows = try #require(recorder.log).events(limit: 1000)
        #expect(rows.map { $0.details["message"] } == ["started"] + (1...500).map { "tick \($0)" })
        // One anchor per transaction: the first event, then the burst in at most two.
        let writes = try AnchorFile(log: path).read().anchors.filter { $0.reason == .write }
        #expect(writes.count >= 2 && writes.count <= 3, "\(writes.count) transactions")
        recorder.close()
    }

    @Test(
        "a log that cannot be written keeps the newest events, counts the rest, refuses an operator's, and catches up")
    func degradedAndRecovered() throws {
        let directory = try TemporaryDirectory()
        // The state directory's place is taken by a file: nothing can be opened there.
        try directory.write("state", "not a directory")
        let path = "\(directory.path)/state/lobbyd.sqlite"
        let recorder = try EventRecorder(path: path, now: Self.start)
        #expect(recorder.degradedSince == Self.start && recorder.log == nil)
        let total = EventRecorder.maximumPending + 5
        for index in 0..<total {
            recorder.record(.frameShown, "event \(index)", at: Self.at(index), level: .debug)
        }
        // An operator's event is tried at once, with everything before it, and refused; once it
        // is answered the queue is in order again.
        #expect(throws: LobbyStoreError.self) {
            try recorder.recordDurably(.dailyCheck, "屏幕正常", actor: "1000:zhang", at: Self.at(total))
        }
        #expect(recorder.unwritten.pending == EventRecorder.maximumPending)
        #expect(recorder.unwritten.dropped == 5 && recorder.droppedEvents == 5)
        // The disk is back: the next write takes the whole backlog and the operator's event.
        try FileManager.default.removeItem(atPath: "\(directory.path)/state")
        try FileManager.default.createDirectory(atPath: "\(directory.path)/state", withIntermediateDirectories: true)
        try recorder.recordDurably(.dailyCheck, "屏幕正常", actor: "1000:zhang", at: Self.at(total + 1))
        #expect(recorder.degradedSince == nil && recorder.unwritten == (0, 0))
        let rows = try #require(recorder.log).events(limit: 20_000)
        #expect(rows.count == EventRecorder.maximumPending + 1)
        #expect(rows.first?.details["message"] == "event 5" && rows.last?.kind == "daily_check")
        #expect(recorder.droppedEvents == 5, "the total since start stays for the metrics")
        recorder.close()
    }

    @Test("close writes what is queued; what is recorded after it is counted as lost")
    func close() throws {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/lobbyd.sqlite"
        let recorder = try EventRecorder(path: path, now: Self.start)
        for second in 0..<50 { recorder.record(.frameShown, "tick \(second)", at: Self.at(second), level: .debug) }
        recorder.anchor(.stop, at: Self.at(50))
        recorder.close()
        #expect(try EventLog(path: path).events(limit: 100).count == 50)
        #expect(try AnchorFile(log: path).read().anchors.last?.reason == .stop)
        recorder.record(.daemonStop, "late", at: Self.at(51))
        #expect(recorder.unwritten.dropped == 1)
        #expect(throws: LobbyStoreError.self) {
            try recorder.recordDurably(.dailyCheck, "屏幕正常", actor: "1000:zhang", at: Self.at(52))
        }
    }
}
