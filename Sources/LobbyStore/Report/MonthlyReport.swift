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
    var totalSeconds: Double { reduce(0) { $0 + $1.seconds } }

    /// The parts of `self` that `other` covers.
    func intersection(_ other: [Span]) -> [Span] {
        flatMap { span in other.compactMap { span.clipped(to: $0) } }
    }

    /// The parts of `bounds` that `self` (sorted, disjoint) does not cover.
    func complement(within bounds: Span) -> [Span] {
        var gaps: [Span] = []
        var cursor = bounds.start
        for span in self {
            if span.start > cursor { gaps.append(Span(start: cursor, end: Swift.min(span.start, bounds.end))) }
            cursor = Swift.max(cursor, span.end)
        }
        if cursor < bounds.end { gaps.append(Span(start: cursor, end: bounds.end)) }
        return gaps.filter { $0.seconds > 0 }
    }
}

/// Why a required minute was not shown: one cause each, the first that applies in this order.
public enum OutageCause: String, Sendable, CaseIterable, Comparable {
    /// lobbyd was not running (未运行).
    case notRunning = "not_running"
    /// A maintenance period or a test pattern (维护).
    case maintenance
    /// An operator's override forced the screen off (人工关屏).
    case manualOff = "manual_off"
    /// The sign did not answer (通信中断).
    case linkDown = "link_down"
    /// The sign lost its content (power cut, reset) until lobbyd uploaded it again (控制卡复位).
    case signReset = "sign_reset"
    /// The sign refused part of an upload until it was sent again (控制卡拒收).
    case signRefused = "sign_refused"
    /// No approved content was valid (无可播内容).
    case noContent = "no_content"

    public static func < (lhs: OutageCause, rhs: OutageCause) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One day of the monthly compliance report.
public struct DayReport: Sendable {
    /// Whether the day counts: before the first start lobbyd was not in use; days after the
    /// report was made have not happened.
    public enum Status: Sendable, Equatable { case inService, notInService, future }

    /// Something noted on the day: maintenance, an override or a test pattern, with who and why.
    public struct Note: Sendable, Equatable {
        public var span: Span
        public var actor: String
        public var text: String
    }

    /// The designated person's daily upkeep (日常管护).
    public struct Check: Sendable, Equatable {
        public var date: Date
        public var actor: String
        public var note: String
    }

    /// Where the day's required windows came from.
    public enum RulesSource: Sendable, Equatable {
        /// `schedule_applied` records of that day.
        case logged
        /// The last record before the day: its configured windows, and the day as its calendar
        /// foresaw it (lobbyd did not run that day).
        case earlierRecord
        /// The calendar read now (lobbyd did not run for longer than a record foresees, or the
        /// log is from before records existed), with the last record's windows if there is one.
        case current
    }

    public var day: CalendarDay
    public var status: Status
    public var rules: AppliedSchedule
    public var rulesSource: RulesSource
    /// Rules applied later that day (a reload that changed the windows), from when.
    public var rulesChanges: [(at: Date, rules: AppliedSchedule)] = []
    public var required: [Span]
    /// Content on the panel: required time not lost to an outage, and an override's extra time.
    public var shown: [Span]
    /// Required time not shown, each with its cause.
    public var outages: [(span: Span, cause: OutageCause)]
    public var maintenance: [Note]
    public var overrides: [Note]
    public var testPatterns: [Note]
    public var dailyChecks: [Check]
    public let bounds: Span

    public var requiredMinutes: Double { required.totalSeconds / 60 }
    public var shownMinutes: Double { shown.totalSeconds / 60 }
    /// Shown time inside the required windows, as a share of the required time.
    public var coverage: Double? {
        let required = required.totalSeconds
        return required > 0 ? shown.intersection(self.required).totalSeconds / required : nil
    }
    public var outageMinutes: Double { outages.map(\.span).totalSeconds / 60 }
    public func outageMinutes(_ cause: OutageCause) -> Double {
        outages.filter { $0.cause == cause }.map(\.span).totalSeconds / 60
    }
    /// A workday in service with nobody's daily upkeep recorded.
    public var isMissingCheck: Bool { status == .inService && day.isWorkday && dailyChecks.isEmpty }
}

/// The month's report, built from the event log.
public struct MonthlyReport: Sendable {
    /// A playlist accepted in the month, with its approval record.
    public struct Publication: Sendable, Equatable {
        public var acceptedAt: Date
        public var record: PublicationRecord
    }

    /// A file the content office sent that was refused, with the reasons.
    public struct Rejection: Sendable, Equatable {
        public var date: Date
        public var file: String
        public var problems: String
        public var summary: String
    }

    /// Any other event an inspector asks about: refused commands, configuration and key changes,
    /// withdrawn playlists, tampering found.
    public struct Entry: Sendable, Equatable {
        public var date: Date
        public var kind: String
        public var actor: String
        public var message: String
    }

    /// How fresh the content was: the inspections flag 14 days without an update.
    public struct Freshness: Sendable, Equatable {
        /// The last acceptance at or before the month's end (or the report's time).
        public var lastUpdate: Date?
        /// The longest stretch without an acceptance that overlaps the month, in days.
        public var longestGapDays: Double
        public var longestGap: Span?
        public static let limitDays = 14.0
    }

    public var year: Int
    public var month: Int
    public var days: [DayReport]
    public var timeZone: TimeZone
    /// When the report was made; a month still running is reported up to this instant (截至).
    public var generatedAt: Date
    public var isPartial: Bool
    /// The first `daemon_start` in the log: days before it were not in service.
    public var inServiceSince: Date?
    public var publications: [Publication] = []
    public var rejections: [Rejection] = []
    public var freshness = Freshness(lastUpdate: nil, longestGapDays: 0)
    public var entries: [Entry] = []
    /// Minutes shown per content category and per playlist (from proof of play), largest first.
    public var minutesByCategory: [(name: String, minutes: Double)] = []
    public var minutesByPlaylist: [(name: String, minutes: Double)] = []
    /// The last event row of the month and its chain hash, printed so that a paper copy can
    /// later be checked against the database (`lobbyctl verify-log`, `lobbyctl events`).
    public var chainHead: (row: Int64, hash: String)?
    /// The hash chain checked from `verifiedFrom` to the log's last row: from the last anchor
    /// before the month and before every earlier row the report reads (or the start of the log,
    /// or its retention checkpoint, when there is none).
    public var verification: EventLog.Verification?
    public var verifiedFrom: Int64 = 1
    /// What the anchor file says the log contradicts (`lobbyctl verify-log`'s second check).
    public var anchorProblems: [String] = []

    /// The chain and its anchors hold: nothing was edited, removed or forged.
    public var isIntact: Bool {
        if case .broken? = verification { return false }
        return anchorProblems.isEmpty
    }

    public var inService: [DayReport] { days.filter { $0.status == .inService } }
    /// Minutes to the tenth, as every format prints them: the month's totals are sums of these,
    /// so that a printed column adds up to its total.
    static func tenths(_ minutes: Double) -> Double { (minutes * 10).rounded() / 10 }
    public var requiredMinutes: Double { days.reduce(0) { $0 + Self.tenths($1.requiredMinutes) } }
    public var shownMinutes: Double { days.reduce(0) { $0 + Self.tenths($1.shownMinutes) } }
    public var outageMinutes: Double { days.reduce(0) { $0 + Self.tenths($1.outageMinutes) } }
    public func outageMinutes(_ cause: OutageCause) -> Double {
        days.reduce(0) { $0 + Self.tenths($1.outageMinutes(cause)) }
    }
    public var coverage: Double? {
        let required = days.reduce(0) { $0 + $1.required.totalSeconds }
        return required > 0 ? days.reduce(0) { $0 + $1.shown.intersection($1.required).totalSeconds } / required : nil
    }
    public var missingDailyChecks: Int { days.filter(\.isMissingCheck).count }
    /// Emergency notices among the month's publications.
    public var emergencies: [(publication: Publication, item: PublicationRecord.Item)] {
        publications.flatMap { publication in
            publication.record.items.filter(\.isEmergency).map { (publication, $0) }
        }
    }
}

extension MonthlyReport {
    /// The month `text` names on `today` (hall time): `2026-11`; `本月` or `this` (so far);
    /// `上月` or `last`. `nil` for anything else, so the caller can say what is accepted.
    public static func month(_ text: String, today: LocalDate) -> (year: Int, month: Int)? {
        switch text {
        case "本月", "this": return (today.year, today.month)
        case "上月", "last": return today.month == 1 ? (today.year - 1, 12) : (today.year, today.month - 1)
        default:
            let fields = text.split(separator: "-", omittingEmptySubsequences: false)
            guard text.count == 7, fields.count == 2, fields[0].count == 4,
                fields.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
                let year = Int(fields[0]), let month = Int(fields[1]), (1...12).contains(month), year >= 2000
            else { return nil }
            return (year, month)
        }
    }
}
