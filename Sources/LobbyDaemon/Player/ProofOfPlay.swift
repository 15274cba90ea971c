import Foundation
import LobbyCore

/// Proof of play, aggregated per item per hour (not a row per frame): while the screen is lit,
/// each tick's time is shared among the rotation's items by their number of pages (the sign
/// gives each page the same hold time). When the hour changes the hour's totals are handed out.
public struct ProofOfPlay: Sendable {
    /// One item's time on screen in one hour.
    public struct Tally: Sendable, Equatable {
        public var item: String
        public var category: String
        public var hourStart: Date
        public var seconds: Double
    }

    private var hourStart: Date?
    private var seconds: [String: (category: String, seconds: Double)] = [:]
    private let zone: TimeZone

    public init(zone: TimeZone) {
        self.zone = zone
    }

    /// Adds `elapsed` seconds lit at `instant`, shared by `items` (key, category, pages); returns
    /// the previous hour's tallies when `instant` starts a new hour.
    public mutating func record(
        _ elapsed: Double, at instant: Date, items: [(key: String, category: String, pages: Int)]
    ) -> [Tally] {
        let hour = startOfHour(instant)
        var finished: [Tally] = []
        if let current = hourStart, current != hour { finished = flush() }
        hourStart = hour
        let pages = items.reduce(0) { $0 + $1.pages }
        guard elapsed > 0, pages > 0 else { return finished }
        for item in items {
            seconds[item.key, default: (item.category, 0)].seconds += elapsed * Double(item.pages) / Double(pages)
        }
        return finished
    }

    /// The current hour's tallies so far (at shutdown), and a fresh start.
    public mutating func flush() -> [Tally] {
        defer { seconds = [:] }
        guard let hourStart else { return [] }
        return seconds.sorted { $0.key < $1.key }.map {
            Tally(item: $0.key, category: $0.value.category, hourStart: hourStart, seconds: $0.value.seconds)
        }
    }

    private func startOfHour(_ instant: Date) -> Date {
        let local = zone.localTime(of: instant)
        return zone.instant(of: local.date, secondOfDay: Double(Int(local.secondOfDay) / 3600 * 3600))
    }
}
