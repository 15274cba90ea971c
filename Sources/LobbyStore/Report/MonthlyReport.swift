import Foundation
import LobbyCore

/// A stretch of time, `[start, end)`.
public struct Span: Sendable, Equatable {
    public var start: Date
    public var end: Date

    public var seconds: Double { max(0, end.timeIntervalSince(start)) }

    func clipped(to other: Span) -> Span? {
        let clipped = Span(start: max(start, other.start), end: min(end, other.end))
        return clipped.seconds > 0 ? clipped : nil
    }
}

extension [Span] {
    func total(within window: Span) -> Double {
        compactMap { $0.clipped(to: window) }.reduce(0) { $0 + $1.seconds }
    }

    /// The parts of `self` that `other` covers.
    func intersection(_ other: [Span]) -> [Span] {
        flatMap { span in other.compactMap { span.clipped(to: $0) } }
    }
}

/// One day of the monthly compliance report.
public struct DayReport: Sendable {
    /// Something noted on the day: maintenance or an override, with who and why.
    public struct Note: Sendable, Equatable {
        public var span: Span
        public var actor: String
        public var text: String
    }

    public var day: CalendarDay
    public var required: [Span]
    public var lit: [Span]
    /// Required time lost to a link down or a stopped daemon, with the cause.
    public var outages: [(span: Span, cause: String)]
    public var maintenance: [Note]
    public var overrides: [Note]
    /// Who recorded the daily upkeep (日常管护), and their note; `nil` when nobody did.
    public var dailyCheck: (actor: String, note: String)?

    public var requiredMinutes: Double { required.total(within: bounds) / 60 }
    public var litMinutes: Double { lit.total(within: bounds) / 60 }
    /// Lit time inside the required windows, as a share of the required time.
    public var coverage: Double? {
        let required = required.total(within: bounds)
        return required > 0 ? lit.intersection(self.required).total(within: bounds) / required : nil
    }
    public var outageMinutes: Double { outages.map(\.span).total(within: bounds) / 60 }
    public let bounds: Span
}

/// The month's report, built from the event log and the schedule.
public struct MonthlyReport: Sendable {
    public var year: Int
    public var month: Int
    public var days: [DayReport]
    public var timeZone: TimeZone
    /// Minutes shown per content category and per playlist (from proof of play), largest first.
    public var minutesByCategory: [(name: String, minutes: Double)] = []
    public var minutesByPlaylist: [(name: String, minutes: Double)] = []
    /// The last event row of the month and its chain hash, printed so that a paper copy can
    /// later be checked against the database (`lobbyctl verify-log`, `lobbyctl events`).
    public var chainHead: (row: Int64, hash: String)?

    public var requiredMinutes: Double { days.reduce(0) { $0 + $1.requiredMinutes } }
    public var litMinutes: Double { days.reduce(0) { $0 + $1.litMinutes } }
    public var outageMinutes: Double { days.reduce(0) { $0 + $1.outageMinutes } }
    public var missingDailyChecks: Int { days.filter { $0.day.isWorkday && $0.dailyCheck == nil }.count }
}
