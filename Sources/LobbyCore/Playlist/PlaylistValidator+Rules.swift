import Foundation

/// The checks after the signature: validity, content rules, font coverage and layout.
extension PlaylistValidator {
    typealias Locate = (String) -> SourceLocation

    func validityProblems(_ playlist: Playlist, now: Date, locate: Locate) -> [PlaylistProblem] {
        var problems: [PlaylistProblem] = []
        let show = { (instant: Date) in self.timeZone.iso8601(instant) }
        if playlist.validUntil <= playlist.validFrom {
            problems.append(
                .init(
                    stage: .validity, location: locate("valid_until"),
                    message: Messages.Playlist.endsBeforeStart(show(playlist.validUntil), show(playlist.validFrom))
                        .description))
        } else if playlist.validUntil <= now {
            problems.append(
                .init(
                    stage: .validity, location: locate("valid_until"),
                    message: Messages.Playlist.expired(show(playlist.validUntil)).description))
        }
        let horizon = now.addingTimeInterval(Double(content.horizonDays) * 86_400)
        if playlist.validFrom > horizon {
            problems.append(
                .init(
                    stage: .validity, location: locate("valid_from"),
                    message: Messages.Playlist.tooFarAhead(show(playlist.validFrom), days: content.horizonDays)
                        .description))
        }
        for item in playlist.items {
            let from = item.validFrom ?? playlist.validFrom
            let until = item.validUntil ?? playlist.validUntil
            if from < playlist.validFrom || until > playlist.validUntil || until <= from {
                problems.append(
                    .init(
                        stage: .validity, location: locate("\(item.path).valid_from"),
                        message: Messages.Playlist.itemOutside(show(from), show(until)).description))
            }
        }
        // A notice's emergency items together: two of 72 h back to back are one of 144 h.
        let urgent = playlist.items.filter { $0.priority == .emergency }
        if let first = urgent.first {
            let from = urgent.map { $0.validFrom ?? playlist.validFrom }.min()!
            let until = urgent.map { $0.validUntil ?? playlist.validUntil }.max()!
            let seconds = until.timeIntervalSince(from)
            if seconds > Double(emergency.maxHours) * 3600 {
                problems.append(
                    .init(
                        stage: .validity, location: locate("\(first.path).priority"),
                        message: Messages.Playlist.emergencyTooLong(
                            hours: Int((seconds / 3600).rounded(.up)), max: emergency.maxHours
                        ).description))
            }
        }
        return problems
    }

    /// A location with the column of a text's `offset`th scalar added, when it can be known.
    typealias Column = (SourceLocation, String, Int) -> SourceLocation

    var rules: ContentRules {
        ContentRules(
            terms: content.forbiddenTerms, allowedPhrases: content.allowedPhrases,
            allowedDomains: content.allowedDomains, allowedNumbers: content.allowedNumbers)
    }

    func contentProblems(_ playlist: Playlist, locate: Locate, column: Column) -> [PlaylistProblem] {
        var problems: [PlaylistProblem] = []
        if playlist.items.isEmpty || playlist.items.count > content.maxItems {
            problems.append(
                .init(
                    stage: .content, location: locate("items"),
                    message: Messages.Playlist.itemCount(playlist.items.count, max: content.maxItems).description))
        }
        let colors = panelColors == .mono ? ["red"] : ["red", "green", "amber"]
        for item in playlist.items {
            func here(_ key: String) -> SourceLocation { locate("\(item.path).\(key)") }
            if !content.categories.contains(item.category) {
                problems.append(
                    .init(
                        stage: .content, location: here("category"),
                        message: Messages.Playlist.category(
                            item.category, allowed: content.categories.joined(separator: ", ")
                        ).description))
            }
            // Terms compared folded: 特 价, 限时\n抢购 and 特價促銷 are the same words to a reader.
            for finding in rules.findings(in: item.text) {
                problems.append(
                    .init(
                        stage: .content, location: column(here("text"), item.text, finding.offset),
                        message: Messages.Content.finding(finding).description))
            }
            // Counted in Unicode scalars: one letter with 150,000 combining marks is not one character.
            if item.text.unicodeScalars.count > content.maxTextLength {
                problems.append(
                    .init(
                        stage: .content, location: here("text"),
                        message: Messages.Playlist.tooLong(item.text.unicodeScalars.count, max: content.maxTextLength)
                            .description))
            }
            if item.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(
                    .init(stage: .content, location: here("text"), message: Messages.Playlist.emptyText.description))
            }
            // Each one with its position (at most 10), so that all are removed in one go.
            let controls = item.text.unicodeScalars.enumerated().filter { Self.isForbiddenControl($0.element) }
            for control in controls.prefix(10) {
                problems.append(
                    .init(
                        stage: .content, location: here("text"),
                        message: Messages.Playlist.invisible(
                            control.element.codePoint, at: control.offset + 1
                        ).description))
            }
            if !colors.contains(item.color) {
                problems.append(
                    .init(
                        stage: .content, location: here("color"),
                        message: Messages.Playlist.colour(
                            item.color, panel: panelColors.rawValue, allowed: colors.joined(separator: ", ")
                        ).description))
            }
        }
        return problems
    }

    func fittingProblems(_ playlist: Playlist, locate: Locate) -> [PlaylistProblem] {
        var problems: [PlaylistProblem] = []
        for item in playlist.items {
            let missing = fitting.missingCharacters(in: item.text)
            if !missing.isEmpty {
                let list = missing.prefix(10).map {
                    Messages.Playlist.character("\($0.scalar)", code: $0.scalar.codePoint, at: $0.offset + 1)
                }
                problems.append(
                    .init(
                        stage: .coverage, location: locate("\(item.path).text"),
                        message: Messages.Playlist.cannotDraw(missing.count, Array(list)).description))
            }
            if item.mode == .static {
                let pages = fitting.pageCount(of: item.text)
                if pages > 1 {
                    problems.append(
                        .init(
                            stage: .layout, location: locate("\(item.path).text"),
                            message: Messages.Playlist.staticTooLong(pages: pages).description))
                }
            }
        }
        return problems
    }

    /// Control, format and other default-ignorable characters (zero-width spaces, byte-order
    /// marks, the variation selector pasted after ☎, soft hyphens) other than the line break,
    /// which forces a new line: invisible to whoever approved the text, a box on the sign.
    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n"
            && (scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || scalar.properties.isDefaultIgnorableCodePoint)
    }
}
