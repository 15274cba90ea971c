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

/// `lobbyctl status` for people: aligned labels, relative times on the daemon's clock.
struct StatusText {
    let report: StatusReport
    let style: TerminalStyle

    var lines: [String] {
        let now = ControlTime.parse(report.now) ?? Date()
        var rows: [(String, String)] = []
        let screen = report.screen
        var screenLine = screen.on ? style.green("on") : style.dim("off")
        if let since = screen.since { screenLine += " since \(clockTime(since))" }
        screenLine += " (\(screen.reason))"
        if let next = report.next, let at = ControlTime.parse(next.at) {
            screenLine +=
                ", \(next.on ? "on" : "off") at \(clockTime(next.at, date: !sameDay(at, now)))"
                + " (in \(Self.duration(at.timeIntervalSince(now))))"
        }
        rows.append(("screen", screenLine))
        let showing = report.showing
        rows.append(
            (
                "showing",
                showing.pages == 0
                    ? "nothing"
                    : "\(showing.items.count) item(s), \(showing.pages) page(s)"
                        + (showing.playlists.isEmpty ? "" : ": \(showing.playlists.joined(separator: ", "))")
                        + (showing.fallback ? " (standing notice)" : "")
            ))
        let link = report.link
        var linkLine =
            (link.state == "ready" ? style.green(link.state) : style.red(link.state))
            + " since \(clockTime(link.since)) on \(link.device)"
        if link.retries > 0 { linkLine += ", \(link.retries) retries" }
        if let upload = link.lastUpload { linkLine += ", last upload \(clockTime(upload))" }
        rows.append(("link", linkLine))
        if link.bytesTotal > 0 {
            rows.append(("upload", Self.progress(sent: link.bytesSent, total: link.bytesTotal, eta: link.etaSeconds)))
        }
        for override in report.overrides {
            rows.append(
                (
                    "override",
                    style.yellow("\(override.on ? "on" : "off") until \(clockTime(override.until))")
                        + " by \(override.actor): \(override.reason)"
                ))
        }
        if let maintenance = report.maintenance {
            rows.append(
                (
                    "maintenance",
                    style.yellow("since \(clockTime(maintenance.since))")
                        + " by \(maintenance.actor): \(maintenance.note)"
                        + (maintenance.pattern.map { ", showing \($0)" } ?? "")
                ))
        }
        if let pattern = report.testPattern {
            rows.append(
                (
                    "test pattern",
                    style.yellow("\(pattern.pattern) until \(clockTime(pattern.until))") + " by \(pattern.actor)"
                ))
        }
        rows.append(
            ("daily check", report.dailyCheck.map { "done \(clockTime($0))" } ?? style.yellow("not recorded today")))
        if report.warnings.isEmpty {
            rows.append(("warnings", "none"))
        } else {
            for (index, warning) in report.warnings.enumerated() {
                rows.append((index == 0 ? "warnings" : "", style.yellow(warning)))
            }
        }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }
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

    /// `1h 12m`, `12m`, `40s`, `3d 2h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded()))
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return "\(total / 60)m"
        case ..<86_400: return "\(total / 3600)h \(total / 60 % 60)m"
        default: return "\(total / 86_400)d \(total / 3600 % 24)h"
        }
    }

    /// `[#########-----------] 1234/5678 bytes, about 4s left`.
    static func progress(sent: Int, total: Int, eta: Double?) -> String {
        let width = 20
        let filled = total > 0 ? min(width, sent * width / total) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + "\(sent)/\(total) bytes" + (eta.map { ", about \(duration($0)) left" } ?? "")
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
