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

    /// Lives `days` of the hall: moves the clocks to the next whole second, the link's next timer
    /// or the plan's next step, whichever comes first; applies the plan; ticks the player and the
    /// link; books what the sign showed. Returns the process's memory at the end of each day.
    mutating func live(days: Int, plan: SoakPlan, ledger: inout SoakLedger) throws -> [ProcessMemory] {
        let began = ContinuousClock.now
        let total = Duration.seconds(86_400 * days)
        var pending = plan.steps[...]
        var nextTick = Duration.zero
        var linkDue = Duration.zero
        var observation = observe()
        var memory: [ProcessMemory] = []
        while hall.time.elapsed < total {
            let target = min(nextTick, linkDue, pending.first?.at ?? total, total)
            ledger.account(from: hall.time.elapsed, to: target, wallAtFrom: hall.time.wall, observation)
            let day = Int(target.components.seconds / 86_400)
            if day > Int(hall.time.elapsed.components.seconds / 86_400) {
                memory.append(ProcessMemory.sample())
                if day % 10 == 0 {
                    print("soak: day \(day) of \(days) done after \(Int((ContinuousClock.now - began).inSeconds)) s")
                }
            }
            hall.time.advance(to: target)
            hall.sign.passTime()
            while let step = pending.first, step.at <= target {
                pending.removeFirst()
                try apply(step.action, ledger: &ledger)
            }
            ledger.noteTick(at: hall.time.wall)
            let (before, wallBefore) = (hall.time.elapsed, hall.time.wall)
            let sleep = hall.tick()
            // A read that waited for a silent sign let time pass; the sign showed what it showed.
            ledger.account(from: before, to: hall.time.elapsed, wallAtFrom: wallBefore, observation)
            linkDue = hall.time.elapsed + sleep
            observation = observe()
            ledger.check(
                observation, at: hall.time.elapsed, wall: hall.time.wall, linkReady: hall.link.status.state == .ready)
            while nextTick <= hall.time.elapsed { nextTick += .seconds(1) }
        }
        hall.finish()
        memory.append(ProcessMemory.sample())
        return memory
    }

    private mutating func apply(_ action: SoakPlan.Action, ledger: inout SoakLedger) throws {
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
    private mutating func observe() -> SoakLedger.Observation {
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
