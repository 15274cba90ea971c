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
        /// The latest proof of play of each hour of the month: signs that lobbyd was running.
        public var signsOfLife: [Date] = []
        /// The last record before the month, of any kind.
        public var lastRecordBefore: Date?
        /// The first record after the month (or after now, for a month still running): a
        /// `daemon_start` there means the run the month ended in had stopped unrecorded.
        public var nextRecord: (kind: String, date: Date)?
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
        let segments = replay(events, inputs, within: bounds)
        let notes = Notes(events: events, bounds: bounds, openMaintenance: inputs.openMaintenance)
        let rules = events.compactMap { event -> (date: Date, rules: AppliedSchedule)? in
            guard event.kind == EventKind.scheduleApplied.rawValue, let date = event.date,
                let rules = AppliedSchedule(detail: event.details)
            else { return nil }
            return (date, rules)
        }
        var previousRules = inputs.previousRules
        var segmentIndex = 0
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
            // The segments are in time order: each day reads only its own.
            while segmentIndex < segments.count && segments[segmentIndex].span.end <= dayBounds.start {
                segmentIndex += 1
            }
            let todays = segments[segmentIndex...].prefix { $0.span.start < dayBounds.end }
            if status == .inService {
                let others = required.complement(within: counted)
                for segment in todays {
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

    /// The longest a running lobbyd is silent: it logs `schedule_applied` at every midnight.
    static let longestSilence: TimeInterval = 25 * 3600

    /// The month cut where anything changes (an event, an override or test pattern running
    /// out), each piece with the facts that held over it. A run that ended without
    /// `daemon_stop` (killed, or the power failed) counts as running only up to its last record.
    static func replay(_ events: [StoredEvent], _ inputs: Inputs, within bounds: Span) -> [(
        span: Span, facts: ScreenFacts
    )] {
        var facts = inputs.initial
        var cursor = bounds.start
        var segments: [(span: Span, facts: ScreenFacts)] = []
        /// The last record of the run in progress, and whether the run logs its midnights.
        var lastRecord = inputs.lastRecordBefore ?? bounds.start
        var logsMidnights = inputs.previousRules != nil
        var signs = inputs.signsOfLife[...]
        func alive(before date: Date) -> Date {
            while let sign = signs.first, sign < date {
                lastRecord = max(lastRecord, sign)
                signs.removeFirst()
            }
            return lastRecord
        }
        func advance(to end: Date) {
            while cursor < end {
                let stop = min(end, facts.nextExpiry(after: cursor) ?? end)
                // One segment while nothing changes (proof of play does not): a piece is judged
                // at its start, so an override or test pattern that ran out starts a new one.
                if let last = segments.last, last.span.end == cursor, last.facts == facts,
                    last.facts.cause(at: last.span.start) == facts.cause(at: cursor),
                    last.facts.isShownOutsideWindows(at: last.span.start) == facts.isShownOutsideWindows(at: cursor)
                {
                    segments[segments.count - 1].span.end = stop
                } else {
                    segments.append((Span(start: cursor, end: stop), facts))
                }
                cursor = stop
            }
        }
        for event in events {
            guard let date = event.date else { continue }
            advance(to: date)
            if event.kind == EventKind.daemonStart.rawValue {
                if facts.running { segments = notRunning(segments, after: alive(before: date)) }
                logsMidnights = false
            }
            if event.kind == EventKind.scheduleApplied.rawValue { logsMidnights = true }
            facts.apply(event, at: date)
            lastRecord = max(lastRecord, date)
        }
        advance(to: bounds.end)
        // The run still going at the end: it had stopped if the next record is a start, or if
        // none came for longer than a running lobbyd is ever silent.
        if facts.running {
            let last = alive(before: min(bounds.end, inputs.generatedAt))
            let silent = inputs.generatedAt.timeIntervalSince(last) > longestSilence && logsMidnights
            if inputs.nextRecord?.kind == EventKind.daemonStart.rawValue || (inputs.nextRecord == nil && silent) {
                segments = notRunning(segments, after: last)
            }
        }
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

    /// The kinds the notes are made from.
    static let noted: Set<EventKind> = [
        .maintenanceStart, .maintenanceEnd, .override, .testPattern, .dailyCheck, .playlistAccepted,
        .playlistRejected, .controlRefused, .configReloaded, .playlistWithdrawn, .logTampered, .emergencySubmitted,
        .emergencyCleared, .keyAdded, .keyRevoked, .keyExpired,
    ]

    init(events: [StoredEvent], bounds: Span, openMaintenance open: (actor: String, note: String)?) {
        var openMaintenance: (Date, String, String)? = open.map { (bounds.start, $0.actor, $0.note) }
        for event in events {
            // Most of a month's rows are proof of play, which no note needs: their details
            // (a JSON decode each) are not read.
            guard let kind = EventKind(rawValue: event.kind), Self.noted.contains(kind), let date = event.date else {
                continue
            }
            let detail = event.details
            let note = detail["note"] ?? detail["reason"] ?? ""
            switch kind {
            case .maintenanceStart:
                openMaintenance = (date, event.actor, note)
            case .maintenanceEnd:
                let (start, actor, text) = openMaintenance ?? (bounds.start, event.actor, note)
                let ending = note.isEmpty || note == text ? text : "\(text)\(Messages.Punctuation.semicolon)\(note)"
                maintenance.append(DayReport.Note(span: Span(start: start, end: date), actor: actor, text: ending))
                openMaintenance = nil
            case .override:
                // A clear ends the overrides still running at that moment.
                if detail["state"] == "clear" {
                    for index in overrides.indices where overrides[index].span.end > date {
                        overrides[index].span.end = max(overrides[index].span.start, date)
                    }
                }
                let until = detail["until"].flatMap(EventTime.parseDetail) ?? date
                overrides.append(
                    DayReport.Note(
                        span: Span(start: date, end: until), actor: event.actor,
                        text: "\(detail["state"] ?? "")\t\(note)"))
            case .testPattern:
                let minutes = Double(detail["minutes"] ?? "") ?? 0
                testPatterns.append(
                    DayReport.Note(
                        span: Span(start: date, end: date.addingTimeInterval(minutes * 60)), actor: event.actor,
                        text: detail["pattern"] ?? ""))
            case .dailyCheck:
                dailyChecks.append(DayReport.Check(date: date, actor: event.actor, note: note))
            case .playlistAccepted:
                if let record = PublicationRecord(detail: detail) {
                    publications.append(MonthlyReport.Publication(acceptedAt: date, record: record))
                }
            case .playlistRejected:
                rejections.append(
                    MonthlyReport.Rejection(
                        date: date, file: detail["file"] ?? "", problems: detail["problems"] ?? "",
                        summary: detail["summary"] ?? detail["reason_file"] ?? ""))
            case .controlRefused, .configReloaded, .playlistWithdrawn, .logTampered, .emergencySubmitted,
                .emergencyCleared, .keyAdded, .keyRevoked, .keyExpired:
                // A refused command says which one it was.
                let request = detail["request"].map { "\(Messages.Punctuation.colon)\($0)" } ?? ""
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
