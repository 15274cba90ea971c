import Foundation
import GRDBSQLite
import LobbyCore

/// Applies the plan's actions to the hall and looks at the sign, the way a person standing in
/// the hall with the playlist in hand would.
struct SoakRun {
    let hall: SoakHall
    private(set) var ticks = 0
    private var decided: (items: [String], isOn: Bool)?
    private var decidedPages: [UInt64] = []

    init(hall: SoakHall) {
        self.hall = hall
    }

    mutating func apply(_ action: SoakPlan.Action, ledger: inout SoakLedger) throws {
        let now = hall.time.elapsed
        switch action {
        case .drop(let name, let text, _): try hall.drop(name: name, text: text)
        case .pullCable:
            hall.sign.pullCable()
            ledger.faultStarted(at: now)
        case .plugCable:
            hall.sign.plugCable()
            ledger.faultEnded(at: now)
        case .cutPower:
            hall.sign.cutPower()
            ledger.faultStarted(at: now)
        case .restorePower:
            hall.sign.restorePower()
            ledger.faultEnded(at: now)
        case .stepClock(let seconds): hall.time.stepWall(by: TimeInterval(seconds))
        }
    }

    /// Whether the sign is lit, and whether it shows the pages the player decided.
    mutating func observe() -> SoakLedger.Observation {
        ticks += 1
        let decision = hall.decision
        let key = (items: decision?.items ?? [], isOn: decision?.program != nil)
        if decided.map({ $0.items != key.items || $0.isOn != key.isOn }) ?? true {
            decided = key
            decidedPages = decision?.program?.pages.map(\.contentHash) ?? []
        }
        return SoakLedger.Observation(isLit: hall.sign.isLit, showsDecision: hall.sign.pageHashes == decidedPages)
    }
}

/// The process's memory: anonymous bytes from the kernel (the heap and thread stacks, where a
/// leak shows), of which SQLite's own allocations (its page cache grows with the database up to
/// its limit), and resident bytes (what `ps` shows, shared libraries included).
struct ProcessMemory {
    var anonymous: Int
    var sqlite: Int
    var resident: Int

    static func sample() -> ProcessMemory {
        let rollup = (try? String(contentsOfFile: "/proc/self/smaps_rollup", encoding: .utf8)) ?? ""
        func kilobytes(_ field: String) -> Int {
            let line = rollup.split(separator: "\n").first { $0.hasPrefix("\(field):") }
            return (line?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
        }
        return ProcessMemory(
            anonymous: kilobytes("Anonymous"), sqlite: Int(sqlite3_memory_used()), resident: kilobytes("Rss"))
    }
}
