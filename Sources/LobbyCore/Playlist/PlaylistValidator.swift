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

/// The daemon's full validation of a playlist file: size → signature → TOML syntax → schema →
/// approval chain → validity → content rules → font coverage → fits the panel. Every failure is
/// collected, not just the first (the reason file orders them by the stages of the hall's
/// procedure); an oversize file stops early, and so, in the daemon (`signedOnly`), does a file
/// whose signature fails: it is never parsed. `lobbyctl verify` runs the same checks, with the
/// same messages.
public struct PlaylistValidator {
    public var content: Configuration.Content
    public var panelColors: ColorCapability
    public var timeZone: TimeZone
    public var trust: TrustStore
    public var fitting: any TextFitting

    public init(configuration: Configuration, trust: TrustStore, fitting: any TextFitting) {
        content = configuration.content
        panelColors = configuration.panel.colors
        timeZone = configuration.timeZone
        self.trust = trust
        self.fitting = fitting
    }

    /// Validates `bytes`, the file `file`, against its detached signature (`nil` when the
    /// `.sig` file is absent) at the instant `now`. With `signedOnly` (the daemon's spool) a file
    /// whose signature fails is not parsed at all: only trusted people's bytes reach the parser.
    /// Without it (`lobbyctl verify` of a draft) every problem is reported at once.
    public func validate(file: String, bytes: [UInt8], signature: [UInt8]?, now: Date, signedOnly: Bool = false)
        -> PlaylistVerdict
    {
        guard bytes.count <= content.maxFileBytes else {
            return .rejected([
                problem(
                    .size, file, nil,
                    Messages.Playlist.tooLarge(bytes.count, content.maxFileBytes).description)
            ])
        }
        var problems: [PlaylistProblem] = []
        let publisher = checkSignature(file: file, bytes: bytes, signature: signature, problems: &problems)
        if signedOnly && publisher == nil { return .rejected(problems) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .rejected(problems + [problem(.syntax, file, nil, Messages.Playlist.notUTF8.description)])
        }
        let playlist: Playlist?
        do {
            playlist = try Playlist.parse(text: text, file: file, zone: timeZone)
        } catch {
            playlist = nil
            problems += PlaylistProblem.from(error)
        }
        let lines = TOMLKeyLines(text: text)
        let locate = { (key: String) in SourceLocation(file: file, line: lines.line(for: key)) }
        if let playlist {
            let today = timeZone.localTime(of: now).date
            for (key, message) in playlist.approval.problems(today: today) {
                problems.append(PlaylistProblem(stage: .approval, location: locate(key), message: message))
            }
            problems += validityProblems(playlist, now: now, locate: locate)
            problems += contentProblems(playlist, locate: locate)
            problems += fittingProblems(playlist, locate: locate)
        }
        guard let playlist, let publisher, problems.isEmpty else {
            return .rejected(problems.sorted { ($0.stage, $0.location.line ?? 0) < ($1.stage, $1.location.line ?? 0) })
        }
        return .accepted(playlist, publisher: publisher)
    }

    /// The publisher whose key signed `bytes`, or `nil` with the reason added to `problems`.
    private func checkSignature(file: String, bytes: [UInt8], signature: [UInt8]?, problems: inout [PlaylistProblem])
        -> String?
    {
        let signatureFile = "\(file).sig"
        guard let signature else {
            problems.append(
                problem(
                    .signature, file, nil,
                    Messages.Playlist.noSignature((signatureFile as NSString).lastPathComponent).description
                ))
            return nil
        }
        let parsed: DetachedSignature
        do {
            parsed = try DetachedSignature.parse(text: String(decoding: signature, as: UTF8.self), file: signatureFile)
        } catch {
            problems += error.problems.map {
                PlaylistProblem(stage: .signature, location: $0.location, message: $0.message)
            }
            return nil
        }
        switch trust.check(parsed, of: bytes) {
        case .success(let publisher):
            return publisher
        case .failure(let failure):
            problems.append(problem(.signature, signatureFile, nil, failure.description))
            return nil
        }
    }

    func problem(_ stage: PlaylistProblem.Stage, _ file: String, _ line: Int?, _ message: String) -> PlaylistProblem {
        PlaylistProblem(stage: stage, location: SourceLocation(file: file, line: line), message: message)
    }
}
