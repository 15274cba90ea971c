import Foundation
import LobbyCore

extension MonthlyReport {
    /// What a report is built from, as `EventLog.monthlyReport` reads it.
    public struct Inputs: Sendable {
        public var year: Int
        public var month: Int
        /// The configuration and calendar read now: only for days no record describes.
        public var schedule: Schedule
        /// What the events before the month say was true when it began.
        public var initial = ScreenFacts()
        /// The month's events, oldest first.
        public var events: [StoredEvent] = []
        /// The last `schedule_applied` before the month.
        public var previousRules: AppliedSchedule?
        /// The first `daemon_start` in the log.
        public var inServiceSince: Date?
        /// The last acceptance before the month.
        public var previousUpdate: Date?
        /// A maintenance period open when the month began: who opened it and why.
        public var openMaintenance: (actor: String, note: String)?
        public var generatedAt: Date

        public init(year: Int, month: Int, schedule: Schedule, generatedAt: Date) {
            self.year = year
            self.month = month
            self.schedule = schedule
            self.generatedAt = generatedAt
        }
    }

    /// Builds the report from the month's events: every required minute is shown or an outage
    /// with one cause; required minutes come from the rules logged then (`schedule_applied`).
    public static func build(_ inputs: Inputs) -> MonthlyReport {
        let zone = inputs.schedule.timeZone
        let first = LocalDate(year: inputs.year, month: inputs.month, day: 1)!
        let next = first.firstOfNextMonth
        let bounds = Span(start: zone.instant(of: first), end: zone.instant(of: next))
        let events = inputs.events.filter { $0.date.map { $0 >= bounds.start && $0 < bounds.end } ?? false }
        let segments = replay(events, initial: inputs.initial, within: bounds)
        let notes = Notes(events: events, bounds: bounds, openMaintenance: inputs.openMaintenance)
        let rules = events.compactMap { event -> (date: Date, rules: AppliedSchedule)? in
            guard event.kind == EventKind.scheduleApplied.rawValue, let date = event.date,
                let rules = AppliedSchedule(detail: event.details)
            else { return nil }
            return (date, rules)
        }
        var previousRules = inputs.previousRules
        let now = inputs.generatedAt
        let days = (first.dayNumber..<next.dayNumber).map { dayNumber -> DayReport in
            let date = LocalDate(dayNumber: dayNumber)
            let dayBounds = Span(start: zone.instant(of: date), end: zone.instant(of: date.adding(days: 1)))
            let today = rules.filter { $0.rules.day.date == date }
            let (applied, source): (AppliedSchedule, DayReport.RulesSource) =
                if let logged = today.first?.rules {
                    (logged, .logged)
                } else if let previousRules, let foreseen = previousRules.foresaw(date) {
                    (previousRules.applied(to: foreseen), .earlierRecord)
                } else if let previousRules {
                    (previousRules.applied(to: inputs.schedule.calendar.day(date)), .current)
                } else {
                    (AppliedSchedule(schedule: inputs.schedule, date: date), .current)
                }
            // The last record itself, so its calendar's days ahead serve the days that follow.
            previousRules = today.last?.rules ?? previousRules
            let status: DayReport.Status =
                if dayBounds.start >= now {
                    .future
                } else if let since = inputs.inServiceSince, since < dayBounds.end {
                    .inService
                } else {
                    .notInService
                }
            // Counted from the first start (the day lobbyd was installed) up to the report's time.
            let counted = Span(
                start: max(dayBounds.start, inputs.inServiceSince ?? dayBounds.end), end: min(dayBounds.end, now))
            let required =
                status == .inService
                ? requiredSpans(date: date, applied: applied, changes: today.dropFirst(), zone: zone)
                    .compactMap { $0.clipped(to: counted) } : []
            var shown: [Span] = []
            var outages: [(span: Span, cause: OutageCause)] = []
            if status == .inService {
                let others = required.complement(within: counted)
                for segment in segments {
                    for piece in [segment.span].intersection(required) {
                        if let cause = segment.facts.cause(at: piece.start) {
                            outages.append((piece, cause))
                        } else {
                            shown.append(piece)
                        }
                    }
                    for piece in [segment.span].intersection(others)
                    where segment.facts.isShownOutsideWindows(at: piece.start) {
                        shown.append(piece)
                    }
                }
            }
            /// Notes that began this day (an instant such as a clear, too).
            func within(_ notes: [DayReport.Note]) -> [DayReport.Note] {
                notes.filter { $0.span.start >= dayBounds.start && $0.span.start < dayBounds.end }
            }
            return DayReport(
                day: applied.day, status: status, rules: applied, rulesSource: source,
                rulesChanges: today.dropFirst().map { ($0.date, $0.rules) }, required: required,
                shown: merge(shown.sorted { $0.start < $1.start }), outages: mergeOutages(outages),
                maintenance: within(notes.maintenance), overrides: within(notes.overrides),
                testPatterns: within(notes.testPatterns),
                dailyChecks: notes.dailyChecks.filter { $0.date >= dayBounds.start && $0.date < dayBounds.end },
                bounds: dayBounds)
        }
        var report = MonthlyReport(
            year: inputs.year, month: inputs.month, days: days, timeZone: zone, generatedAt: now,
            isPartial: now < bounds.end, inServiceSince: inputs.inServiceSince)
        report.publications = notes.publications
        report.rejections = notes.rejections
        report.entries = notes.entries
        report.freshness = freshness(
            updates: notes.publications.map(\.acceptedAt), before: inputs.previousUpdate,
            within: Span(
                start: max(bounds.start, min(inputs.inServiceSince ?? bounds.end, bounds.end)),
                end: min(bounds.end, max(now, bounds.start))))
        return report
    }

    /// The day's required spans: the first record's windows from midnight, each later record's
    /// (a reload that changed them) from when it was applied.
    static func requiredSpans(
        date: LocalDate, applied: AppliedSchedule, changes: ArraySlice<(date: Date, rules: AppliedSchedule)>,
        zone: TimeZone
    ) -> [Span] {
        let dayEnd = zone.instant(of: date.adding(days: 1))
        var pieces = [(from: zone.instant(of: date), rules: applied)]
        pieces += changes.map { ($0.date, $0.rules) }
        return pieces.enumerated().flatMap { index, piece -> [Span] in
            let until = index + 1 < pieces.count ? pieces[index + 1].from : dayEnd
            let part = Span(start: piece.from, end: until)
            return piece.rules.windows.compactMap { window in
                Span(
                    start: zone.instant(of: date, secondOfDay: Double(window.start * 60)),
                    end: zone.instant(of: date, secondOfDay: Double(window.end * 60))
                ).clipped(to: part)
            }
        }
    }

    /// The month cut where anything changes (an event, an override or test pattern running
    /// out), each piece with the facts that held over it.
    static func replay(_ events: [StoredEvent], initial: ScreenFacts, within bounds: Span) -> [(
        span: Span, facts: ScreenFacts
    )] {
        var facts = initial
        var cursor = bounds.start
        var segments: [(span: Span, facts: ScreenFacts)] = []
        /// The last record of the run in progress: the proof it was still running then.
        var lastSign = bounds.start
        func advance(to end: Date) {
            while cursor < end {
                let stop = min(end, facts.nextExpiry(after: cursor) ?? end)
                segments.append((Span(start: cursor, end: stop), facts))
                cursor = stop
            }
        }
        for event in events {
            guard let date = event.date else { continue }
            advance(to: date)
            if event.kind == EventKind.daemonStart.rawValue && facts.running {
                // The run before ended without `daemon_stop` (killed, or the power failed): it is
                // counted as running only up to its last record.
                segments = notRunning(segments, after: lastSign)
            }
            facts.apply(event, at: date)
            lastSign = date
        }
        advance(to: bounds.end)
        return segments
    }

    /// `segments` with everything after `instant` marked as lobbyd not running.
    static func notRunning(_ segments: [(span: Span, facts: ScreenFacts)], after instant: Date) -> [(
        span: Span, facts: ScreenFacts
    )] {
        segments.flatMap { segment -> [(span: Span, facts: ScreenFacts)] in
            guard segment.span.end > instant else { return [segment] }
            var stopped = segment.facts
            (stopped.running, stopped.linkUp) = (false, false)
            guard segment.span.start < instant else { return [(segment.span, stopped)] }
            return [
                (Span(start: segment.span.start, end: instant), segment.facts),
                (Span(start: instant, end: segment.span.end), stopped),
            ]
        }
    }

    /// The longest stretch without an update that overlaps `within`, and the last update.
    static func freshness(updates: [Date], before previous: Date?, within: Span) -> Freshness {
        // Each gap starts at an update (or at the month's start when none came before it) and
        // ends at the next one (or at the report's end).
        let starts = (previous == nil ? [within.start] : []) + ([previous].compactMap { $0 } + updates).sorted()
        let gaps = starts.indices.map { index in
            Span(start: starts[index], end: index + 1 < starts.count ? starts[index + 1] : within.end)
        }
        let longest = gaps.filter { $0.end > within.start }.max { $0.seconds < $1.seconds }
        return Freshness(
            lastUpdate: ([previous].compactMap { $0 } + updates).filter { $0 < within.end }.max(),
            longestGapDays: (longest?.seconds ?? 0) / 86_400, longestGap: longest)
    }

    static func merge(_ spans: [Span]) -> [Span] {
        spans.reduce(into: []) { merged, span in
            if let last = merged.last, last.end >= span.start {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
    }

    static func mergeOutages(_ outages: [(span: Span, cause: OutageCause)]) -> [(span: Span, cause: OutageCause)] {
        outages.sorted { $0.span.start < $1.span.start }.reduce(into: []) { merged, outage in
            if let last = merged.last, last.cause == outage.cause, last.span.end == outage.span.start {
                merged[merged.count - 1].span.end = outage.span.end
            } else {
                merged.append(outage)
            }
        }
    }
}

/// What the month's events say beyond the minutes: notes, publications, rejections and the
/// other entries an inspector asks about.
private struct Notes {
    var maintenance: [DayReport.Note] = []
    var overrides: [DayReport.Note] = []
    var testPatterns: [DayReport.Note] = []
    var dailyChecks: [DayReport.Check] = []
    var publications: [MonthlyReport.Publication] = []
    var rejections: [MonthlyReport.Rejection] = []
    var entries: [MonthlyReport.Entry] = []

    init(events: [StoredEvent], bounds: Span, openMaintenance open: (actor: String, note: String)?) {
        var openMaintenance: (Date, String, String)? = open.map { (bounds.start, $0.actor, $0.note) }
        for event in events {
            guard let date = event.date else { continue }
            let detail = event.details
            let note = detail["note"] ?? detail["reason"] ?? ""
            switch EventKind(rawValue: event.kind) {
            case .maintenanceStart?:
                openMaintenance = (date, event.actor, note)
            case .maintenanceEnd?:
                let (start, actor, text) = openMaintenance ?? (bounds.start, event.actor, note)
                let ending = note.isEmpty || note == text ? text : "\(text)；\(note)"
                maintenance.append(DayReport.Note(span: Span(start: start, end: date), actor: actor, text: ending))
                openMaintenance = nil
            case .override?:
                let until = detail["until"].flatMap(EventTime.parseDetail) ?? date
                overrides.append(
                    DayReport.Note(
                        span: Span(start: date, end: until), actor: event.actor,
                        text: "\(detail["state"] ?? "")\t\(note)"))
            case .testPattern?:
                let minutes = Double(detail["minutes"] ?? "") ?? 0
                testPatterns.append(
                    DayReport.Note(
                        span: Span(start: date, end: date.addingTimeInterval(minutes * 60)), actor: event.actor,
                        text: detail["pattern"] ?? ""))
            case .dailyCheck?:
                dailyChecks.append(DayReport.Check(date: date, actor: event.actor, note: note))
            case .playlistAccepted?:
                if let record = PublicationRecord(detail: detail) {
                    publications.append(MonthlyReport.Publication(acceptedAt: date, record: record))
                }
            case .playlistRejected?:
                rejections.append(
                    MonthlyReport.Rejection(
                        date: date, file: detail["file"] ?? "", problems: detail["problems"] ?? "",
                        summary: detail["summary"] ?? detail["reason_file"] ?? ""))
            case .controlRefused?, .configReloaded?, .playlistWithdrawn?, .logTampered?:
                // A refused command says which one it was.
                let request = detail["request"].map { "：\($0)" } ?? ""
                entries.append(
                    MonthlyReport.Entry(
                        date: date, kind: event.kind, actor: event.actor,
                        message: (detail["message"] ?? "") + request))
            default:
                break
            }
        }
        if let (start, actor, text) = openMaintenance {
            maintenance.append(DayReport.Note(span: Span(start: start, end: bounds.end), actor: actor, text: text))
        }
    }
}
