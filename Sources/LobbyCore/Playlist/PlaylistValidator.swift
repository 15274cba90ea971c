import Foundation

/// What the renderer tells the validator about a text, so that coverage and layout checks use
/// exactly the daemon's font and panel. `LobbyRender` provides it; LobbyCore stays font-free.
public protocol TextFitting {
    /// Characters the font cannot draw, with their offset (in Unicode scalars) in `text`.
    func missingCharacters(in text: String) -> [(scalar: Unicode.Scalar, offset: Int)]
    /// How many pages `text` needs on the panel.
    func pageCount(of text: String) -> Int
}

/// The outcome of validating one playlist file.
public enum PlaylistVerdict: Sendable {
    case accepted(Playlist, publisher: String)
    /// Every problem found, ordered by stage and then by line.
    case rejected([PlaylistProblem])
}

/// The daemon's full validation of a playlist file: size → approval sheet (each step signed by
/// a trusted key whose holder has that role) → TOML syntax → schema → the chain's rules →
/// validity → content rules → font coverage → fits the panel. Every failure is collected, not
/// just the first, and reported in the order of the file (the playlist, then its sheet); an
/// oversize file stops early, and so, in the daemon (`signedOnly`), does a file whose sheet
/// fails: it is never parsed. `lobbyctl verify` runs the same checks, with the same messages.
public struct PlaylistValidator {
    public var content: Configuration.Content
    public var emergency: Configuration.Emergency
    public var panelColors: ColorCapability
    public var timeZone: TimeZone
    public var trust: TrustStore
    public var fitting: any TextFitting

    public init(configuration: Configuration, trust: TrustStore, fitting: any TextFitting) {
        content = configuration.content
        emergency = configuration.emergency
        panelColors = configuration.panel.colors
        timeZone = configuration.timeZone
        self.trust = trust
        self.fitting = fitting
    }

    /// Validates `bytes`, the file `file`, against its approval sheet (`nil` when the `.sig`
    /// file is absent) at the instant `now`. With `signedOnly` (the daemon's spool) a file whose
    /// sheet fails is not parsed at all: only the bytes trusted people signed reach the parser.
    /// Without it (`lobbyctl verify` of a draft) every problem is reported at once. `through` is
    /// the last step that must be on the sheet: `.publish` for the daemon, an earlier one for
    /// `lobbyctl approve` while the sheet goes round, `nil` for `lobbyctl preview` of a draft
    /// (as far as its sheet goes, if it has one).
    public func validate(
        file: String, bytes: [UInt8], signature: [UInt8]?, now: Date, signedOnly: Bool = false,
        through: ApprovalRole? = .publish
    ) -> PlaylistVerdict {
        guard bytes.count <= content.maxFileBytes else {
            return .rejected([
                problem(
                    .size, file, nil,
                    Messages.Playlist.tooLarge(bytes.count, content.maxFileBytes).description)
            ])
        }
        let today = timeZone.localTime(of: now).date
        var problems: [PlaylistProblem] = []
        let sheet =
            signature == nil && through == nil ? nil : readSheet(file: file, signature: signature, problems: &problems)
        let signed = sheet.map { sheet in
            let check = ApprovalCheck(sheet: sheet.sheet, trust: trust, today: today, locate: sheet.locate)
            let (verified, found) = check.signatures(of: bytes)
            problems += found
            return (check, verified)
        }
        // The daemon parses only what every hand signed: a sheet short of a step stops here too.
        if signedOnly, let (check, _) = signed { problems += check.structure(through: through ?? .publish) }
        if signedOnly && !problems.isEmpty { return .rejected(Self.inFileOrder(problems, file: file)) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .rejected(problems + [problem(.syntax, file, nil, Messages.Playlist.notUTF8.description)])
        }
        var (playlist, schema) = Playlist.read(text: text, file: file, zone: timeZone)
        problems += schema.flatMap { PlaylistProblem.from($0) }
        let lines = TOMLKeyLines(text: text)
        let locate = { (key: String) in SourceLocation(file: file, line: lines.line(for: key)) }
        if let parsed = playlist {
            if let (check, verified) = signed {
                let last = through ?? check.sheet.steps.map(\.role).max() ?? .draft
                problems += check.rules(
                    verified, playlist: parsed, validFrom: timeZone.localTime(of: parsed.validFrom).date,
                    maxAgeDays: content.approvalMaxAgeDays, through: last, remit: content.categories)
                playlist?.approval.steps = verified.map(\.step)
            }
            if parsed.approval.reposted && (parsed.approval.source ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(
                    PlaylistProblem(
                        stage: .approval, location: locate("approval.reposted"),
                        message: Messages.Approval.noSource.description))
            }
            problems += validityProblems(parsed, now: now, locate: locate)
            problems += contentProblems(parsed, locate: locate, column: Self.columns(in: text))
            problems += fittingProblems(parsed, locate: locate)
        }
        let sheetDone = if case .some = signed { true } else { through == nil }
        guard let playlist, sheetDone, problems.isEmpty else {
            return .rejected(Self.inFileOrder(problems, file: file))
        }
        return .accepted(playlist, publisher: playlist.approval.publisher)
    }

    /// The approval sheet beside the file, with where its keys are; `nil` with the reason added
    /// to `problems`.
    private func readSheet(file: String, signature: [UInt8]?, problems: inout [PlaylistProblem])
        -> (sheet: ApprovalSheet, locate: (String) -> SourceLocation)?
    {
        let sheetFile = "\(file).sig"
        guard let signature else {
            problems.append(
                problem(
                    .signature, file, nil,
                    Messages.Playlist.noSignature((sheetFile as NSString).lastPathComponent).description
                ))
            return nil
        }
        let text = String(decoding: signature, as: UTF8.self)
        do {
            let sheet = try ApprovalSheet.parse(text: text, file: sheetFile)
            let lines = TOMLKeyLines(text: text)
            return (sheet, { SourceLocation(file: sheetFile, line: lines.line(for: $0)) })
        } catch {
            problems += error.problems.map {
                PlaylistProblem(stage: .signature, location: $0.location, message: $0.message)
            }
            return nil
        }
    }

    /// `problems` as a clerk reads the file: the playlist's from top to bottom, then its sheet's;
    /// a problem without a line after those of its file with one; on one line in the order of
    /// the stages, then as found (a text's findings from its start).
    static func inFileOrder(_ problems: [PlaylistProblem], file: String) -> [PlaylistProblem] {
        problems.enumerated().sorted { lhs, rhs in
            func key(_ problem: PlaylistProblem) -> (Int, Int) {
                (problem.location.file == file ? 0 : 1, problem.location.line ?? .max)
            }
            let (left, right) = (key(lhs.element), key(rhs.element))
            if left != right { return left < right }
            if lhs.element.stage != rhs.element.stage { return lhs.element.stage < rhs.element.stage }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Adds the column of `text`'s `offset`th scalar to a location on its `text = "…"` line,
    /// when the text up to there is written on that line as it is (no escapes, one line).
    static func columns(in file: String) -> Column {
        let lines = file.split(separator: "\n", omittingEmptySubsequences: false)
        return { location, text, offset in
            guard let number = location.line, number >= 1, number <= lines.count else { return location }
            let line = lines[number - 1]
            guard let quote = line.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return location }
            // Up to and with the character found: an empty prefix proves nothing (`"""`).
            let before = String(String.UnicodeScalarView(text.unicodeScalars.prefix(offset)))
            let through = String(String.UnicodeScalarView(text.unicodeScalars.prefix(offset + 1)))
            guard line[line.index(after: quote)...].unicodeScalars.starts(with: through.unicodeScalars) else {
                return location
            }
            var located = location
            located.column = line[..<quote].count + 1 + before.count + 1
            return located
        }
    }

    func problem(_ stage: PlaylistProblem.Stage, _ file: String, _ line: Int?, _ message: String) -> PlaylistProblem {
        PlaylistProblem(stage: stage, location: SourceLocation(file: file, line: line), message: message)
    }
}
