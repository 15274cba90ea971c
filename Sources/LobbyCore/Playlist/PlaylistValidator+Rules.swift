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
                    message:
                        "valid_until \(show(playlist.validUntil)) is not after valid_from \(show(playlist.validFrom))"))
        } else if playlist.validUntil <= now {
            problems.append(
                .init(
                    stage: .validity, location: locate("valid_until"),
                    message: "the playlist expired at \(show(playlist.validUntil))"))
        }
        let horizon = now.addingTimeInterval(Double(content.horizonDays) * 86_400)
        if playlist.validFrom > horizon {
            problems.append(
                .init(
                    stage: .validity, location: locate("valid_from"),
                    message: "starts at \(show(playlist.validFrom)), more than \(content.horizonDays) days ahead"))
        }
        for item in playlist.items {
            let from = item.validFrom ?? playlist.validFrom
            let until = item.validUntil ?? playlist.validUntil
            if from < playlist.validFrom || until > playlist.validUntil || until <= from {
                problems.append(
                    .init(
                        stage: .validity, location: locate("\(item.path).valid_from"),
                        message:
                            "the item's validity \(show(from)) – \(show(until)) must lie inside the playlist's and end after it starts"
                    ))
            }
        }
        return problems
    }

    func contentProblems(_ playlist: Playlist, locate: Locate) -> [PlaylistProblem] {
        var problems: [PlaylistProblem] = []
        if playlist.items.isEmpty || playlist.items.count > content.maxItems {
            problems.append(
                .init(
                    stage: .content, location: locate("items"),
                    message: "\(playlist.items.count) items; a playlist has 1 to \(content.maxItems)"))
        }
        let colors = panelColors == .mono ? ["red"] : ["red", "green", "amber"]
        for item in playlist.items {
            func here(_ key: String) -> SourceLocation { locate("\(item.path).\(key)") }
            if !content.categories.contains(item.category) {
                problems.append(
                    .init(
                        stage: .content, location: here("category"),
                        message:
                            "category \"\(item.category)\" is not in the hall's remit (\(content.categories.joined(separator: ", ")))"
                    ))
            }
            // Compared folded: 特 价, 限时\n抢购 and 特價促銷 are the same words to a reader.
            let folded = TextFolding.folded(item.text)
            for term in content.forbiddenTerms where folded.contains(TextFolding.folded(term)) {
                problems.append(
                    .init(
                        stage: .content, location: here("text"),
                        message: "contains \"\(term)\", a commercial-advertising term not allowed on the screen"))
            }
            // Counted in Unicode scalars: one letter with 150,000 combining marks is not one character.
            if item.text.unicodeScalars.count > content.maxTextLength {
                problems.append(
                    .init(
                        stage: .content, location: here("text"),
                        message:
                            "\(item.text.unicodeScalars.count) characters; at most \(content.maxTextLength) per item"))
            }
            if item.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(.init(stage: .content, location: here("text"), message: "the text is empty"))
            }
            if let control = item.text.unicodeScalars.enumerated().first(where: { Self.isForbiddenControl($0.element) })
            {
                problems.append(
                    .init(
                        stage: .content, location: here("text"),
                        message:
                            "invisible or control character U+\(String(format: "%04X", control.element.value)) at character \(control.offset + 1); remove it (the sign would show a box)"
                    ))
            }
            if !colors.contains(item.color) {
                problems.append(
                    .init(
                        stage: .content, location: here("color"),
                        message:
                            "colour \"\(item.color)\" cannot be shown on this \(panelColors.rawValue) panel (\(colors.joined(separator: ", ")))"
                    ))
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
                    "'\($0.scalar)' (U+\(String(format: "%04X", $0.scalar.value))) at character \($0.offset + 1)"
                }
                problems.append(
                    .init(
                        stage: .coverage, location: locate("\(item.path).text"),
                        message: "the font cannot draw \(missing.count) character(s): \(list.joined(separator: ", "))"))
            }
            if item.mode == .static {
                let pages = fitting.pageCount(of: item.text)
                if pages > 1 {
                    problems.append(
                        .init(
                            stage: .layout, location: locate("\(item.path).text"),
                            message:
                                "a static item must fit one page but needs \(pages); shorten it or use mode \"page\" or \"scroll\""
                        ))
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
