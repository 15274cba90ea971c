import Foundation
import LobbyCore
import LobbyLink
import LobbyStore
import Testing

@testable import LobbyDaemon

/// The soak's figures: what the ledger counted and what lobbyd logged, side by side. The
/// `reliability: soak …` lines it prints are the ones RELIABILITY.md quotes.
struct SoakReport {
    /// The 90-day soak measures 3 KB a day, allocator noise. Earlier releases grew 11 KB a day
    /// (TOMLKit leaked 7.8 KB per validation) and, before that, 29 KB (a render cache that kept
    /// every version's pages): either would fail this bound.
    static let heapGrowthLimit = 6 * 1024

    let ledger: SoakLedger
    let plan: SoakPlan
    let ticks: Int
    let memory: [ProcessMemory]
    let acknowledged: Int
    let logged: Int
    let lost: Int
    let duplicated: Int
    let chain: EventLog.Verification
    let kinds: [String: Int]
    let proofSeconds: Double
    let proofRows: Int
    let unrecovered: Int
    let bytesToSign: Int
    let resyncs: Int

    init(hall: SoakHall, plan: SoakPlan, ledger: SoakLedger, ticks: Int, memory: [ProcessMemory]) throws {
        self.ledger = ledger
        self.plan = plan
        self.ticks = ticks
        self.memory = memory
        // The writer thread catches up with what the soak recorded.
        hall.state.recorder.flush()
        let log = try #require(hall.state.recorder.log, "the soak's event log is open")
        let rows = try log.events(limit: Int.max)
        let heard = hall.acknowledged.heard
        let stored = rows.map { row in
            EventRecord(
                ts: row.ts, kind: row.kind, actor: row.actor,
                detail: (try? JSONDecoder().decode([String: String].self, from: Data(row.detail.utf8))) ?? [:])
        }
        // Each acknowledged event must be in the log once, in the order it was recorded.
        var remaining = stored.map(EventTap.digest)[...]
        var lost = 0
        for event in heard {
            if let index = remaining.firstIndex(of: event) {
                remaining = remaining[(index + 1)...]
            } else {
                lost += 1
            }
        }
        self.lost = lost
        duplicated = stored.count - (heard.count - lost)
        acknowledged = heard.count
        logged = stored.count
        chain = try log.verify()
        kinds = Dictionary(grouping: stored, by: { $0.kind }).mapValues(\.count)
        let proof = stored.filter { $0.kind == EventKind.frameShown.rawValue }
        proofRows = proof.count
        proofSeconds = proof.reduce(0) { $0 + (Double($1.detail["seconds"] ?? "") ?? 0) }
        unrecovered = ledger.isInOutage ? 1 : 0
        bytesToSign = hall.sign.bytesReceived
        resyncs = hall.sign.resyncs
    }

    func count(_ kind: EventKind) -> Int { kinds[kind.rawValue] ?? 0 }

    var wrongSeconds: Double { ledger.days.values.reduce(0) { $0 + $1.wrongSeconds } }
    var litSeconds: Double { ledger.days.values.reduce(0) { $0 + $1.litSeconds } }
    var scheduledSeconds: Double { ledger.days.values.reduce(0) { $0 + $1.scheduledSeconds } }
    var outageSeconds: Double { ledger.days.values.reduce(0) { $0 + $1.outageSeconds } }
    var wrongDays: String {
        ledger.days.filter { $0.value.wrongSeconds > 0 }.sorted { $0.key < $1.key }
            .map { "\($0.key): \($0.value.wrongSeconds) s" }.joined(separator: ", ")
    }

    var longestRecovery: Duration { ledger.recoveries.max() ?? .zero }
    /// A blip is noticed at the next health probe; a pulled cable or a long cut at the next
    /// retry, at most the longest backoff after the fault ends; then one probe and the upload.
    var recoveryBound: Duration { .seconds(60) + SerialLink.maximumBackoff + .seconds(5) }

    /// Growth per day of the anonymous memory outside SQLite after the first week, when the
    /// soak is long enough to tell.
    var heapGrowthPerDay: Int? {
        guard memory.count >= 30 else { return nil }
        let (week, end) = (memory[7], memory[memory.count - 1])
        return ((end.anonymous - end.sqlite) - (week.anonymous - week.sqlite)) / (memory.count - 1 - 7)
    }

    func print(days: Int, start: LocalDate, seed: UInt64, took: Duration) {
        let first = TimeZone(identifier: "Asia/Shanghai")!.instant(of: start).addingTimeInterval(43_200)
        let kinds = (0..<days).map { ledger.hours.kind(of: first.addingTimeInterval(Double($0) * 86_400)) }
        let makeups = kinds.filter { $0 == .makeup }.count
        let workdays = kinds.filter { $0 == .workday }.count + makeups
        let holidays = kinds.filter { $0 == .holiday }.count
        let lines = [
            "\(days) days from \(start) (seed \(seed)): \(days * 86_400) s simulated in \(Int(took.inSeconds)) s, \(ticks) ticks",
            "calendar: \(workdays) workdays (\(makeups) make-up), \(holidays) holidays, \(days - workdays - holidays) weekend days",
            "screen: scheduled \(Int(scheduledSeconds)) s, lit \(Int(litSeconds)) s, in outages \(Int(outageSeconds)) s, wrong outside outages \(Int(wrongSeconds)) s",
            "faults: \(plan.count { $0 == .pullCable }) cables pulled, \(plan.count { $0 == .cutPower }) power cuts (\(plan.blips) blips), \(plan.count(\.isClockStep)) clock steps; recovered \(ledger.recoveries.count), unrecovered \(unrecovered), longest \(Int(longestRecovery.inSeconds)) s (bound \(Int(recoveryBound.inSeconds)) s)",
            "content: \(plan.count { $0.isDrop(valid: true) }) valid and \(plan.count { $0.isDrop(valid: false) }) invalid playlists dropped; accepted \(count(.playlistAccepted)), rejected \(count(.playlistRejected)); \(bytesToSign) bytes sent to the sign in \(resyncs) full re-syncs and the changes between",
            "events: acknowledged \(acknowledged), logged \(logged), lost \(lost), duplicated \(duplicated), chain \(chain); screen on/off \(count(.screenOn) + count(.screenOff)) (schedule changes \(ledger.transitions) + the first), link down \(count(.linkDown)) up \(count(.linkUp)), clock jumps \(count(.clockJump))",
            "proof of play: \(Int(proofSeconds)) s in \(proofRows) rows against \(Int(litSeconds)) s lit",
            memoryLine,
        ]
        for line in lines { Swift.print("reliability: soak \(line)") }
    }

    private var memoryLine: String {
        guard let first = memory.first, let last = memory.last else { return "memory: not sampled" }
        let growth =
            heapGrowthPerDay.map { "outside SQLite \($0 / 1024) KB a day after the first week" }
            ?? "too short a soak to judge"
        return
            "memory: anonymous \(first.anonymous / 1024) KB at day 1, \(last.anonymous / 1024) KB at the end, of which SQLite \(first.sqlite / 1024) → \(last.sqlite / 1024) KB (\(growth)); resident \(first.resident / 1_048_576) → \(last.resident / 1_048_576) MB"
    }
}
