import Foundation
import LobbyCore

extension MonthlyReport {
    public enum Format: String, Sendable, CaseIterable { case md, csv, html }

    /// The report as a document for `site`, in its language.
    public func render(_ format: Format, site: Configuration.Site = Configuration.Site()) -> String {
        let words = ReportWords.of(site.language)
        switch format {
        case .md: return markdown(document(site: site, words: words))
        case .csv: return csv(words: words)
        case .html: return html(document(site: site, words: words), words: words)
        }
    }

    // MARK: the document, shared by Markdown and HTML

    /// A table cell: text, or the day's timeline (drawn in HTML, left out of Markdown).
    enum Cell {
        case text(String)
        case timeline(DayReport)
    }

    struct Section {
        var title: String
        var paragraphs: [String] = []
        var headers: [String] = []
        var rows: [[Cell]] = []
    }

    struct Document {
        var title: String
        var byline: String
        var sections: [Section]
    }

    func document(site: Configuration.Site, words: ReportWords) -> Document {
        let title = words.title(site.name, year, month)
        var byline = "\(words.generated) \(stamp(generatedAt))\(words.comma)\(words.zone) \(timeZone.identifier)"
        if isPartial { byline += "\(words.semicolon)\(words.asOf) \(stamp(generatedAt))" }
        let names = words.sections
        var sections: [Section] = []

        var summary = Section(title: names[0])
        summary.paragraphs = [
            words.summary(
                number(requiredMinutes), number(shownMinutes), percent(coverage, words), number(outageMinutes))
        ]
        summary.headers = OutageCause.allCases.map { "\(words.causes($0))\(words.open)\(words.minutes)\(words.close)" }
        summary.rows = [OutageCause.allCases.map { .text(number(outageMinutes($0))) }]
        summary.paragraphs.append(words.missingChecks(missingDailyChecks))
        sections.append(summary)

        var daily = Section(title: names[1], headers: words.dayColumns)
        daily.rows = days.map { day in
            let counted = day.status == .inService
            return [
                .text("\(day.day.date)"), .text(dayKind(day, words)),
                .text(counted ? windows(day, words) : ""), .timeline(day),
                .text(counted ? number(day.requiredMinutes) : ""), .text(counted ? number(day.shownMinutes) : ""),
                .text(counted ? percent(day.coverage, words) : ""), .text(outages(day, words)),
                .text(checks(day, words)),
            ]
        }
        daily.rows.append(
            [
                .text(words.total), .text(""), .text(""), .text(""), .text(number(requiredMinutes)),
                .text(number(shownMinutes)), .text(percent(coverage, words)),
                .text("\(number(outageMinutes)) \(words.minutes)"), .text(words.missingChecks(missingDailyChecks)),
            ])
        sections.append(daily)

        var published = Section(title: names[2], headers: words.publicationFields)
        func withVerdict(_ names: String, _ verdict: String) -> String {
            verdict.isEmpty ? names : "\(names)\(words.open)\(verdict)\(words.close)"
        }
        published.rows = publications.map { publication in
            let record = publication.record
            let items = record.items.map {
                ($0.isEmergency ? "[\(words.emergency)] " : "") + "\($0.category)\(words.colon)\($0.text)"
            }
            return [
                stamp(publication.acceptedAt), "\(record.id) v\(record.version)", record.title,
                "\(record.validFrom) – \(record.validUntil)", "\(record.section) \(record.drafted)",
                withVerdict(record.reviewed, record.confidentialityReview),
                // Records written before the approval sheet have no 保密批准.
                withVerdict(record.approved, record.confidentialityApproval),
                record.documentNumber, record.publisher, items.joined(separator: words.semicolon),
            ].map(Cell.text)
        }
        if publications.isEmpty { published.paragraphs = [words.none] }
        sections.append(published)

        var refused = Section(title: names[3], headers: words.rejectionColumns)
        refused.rows = rejections.map { rejection in
            let lines = rejection.summary.split(separator: "\n").map(String.init)
            let more = (Int(rejection.problems) ?? 0) - lines.count
            let text = lines.joined(separator: words.semicolon) + (more > 0 ? words.more(more) : "")
            return [stamp(rejection.date), rejection.file, rejection.problems, text].map(Cell.text)
        }
        if rejections.isEmpty { refused.paragraphs = [words.none] }
        sections.append(refused)

        var fresh = Section(title: names[4])
        fresh.paragraphs = [
            "\(words.lastUpdate)\(words.colon)\(freshness.lastUpdate.map(stamp) ?? words.none)"
                + (freshness.longestGap.map {
                    words.semicolon + words.longestGap(number(freshness.longestGapDays), stamp($0.start), stamp($0.end))
                } ?? "")
                + (freshness.longestGapDays > Freshness.limitDays ? "——\(words.overLimit)" : "")
        ]
        sections.append(fresh)

        var urgent = Section(title: names[5], headers: Array(words.publicationFields.prefix(2)) + ["", ""])
        urgent.headers = [
            words.publicationFields[0], words.publicationFields[1], words.publicationFields[3],
            words.publicationFields[9],
        ]
        urgent.rows = emergencies.map {
            [
                stamp($0.publication.acceptedAt), "\($0.publication.record.id) v\($0.publication.record.version)",
                "\($0.publication.record.validFrom) – \($0.publication.record.validUntil)", $0.item.text,
            ].map(Cell.text)
        }
        // What operators did with them: `lobbyctl emergency show` and `clear`, with who and why.
        let actions = entries.filter {
            $0.kind == EventKind.emergencySubmitted.rawValue || $0.kind == EventKind.emergencyCleared.rawValue
        }
        if emergencies.isEmpty && actions.isEmpty { urgent.paragraphs = [words.none] }
        // On one line each: a reason is the operator's text, and a paragraph must not become a heading.
        urgent.paragraphs += actions.map {
            "\(stamp($0.date)) " + $0.message.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        sections.append(urgent)

        var steering = Section(title: names[6], headers: words.entryColumns)
        steering.rows = days.flatMap { steeringRows($0, words) }.map { $0.map(Cell.text) }
        if steering.rows.isEmpty { steering.paragraphs = [words.none] }
        sections.append(steering)

        var upkeep = Section(title: names[7], headers: [words.dayColumns[0], words.dayColumns[8]])
        upkeep.rows = days.filter { $0.status == .inService && ($0.day.isWorkday || !$0.dailyChecks.isEmpty) }.map {
            [.text("\($0.day.date)"), .text(checks($0, words))]
        }
        sections.append(upkeep)

        var changes = Section(title: names[8], headers: words.entryColumns)
        changes.rows = entries.map { [stamp($0.date), words.kind($0.kind), $0.actor, $0.message].map(Cell.text) }
        if entries.isEmpty { changes.paragraphs = [words.none] }
        sections.append(changes)

        var shown = Section(title: names[9], headers: [""] + words.shownColumns)
        shown.rows =
            minutesByCategory.map { [words.category, $0.name, number($0.minutes)].map(Cell.text) }
            + minutesByPlaylist.map { [words.playlist, $0.name, number($0.minutes)].map(Cell.text) }
        if shown.rows.isEmpty { shown.paragraphs = [words.none] }
        sections.append(shown)

        sections.append(Section(title: names[10], paragraphs: [integrity(words), words.integrityHow]))
        sections.append(Section(title: names[11], paragraphs: words.signOff.map { "\($0)\(words.blank)" }))
        return Document(title: title, byline: byline, sections: sections)
    }

    /// Maintenance, test patterns and overrides of a day: when, what, who, why.
    private func steeringRows(_ day: DayReport, _ words: ReportWords) -> [[String]] {
        func when(_ span: Span) -> String {
            guard span.end > span.start else { return stamp(span.start) }
            let sameDay = timeZone.localTime(of: span.start).date == timeZone.localTime(of: span.end).date
            return stamp(span.start) + "–" + (sameDay ? clock(span.end) : stamp(span.end))
        }
        let maintenance = day.maintenance.map { [when($0.span), words.causes(.maintenance), $0.actor, $0.text] }
        let tests = day.testPatterns.map { [when($0.span), words.legend[3], $0.actor, $0.text] }
        let overrides = day.overrides.map { note -> [String] in
            let parts = note.text.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).map(
                String.init)
            let state =
                switch parts.first {
                case "on": words.forcedOn
                case "off": words.forcedOff
                default: words.cleared
                }
            return [when(note.span), state, note.actor, parts.count > 1 ? parts[1] : ""]
        }
        // In time order: the table is read as a log.
        return zip(day.maintenance + day.testPatterns + day.overrides, maintenance + tests + overrides)
            .sorted { $0.0.span.start < $1.0.span.start }.map(\.1)
    }

    func integrity(_ words: ReportWords) -> String {
        if !anchorProblems.isEmpty {
            // The first few; `lobbyctl verify-log` lists them all.
            let shown = anchorProblems.prefix(3).joined(separator: "; ")
            let more = anchorProblems.count > 3 ? words.more(anchorProblems.count - 3) : ""
            return words.integrityAnchors(shown + more)
        }
        guard let chainHead else { return words.integrityEmpty }
        switch verification {
        case .broken(let row, let reason)?: return words.integrityBroken(row, words.breakReason(reason))
        case .intact(let rows)?: return words.integrityIntact(rows, verifiedFrom, chainHead.row, chainHead.hash)
        case nil: return words.integrityIntact(0, verifiedFrom, chainHead.row, chainHead.hash)
        }
    }

    // MARK: Markdown

    func markdown(_ document: Document) -> String {
        var lines = ["# \(document.title)", "", document.byline]
        for section in document.sections {
            lines += ["", "## \(section.title)", ""] + section.paragraphs.flatMap { [$0, ""] }
            guard !section.rows.isEmpty else { continue }
            let columns = section.headers.indices.filter { index in
                !section.rows.contains { if case .timeline = $0[index] { true } else { false } }
            }
            lines.append("| " + columns.map { section.headers[$0] }.joined(separator: " | ") + " |")
            lines.append("|" + String(repeating: "---|", count: columns.count))
            for row in section.rows {
                let cells = columns.map { index -> String in
                    if case .text(let text) = row[index] { Self.markdownCell(text) } else { "" }
                }
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One table cell: `|` and line ends cannot break the row, `<` and `&` cannot become HTML
    /// in a Markdown viewer (backslash escapes, which CommonMark shows as the character).
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "<", with: "\\<")
            .replacingOccurrences(of: "&", with: "\\&").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(
                of: "\r\n", with: " "
            )
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    // MARK: HTML, for A4

    func html(_ document: Document, words: ReportWords) -> String {
        var body = ""
        for (index, section) in document.sections.enumerated() {
            // The summary and the days first; the inspection's lists start on a new page.
            let pageBreak = index == 2 ? " class=\"page\"" : ""
            body += "<section\(pageBreak)><h2>\(Self.escape(section.title))</h2>\n"
            body += section.paragraphs.map { "<p>\(Self.escape($0))</p>\n" }.joined()
            if index == 1 { body += legend(words) }
            if !section.rows.isEmpty {
                body += index == 1 ? "<table class=\"days\"><thead><tr>" : "<table><thead><tr>"
                body += section.headers.enumerated().map { column, header in
                    if section.rows.contains(where: { if case .timeline = $0[column] { true } else { false } }) {
                        return "<th>\(Self.escape(header))<br>\(hourMarks())</th>"
                    }
                    return "<th>\(Self.escape(header))</th>"
                }.joined()
                body += "</tr></thead><tbody>\n"
                for row in section.rows {
                    body += "<tr>"
                    body += row.map { cell in
                        switch cell {
                        case .text(let text): "<td>\(Self.escape(text))</td>"
                        case .timeline(let day): "<td>\(timeline(day))</td>"
                        }
                    }.joined()
                    body += "</tr>\n"
                }
                body += "</tbody></table>\n"
            }
            if index == document.sections.count - 1 {
                body = body.replacingOccurrences(
                    of: "<section><h2>\(Self.escape(section.title))</h2>",
                    with: "<section class=\"signoff\"><h2>\(Self.escape(section.title))</h2>")
            }
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(words.page == "页" ? "zh-CN" : "en")"><head><meta charset="utf-8"><title>\(Self.escape(document.title))</title>
            <style>
            @page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm;
              @bottom-center { content: "\(Self.cssString(document.title)) · \(words.page) " counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
            body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; font-size: 9pt; margin: 0; }
            h1 { font-size: 15pt; text-align: center; margin: 0 0 4px; }
            h2 { font-size: 11pt; margin: 10px 0 4px; }
            .byline { text-align: center; color: #444; margin: 0 0 8px; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border: 1px solid #999; padding: 1px 4px; vertical-align: top; text-align: left; }
            th { background: #eee; }
            td:nth-child(1) { white-space: nowrap; }
            table.days { font-size: 8pt; }
            table.days td:nth-child(-n+4), table.days td:nth-child(5), table.days td:nth-child(6) { white-space: nowrap; }
            table.days td { padding: 0 3px; line-height: 1.25; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; }
            .page { break-before: page; }
            .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 10px; vertical-align: middle; }
            .signoff p { display: inline-block; width: 30%; margin-top: 24px; }
            svg text { font-size: 7px; fill: #333; }
            </style></head><body>
            <h1>\(Self.escape(document.title))</h1>
            <p class="byline">\(Self.escape(document.byline))</p>
            \(body)</body></html>

            """
    }

    /// The timeline's span: 08:00 to 18:00, where every opening window lies.
    static let timelineHours = 8...18
    static let timelineWidth = 200.0

    private func x(_ date: Date, in day: DayReport) -> Double {
        let hours = date.timeIntervalSince(day.bounds.start) / 3600 - Double(Self.timelineHours.lowerBound)
        let span = Double(Self.timelineHours.upperBound - Self.timelineHours.lowerBound)
        return min(max(hours / span, 0), 1) * Self.timelineWidth
    }

    private func hourMarks() -> String {
        let span = Double(Self.timelineHours.upperBound - Self.timelineHours.lowerBound)
        let marks = Self.timelineHours.map { hour -> String in
            let x = Double(hour - Self.timelineHours.lowerBound) / span * Self.timelineWidth
            return String(format: "<text x=\"%.1f\" y=\"8\" text-anchor=\"middle\">%02d</text>", x, hour)
        }
        return
            "<svg width=\"\(Int(Self.timelineWidth) + 8)\" height=\"10\" viewBox=\"-4 0 \(Int(Self.timelineWidth) + 8) 10\">"
            + marks.joined() + "</svg>"
    }

    private func legend(_ words: ReportWords) -> String {
        let colors = ["#bbb", "#2a2", "#d22", "#36c"]
        return "<p class=\"legend\">"
            + zip(colors, words.legend).map { "<span style=\"background:\($0)\"></span>\(Self.escape($1))" }.joined()
            + "\(words.open)08–18\(words.close)</p>\n"
    }

    /// The day from 08:00 to 18:00: required (grey), shown (green), not shown (red, blue for
    /// maintenance), with a tick at every hour.
    private func timeline(_ day: DayReport) -> String {
        func rects(_ spans: [Span], y: Int, color: String) -> String {
            spans.map { span in
                let start = x(span.start, in: day)
                let width = max(0.5, x(span.end, in: day) - start)
                return String(
                    format: "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"4\" fill=\"%@\"/>", start, y, width,
                    color)
            }.joined()
        }
        let span = Double(Self.timelineHours.upperBound - Self.timelineHours.lowerBound)
        let ticks = Self.timelineHours.map { hour in
            String(
                format: "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"12\" stroke=\"#ccc\" stroke-width=\"0.5\"/>",
                Double(hour - Self.timelineHours.lowerBound) / span * Self.timelineWidth,
                Double(hour - Self.timelineHours.lowerBound) / span * Self.timelineWidth)
        }.joined()
        let maintenance = day.outages.filter { $0.cause == .maintenance }.map(\.span)
        let others = day.outages.filter { $0.cause != .maintenance }.map(\.span)
        return
            "<svg width=\"\(Int(Self.timelineWidth) + 8)\" height=\"12\" viewBox=\"-4 0 \(Int(Self.timelineWidth) + 8) 12\">"
            + ticks + rects(day.required, y: 0, color: "#bbb") + rects(day.shown, y: 4, color: "#2a2")
            + rects(others, y: 8, color: "#d22") + rects(maintenance, y: 8, color: "#36c") + "</svg>"
    }

    // MARK: CSV, for a spreadsheet

    /// One file: a `section` column says what each row is (`day`, `total`, `category`,
    /// `playlist`); UTF-8 with a byte-order mark so Excel on Chinese Windows reads it right.
    func csv(words: ReportWords) -> String {
        let causes = OutageCause.allCases
        var lines = [
            (["section"] + words.dayColumns.enumerated().filter { $0.offset != 3 && $0.offset != 7 }.map(\.element)
                + causes.map(words.causes) + [words.steeringColumn, words.shownColumns[0]]).map(Self.csvField)
                .joined(separator: ",")
        ]
        func row(_ fields: [String]) { lines.append(fields.map(Self.csvField).joined(separator: ",")) }
        for day in days {
            let counted = day.status == .inService
            row(
                ["day", "\(day.day.date)", dayKind(day, words), counted ? windows(day, words) : ""]
                    + (counted
                        ? [number(day.requiredMinutes), number(day.shownMinutes), percent(day.coverage, words)]
                        : ["", "", ""])
                    + [checks(day, words)] + causes.map { counted ? number(day.outageMinutes($0)) : "" }
                    + [
                        steeringRows(day, words).map { $0.joined(separator: " ") }.joined(separator: words.semicolon),
                        "",
                    ])
        }
        row(
            [
                "total", words.total, "", "", number(requiredMinutes), number(shownMinutes), percent(coverage, words),
                "\(missingDailyChecks)",
            ] + causes.map { number(outageMinutes($0)) } + ["", ""])
        for (section, rows) in [("category", minutesByCategory), ("playlist", minutesByPlaylist)] {
            for entry in rows {
                row(
                    [section, "", "", "", "", number(entry.minutes), "", ""] + causes.map { _ in "" } + [
                        "", entry.name,
                    ])
            }
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: pieces

    private func number(_ value: Double) -> String { String(format: "%.1f", value) }

    private func percent(_ value: Double?, _ words: ReportWords) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }

    /// `08:20`, or `08:20:07` when the instant is not on a whole minute (so that a span shorter
    /// than a minute never reads `08:20–08:20`).
    private func clock(_ date: Date) -> String {
        let seconds = Int(timeZone.localTime(of: date).secondOfDay)
        let minute = String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)
        return seconds % 60 == 0 ? minute : minute + String(format: ":%02d", seconds % 60)
    }

    /// `2026-11-30 08:20` in the hall's zone.
    private func stamp(_ date: Date) -> String {
        "\(timeZone.localTime(of: date).date) \(clock(date))"
    }

    private func dayKind(_ day: DayReport, _ words: ReportWords) -> String {
        switch day.status {
        case .notInService: words.notInService
        case .future: words.future
        case .inService: words.reasons(day.day.reason)
        }
    }

    private func windows(_ day: DayReport, _ words: ReportWords) -> String {
        func list(_ rules: AppliedSchedule) -> String {
            rules.windows.isEmpty ? words.none : rules.windows.map(\.description).joined(separator: ", ")
        }
        let text = ([list(day.rules)] + day.rulesChanges.map { "\(list($0.rules))\(words.from(clock($0.at)))" })
            .joined(separator: " → ")
        switch day.rulesSource {
        case .logged: return text
        case .earlierRecord: return text + words.inferredRules
        case .current: return text + words.currentRules
        }
    }

    /// The day's outages in words; those under a second (the moments between two events of one
    /// tick) are counted in the minutes but not listed.
    private func outages(_ day: DayReport, _ words: ReportWords) -> String {
        day.outages.filter { $0.span.seconds >= 1 }.map {
            "\(clock($0.span.start))–\(clock($0.span.end)) \(words.causes($0.cause))\(words.open)\(number($0.span.seconds / 60))\(words.close)"
        }
        .joined(separator: words.semicolon)
    }

    private func checks(_ day: DayReport, _ words: ReportWords) -> String {
        guard day.status == .inService else { return "" }
        if day.dailyChecks.isEmpty { return day.day.isWorkday ? words.missing : "" }
        return day.dailyChecks.map { "\(clock($0.date)) \($0.actor)\(words.colon)\($0.note)" }.joined(
            separator: words.semicolon)
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Text inside a CSS string in the style sheet: no entities there (they print as is);
    /// quotes, backslashes and line ends escaped, and `<` so that no `</style>` can close it.
    static func cssString(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            switch scalar {
            case "\"", "\\", "<", ">", "&", "\n", "\r": "\\" + String(scalar.value, radix: 16) + " "
            default: String(scalar)
            }
        }.joined()
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
