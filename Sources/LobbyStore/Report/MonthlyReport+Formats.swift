import Foundation
import LobbyCore

extension MonthlyReport {
    public enum Format: String, Sendable, CaseIterable { case md, csv, html }

    public func render(_ format: Format) -> String {
        switch format {
        case .md: markdown()
        case .csv: csv()
        case .html: html()
        }
    }

    var title: String { String(format: "%04d-%02d", year, month) }

    func markdown() -> String {
        var lines = [
            "# 显示屏运行月报 · LED screen report \(title)", "",
            "Time zone \(timeZone.identifier). Required: the opening windows of the schedule; lit: screen on, link up, lobbyd running.",
            "",
            "| date | day | required min | lit min | coverage | outages | maintenance | overrides | daily check |",
            "|---|---|---:|---:|---:|---|---|---|---|",
        ]
        for day in days {
            lines.append(
                "| \(day.day.date) | \(day.day.isWorkday ? "workday" : "off-day") \(day.day.reason) | \(minutes(day.requiredMinutes)) | "
                    + "\(minutes(day.litMinutes)) | \(percent(day.coverage)) | \(outages(day)) | \(notes(day.maintenance)) | "
                    + "\(notes(day.overrides)) | \(check(day)) |")
        }
        lines += [
            "",
            "**Month:** required \(minutes(requiredMinutes)) min, lit \(minutes(litMinutes)) min, outages \(minutes(outageMinutes)) min, "
                + "daily check missing on \(missingDailyChecks) workday(s).",
            "", integrity,
        ]
        for (title, rows) in [
            ("Minutes shown per category", minutesByCategory), ("Minutes shown per playlist", minutesByPlaylist),
        ] {
            lines +=
                ["", "## \(title)", "", "| name | minutes |", "|---|---:|"]
                + rows.map { "| \($0.name) | \(minutes($0.minutes)) |" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func csv() -> String {
        var lines = [
            "date,kind,reason,required_minutes,lit_minutes,coverage_percent,outage_minutes,outages,maintenance,overrides,daily_check"
        ]
        for day in days {
            let fields = [
                "\(day.day.date)", day.day.isWorkday ? "workday" : "offday", "\(day.day.reason)",
                minutes(day.requiredMinutes),
                minutes(day.litMinutes), day.coverage.map { String(format: "%.1f", $0 * 100) } ?? "",
                minutes(day.outageMinutes),
                outages(day), notes(day.maintenance), notes(day.overrides), check(day),
            ]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        lines += ["", "shown_by,name,minutes"]
        lines += minutesByCategory.map { "category,\(Self.csvField($0.name)),\(minutes($0.minutes))" }
        lines += minutesByPlaylist.map { "playlist,\(Self.csvField($0.name)),\(minutes($0.minutes))" }
        return lines.joined(separator: "\n") + "\n"
    }

    func html() -> String {
        var rows = ""
        for day in days {
            rows += "<tr><td>\(day.day.date)</td><td>\(Self.escape("\(day.day.reason)"))</td><td>\(timeline(day))</td>"
            rows +=
                "<td>\(minutes(day.requiredMinutes))</td><td>\(minutes(day.litMinutes))</td><td>\(percent(day.coverage))</td>"
            rows += "<td>\(Self.escape(outages(day)))</td><td>\(Self.escape(notes(day.maintenance)))</td>"
            rows += "<td>\(Self.escape(notes(day.overrides)))</td><td>\(Self.escape(check(day)))</td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>显示屏运行月报 \(title)</title>
            <style>body{font-family:sans-serif}td,th{padding:2px 6px;border-bottom:1px solid #ddd;font-size:13px}
            .legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}</style></head><body>
            <h1>显示屏运行月报 · LED screen report \(title)</h1>
            <p class="legend">Time zone \(timeZone.identifier), 00:00–24:00:<span style="background:#bbb"></span>required
            <span style="background:#2a2"></span>lit<span style="background:#d22"></span>outage</p>
            <table><tr><th>date</th><th>day</th><th>timeline</th><th>required min</th><th>lit min</th><th>coverage</th>
            <th>outages</th><th>maintenance</th><th>overrides</th><th>daily check</th></tr>
            \(rows)</table>
            <p><b>Month:</b> required \(minutes(requiredMinutes)) min, lit \(minutes(litMinutes)) min,
            outages \(minutes(outageMinutes)) min, daily check missing on \(missingDailyChecks) workday(s).</p>
            <p>\(Self.escape(integrity))</p>
            <h2>Minutes shown</h2><table><tr><th>category</th><th>minutes</th></tr>
            \(minutesByCategory.map { "<tr><td>\(Self.escape($0.name))</td><td>\(minutes($0.minutes))</td></tr>" }.joined())</table>
            <table><tr><th>playlist</th><th>minutes</th></tr>
            \(minutesByPlaylist.map { "<tr><td>\(Self.escape($0.name))</td><td>\(minutes($0.minutes))</td></tr>" }.joined())</table>
            </body></html>

            """
    }

    /// The month's last event row and its hash, for checking a printed report later.
    var integrity: String {
        guard let chainHead else { return "Event log: no event up to the end of the month." }
        return "Event log: the month ends at row \(chainHead.row), chain hash \(chainHead.hash). "
            + "`lobbyctl verify-log` checks the chain and its anchors; `lobbyctl events` shows the row."
    }

    /// A 480×18 strip for the day: required (grey, top), lit (green, middle), outages (red, bottom).
    private func timeline(_ day: DayReport) -> String {
        func rects(_ spans: [Span], y: Int, color: String) -> String {
            spans.map { span in
                let x = span.start.timeIntervalSince(day.bounds.start) / 86_400 * 480
                let width = max(1, span.seconds / 86_400 * 480)
                return String(
                    format: "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"6\" fill=\"%@\"/>", x, y, width, color)
            }.joined()
        }
        return "<svg width=\"480\" height=\"18\" style=\"background:#f4f4f4\">"
            + rects(day.required, y: 0, color: "#bbb")
            + rects(day.lit, y: 6, color: "#2a2") + rects(day.outages.map(\.span), y: 12, color: "#d22") + "</svg>"
    }

    private func minutes(_ value: Double) -> String { String(format: "%.1f", value) }

    private func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0 * 100) } ?? "–" }

    private func clock(_ date: Date) -> String {
        let seconds = Int(timeZone.localTime(of: date).secondOfDay)
        return String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)
    }

    private func outages(_ day: DayReport) -> String {
        day.outages.map {
            "\(clock($0.span.start))–\(clock($0.span.end)) \($0.cause) (\(minutes($0.span.seconds / 60)) min)"
        }
        .joined(separator: "; ")
    }

    private func notes(_ notes: [DayReport.Note]) -> String {
        notes.map { "\(clock($0.span.start))–\(clock($0.span.end)) \($0.actor): \($0.text)" }.joined(separator: "; ")
    }

    private func check(_ day: DayReport) -> String {
        day.dailyCheck.map { "\($0.actor): \($0.note)" } ?? (day.day.isWorkday ? "missing" : "–")
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
