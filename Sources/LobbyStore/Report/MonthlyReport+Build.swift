import Foundation
import LobbyCore

/// What the screen, the link and the daemon were doing at an instant, as the events tell it.
public struct ScreenFacts: Sendable, Equatable {
    public var running = false
    public var screenOn = false
    public var linkUp = false
    /// False from a `sign_reset` (the sign lost its content) or a `sign_refused` (it refused
    /// part of an upload) until `sign_restored`.
    public var signHoldsContent = true
    /// Why the sign does not hold its content.
    var contentLostCause = ""

    public init(running: Bool = false, screenOn: Bool = false, linkUp: Bool = false) {
        self.running = running
        self.screenOn = screenOn
        self.linkUp = linkUp
    }

    var isLit: Bool { running && screenOn && linkUp && signHoldsContent }

    mutating func apply(_ kind: String) {
        switch kind {
        case EventKind.daemonStart.rawValue: self = ScreenFacts(running: true)
        case EventKind.daemonStop.rawValue: self = ScreenFacts()
        case EventKind.screenOn.rawValue: screenOn = true
        case EventKind.screenOff.rawValue: screenOn = false
        case EventKind.linkUp.rawValue: linkUp = true
        case EventKind.linkDown.rawValue: linkUp = false
        case EventKind.signReset.rawValue: (signHoldsContent, contentLostCause) = (false, "sign reset")
        case EventKind.signRefused.rawValue: (signHoldsContent, contentLostCause) = (false, "sign refused content")
        case EventKind.signRestored.rawValue: signHoldsContent = true
        default: break
        }
    }
}

extension MonthlyReport {
    /// Builds the report for `year`-`month` from the month's events (oldest first), what was
    /// true when the month began, and the schedule without overrides (what was required).
    public static func build(year: Int, month: Int, schedule: Schedule, initial: ScreenFacts, events: [StoredEvent])
        -> MonthlyReport
    {
        let zone = schedule.timeZone
        let first = LocalDate(year: year, month: month, day: 1)!
        let next =
            month == 12
            ? LocalDate(year: year + 1, month: 1, day: 1)! : LocalDate(year: year, month: month + 1, day: 1)!
        let bounds = Span(start: zone.instant(of: first), end: zone.instant(of: next))
        var required = schedule
        required.overrides = []
        let requiredSpans = onSpans(of: required, within: bounds)
        let timeline = replay(events, initial: initial, within: bounds)
        let notes = Notes(events: events, bounds: bounds)
        let days = (first.dayNumber..<next.dayNumber).map { dayNumber -> DayReport in
            let date = LocalDate(dayNumber: dayNumber)
            let dayBounds = Span(start: zone.instant(of: date), end: zone.instant(of: date.adding(days: 1)))
            let dayRequired = requiredSpans.compactMap { $0.clipped(to: dayBounds) }
            let outages = timeline.lost.flatMap { loss in
                dayRequired.compactMap { loss.span.clipped(to: $0).map { ($0, loss.cause) } }
            }
            return DayReport(
                day: schedule.calendar.day(date), required: dayRequired,
                lit: timeline.lit.compactMap { $0.clipped(to: dayBounds) },
                outages: outages, maintenance: notes.maintenance.filter { $0.span.clipped(to: dayBounds) != nil },
                overrides: notes.overrides.filter { $0.span.clipped(to: dayBounds) != nil },
                dailyCheck: notes.dailyChecks.first { $0.date >= dayBounds.start && $0.date < dayBounds.end }.map {
                    ($0.actor, $0.note)
                },
                bounds: dayBounds)
        }
        return MonthlyReport(year: year, month: month, days: days, timeZone: zone)
    }

    /// The spans in `bounds` during which `schedule` says the screen must be on.
    static func onSpans(of schedule: Schedule, within bounds: Span) -> [Span] {
        var spans: [Span] = []
        var openedAt: Date? = schedule.state(at: bounds.start).isOn ? bounds.start : nil
        for transition in schedule.transitions(from: bounds.start, to: bounds.end) where transition.at > bounds.start {
            if transition.state.isOn {
                openedAt = transition.at
            } else if let start = openedAt {
                spans.append(Span(start: start, end: transition.at))
                openedAt = nil
            }
        }
        if let start = openedAt { spans.append(Span(start: start, end: bounds.end)) }
        return spans
    }

    /// Lit spans, and spans in which the sign could not be lit and why.
    static func replay(_ events: [StoredEvent], initial: ScreenFacts, within bounds: Span) -> (
        lit: [Span], lost: [(span: Span, cause: String)]
    ) {
        var facts = initial
        var cursor = bounds.start
        var lit: [Span] = []
        var lost: [(span: Span, cause: String)] = []
        func close(at end: Date) {
            guard end > cursor else { return }
            let span = Span(start: cursor, end: end)
            if facts.isLit { lit.append(span) }
            if !facts.running {
                lost.append((span, "lobbyd not running"))
            } else if !facts.linkUp {
                lost.append((span, "link down"))
            } else if !facts.signHoldsContent && facts.screenOn {
                lost.append((span, facts.contentLostCause))
            }
        }
        for event in events {
            guard let date = event.date, date >= bounds.start, date < bounds.end else { continue }
            close(at: date)
            cursor = date
            facts.apply(event.kind)
        }
        close(at: bounds.end)
        return (merge(lit), lost)
    }

    static func merge(_ spans: [Span]) -> [Span] {
        spans.reduce(into: []) { merged, span in
            if let last = merged.last, last.end == span.start {
                merged[merged.count - 1].end = span.end
            } else {
                merged.append(span)
            }
        }
    }
}

/// Maintenance periods, overrides and daily checks, read from the events' details.
private struct Notes {
    var maintenance: [DayReport.Note] = []
    var overrides: [DayReport.Note] = []
    var dailyChecks: [(date: Date, actor: String, note: String)] = []

    init(events: [StoredEvent], bounds: Span) {
        var openMaintenance: (Date, String, String)?
        for event in events {
            guard let date = event.date else { continue }
            let detail = (try? JSONDecoder().decode([String: String].self, from: Data(event.detail.utf8))) ?? [:]
            let note = detail["note"] ?? detail["reason"] ?? detail["message"] ?? ""
            switch event.kind {
            case EventKind.maintenanceStart.rawValue:
                openMaintenance = (date, event.actor, note)
            case EventKind.maintenanceEnd.rawValue:
                let (start, actor, text) = openMaintenance ?? (bounds.start, event.actor, note)
                maintenance.append(DayReport.Note(span: Span(start: start, end: date), actor: actor, text: text))
                openMaintenance = nil
            case EventKind.override.rawValue:
                let until = detail["until"].flatMap(EventTime.parseDetail) ?? date
                overrides.append(
                    DayReport.Note(
                        span: Span(start: date, end: until), actor: event.actor,
                        text: "\(detail["state"] ?? "") \(note)"))
            case EventKind.dailyCheck.rawValue:
                dailyChecks.append((date, event.actor, note))
            default:
                break
            }
        }
        if let (start, actor, text) = openMaintenance {
            maintenance.append(DayReport.Note(span: Span(start: start, end: bounds.end), actor: actor, text: text))
        }
    }
}
