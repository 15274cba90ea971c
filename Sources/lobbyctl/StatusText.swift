import Foundation
import LobbyCore
import LobbyStore

/// Colour on a terminal, plain text in a pipe or with NO_COLOR set.
struct TerminalStyle {
    var colour: Bool

    static func forStandardOutput() -> TerminalStyle {
        TerminalStyle(colour: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    func green(_ text: String) -> String { paint(text, "32") }
    func yellow(_ text: String) -> String { paint(text, "33") }
    func red(_ text: String) -> String { paint(text, "31") }
    func dim(_ text: String) -> String { paint(text, "2") }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// `lobbyctl status` for people: the hall time, one sentence on the screen, then aligned
/// labels; times on the daemon's clock, in the hall's zone.
struct StatusText {
    let report: StatusReport
    let style: TerminalStyle

    private typealias Words = Messages.Console

    var lines: [String] {
        let now = ControlTime.parse(report.now) ?? Date()
        var rows: [(Localized, String)] = []
        rows.append(
            (
                Words.labelTime,
                Words.hallTime(clockTime(report.now, date: true), zone: report.timeZone ?? "").description
            ))
        rows.append((Words.labelScreen, screenSentence(now: now)))
        let showing = report.showing
        rows.append(
            (
                Words.labelShowing,
                showing.pages == 0
                    ? Words.nothing.description
                    : Words.items(
                        showing.items.count, pages: showing.pages, playlists: showing.playlists.joined(separator: ", "),
                        standing: showing.fallback
                    ).description
            ))
        let link = report.link
        var linkLine = Words.link(
            link.state, ready: link.state == "ready", since: clockTime(link.since), device: link.device
        ).description
        linkLine = link.state == "ready" ? style.green(linkLine) : style.red(linkLine)
        if link.retries > 0 { linkLine += Words.retries(link.retries).description }
        if let upload = link.lastUpload { linkLine += Words.lastUpload(clockTime(upload)).description }
        rows.append((Words.labelLink, linkLine))
        if link.bytesTotal > 0 {
            rows.append(
                (Words.labelUpload, Self.progress(sent: link.bytesSent, total: link.bytesTotal, eta: link.etaSeconds)))
        }
        for override in report.overrides {
            rows.append(
                (
                    Words.labelOverride,
                    style.yellow(
                        Words.override(
                            on: override.on, until: clockTime(override.until), by: override.actor, override.reason
                        ).description)
                ))
        }
        if let maintenance = report.maintenance {
            rows.append(
                (
                    Words.labelMaintenance,
                    style.yellow(
                        Words.maintenance(
                            since: clockTime(maintenance.since), by: maintenance.actor, maintenance.note,
                            pattern: maintenance.pattern
                        ).description)
                ))
        }
        if let pattern = report.testPattern {
            rows.append(
                (
                    Words.labelTestPattern,
                    style.yellow(
                        Words.testPattern(pattern.pattern, until: clockTime(pattern.until), by: pattern.actor)
                            .description)
                ))
        }
        rows.append(
            (
                Words.labelDailyCheck,
                report.dailyCheck.map { Words.checkDone(clockTime($0)).description }
                    ?? style.yellow(Words.checkMissing.description)
            ))
        if report.warnings.isEmpty {
            rows.append((Words.labelWarnings, Words.none.description))
        } else {
            for (index, warning) in report.warnings.enumerated() {
                rows.append((index == 0 ? Words.labelWarnings : Localized.empty, style.yellow(warning)))
            }
        }
        let labels = rows.map { $0.0.description }
        let width = labels.map(Self.columns).max() ?? 0
        return zip(labels, rows).map { label, row in
            label + String(repeating: " ", count: width - Self.columns(label)) + "  " + row.1
        }
    }

    /// Whether the screen is lit, since when, why, and what it shows, in one sentence: a screen
    /// that should be on but has nothing valid to show is dark, and said so.
    private func screenSentence(now: Date) -> String {
        let screen = report.screen
        let picture = report.testPattern != nil || report.maintenance?.pattern != nil
        let lit = screen.on && (report.showing.pages > 0 || picture)
        let why =
            screen.on && !lit ? "\(Words.litButEmpty)\(Messages.Punctuation.semicolon)\(screen.reason)" : screen.reason
        let showing: Localized? =
            report.showing.pages == 0 || picture
            ? nil
            : Words.items(
                report.showing.items.count, pages: report.showing.pages,
                playlists: report.showing.playlists.joined(separator: ", "), standing: report.showing.fallback)
        var sentence = Words.screenSentence(
            lit: lit, since: screen.since.map { clockTime($0) }, why: why, showing: showing
        ).description
        sentence = lit ? style.green(sentence) : (screen.on ? style.yellow(sentence) : sentence)
        if let next = report.next, let at = ControlTime.parse(next.at) {
            sentence +=
                " "
                + Words.nextChange(
                    on: next.on, at: clockTime(next.at, date: !sameDay(at, now)),
                    in: Self.duration(at.timeIntervalSince(now))
                ).description
        }
        return sentence
    }

    /// Terminal columns: a Chinese character takes two.
    static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.properties.isIdeographic || $1.value >= 0xFF00 ? 2 : 1) }
    }

    /// `08:20`, or `2026-11-26 08:20` when not today; "12:00 by li" keeps the rest.
    private func clockTime(_ text: String, date: Bool = false) -> String {
        // 2026-11-25T08:20:00+08:00
        guard text.count >= 16 else { return text }
        let time = String(text.dropFirst(11).prefix(5))
        let rest = text.count > 25 ? String(text.dropFirst(25)) : ""
        return (date ? "\(text.prefix(10)) " : "") + time + rest
    }

    private func sameDay(_ a: Date, _ b: Date) -> Bool {
        abs(a.timeIntervalSince(b)) < 86_400 && report.now.prefix(10) == (report.next?.at.prefix(10) ?? "")
    }

    /// `1 小时 12 分` / `1h 12m`, `12m`, `40s`, `3d 2h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded()))
        return Messages.Console.duration(
            days: total / 86_400, hours: total / 3600 % 24, minutes: total / 60 % 60, seconds: total % 60
        ).description
    }

    /// `[#########-----------] 1234/5678 字节，约剩 4 秒`.
    static func progress(sent: Int, total: Int, eta: Double?) -> String {
        let width = 20
        let filled = total > 0 ? min(width, sent * width / total) : 0
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        return Messages.Console.progress(bar, sent: sent, total: total, left: eta.map { duration($0) }).description
    }
}

/// One event as `lobbyctl watch` prints it.
enum EventText {
    /// One event as `watch` prints it, its time in `zone` (the hall's).
    static func line(_ event: EventRecord, style: TerminalStyle, zone: TimeZone) -> String {
        let time = EventTime.parse(event.ts).map { zone.iso8601($0) } ?? event.ts
        let kind = event.kind.padding(toLength: 18, withPad: " ", startingAt: 0)
        let message = event.detail["message"] ?? ""
        let painted =
            ["link_down", "control_refused", "clock_jump", "content_missing", "calendar_missing"].contains(event.kind)
            ? style.yellow(kind) : kind
        return "\(time)  \(painted) \(Console.visible(event.actor)): \(Console.visible(message))"
    }
}
