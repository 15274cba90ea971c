import ArgumentParser
import Foundation
import LobbyCore
import LobbyRender

/// `lobbyctl keygen --name NAME --out DIR [--valid-until DATE]`: one person's key pair.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: Messages.Help.keygen.description)

    @Option(help: Messages.Help.publisherName.argument)
    var name: String

    @Option(help: Messages.Help.keyDir.argument)
    var out: String

    @Option(help: Messages.Help.keyStem.argument)
    var file: String?

    @Option(name: .customLong("valid-until"), help: Messages.Help.keyValidUntil.argument)
    var validUntil: String?

    func run() throws {
        try OutputPlace.requireDirectory(out)
        let lastDay = try validUntil.map(StepDate.parse)
        // The hall's zone: a key is made on a clerk's own computer, which has no lobbyd.toml.
        let today = Configuration().timeZone.localTime(of: Date()).date
        if TextFolding.folded(name).isEmpty || (lastDay.map { $0 < today } ?? false) {
            Console.error("lobbyctl keygen: \(Messages.Console.badKey(name: name, lastDay: lastDay, today: today))")
            throw ExitCode(ExitStatus.invalidInput)
        }
        let key = PersonalKey(holder: name, validUntil: lastDay)
        let stem = "\(out)/\(file ?? key.publicKey.keyID)"
        for path in ["\(stem).key", "\(stem).pub"] where FileManager.default.fileExists(atPath: path) {
            Console.error("lobbyctl keygen: \(Messages.Console.keyExists(path))")
            throw ExitCode(ExitStatus.invalidInput)
        }
        try run(Messages.Console.writingKeys) {
            try AtomicFile.write(Array(key.fileText.utf8), to: "\(stem).key", mode: 0o600)
            try AtomicFile.write(Array(key.publicKey.fileText.utf8), to: "\(stem).pub", mode: 0o644)
        }
        print(Messages.Console.keyMade(key.publicKey.keyID, for: name, "\(stem).key", "\(stem).pub"))
    }
}

/// `lobbyctl approve --role ROLE --key KEY FILE`: one hand's step on the approval sheet.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: Messages.Help.approve.description)

    @OptionGroup var check: PlaylistCheck

    @OptionGroup var step: StepOptions

    @Option(help: Messages.Help.role.argument)
    var role: String

    @Option(help: Messages.Help.section.argument)
    var section: String?

    @Option(help: Messages.Help.confidentiality.argument)
    var confidentiality: String?

    func run() throws {
        guard let role = ApprovalRole(spelled: role), role != .publish else {
            let problem =
                ApprovalRole(spelled: role) == .publish
                ? Messages.Console.notYourRole(.publish).description
                : "--role \(role): \(Messages.Approval.roles)"
            Console.error("lobbyctl approve: \(problem)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        if role.attestsConfidentiality && confidentiality == nil {
            Console.error("lobbyctl approve: \(Messages.Console.needsConfidentiality)")
            throw ExitCode(ExitStatus.invalidInput)
        }
        try SheetSigning(check: check, step: step).sign(role) { key, roster in
            guard role == .draft else { return (nil, role.attestsConfidentiality ? confidentiality : nil) }
            if let section { return (section, nil) }
            let sections = roster.entries(for: key.publicKey.keyID).flatMap(\.sections)
            guard sections.count == 1 else {
                Console.error("lobbyctl approve: \(Messages.Console.whichSection(sections))")
                throw ExitCode(ExitStatus.invalidInput)
            }
            return (sections[0], nil)
        }
    }
}

/// `lobbyctl sign --key KEY FILE`: the publisher's step, last on the sheet.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: Messages.Help.sign.description)

    @OptionGroup var check: PlaylistCheck

    @OptionGroup var step: StepOptions

    func run() throws {
        try SheetSigning(check: check, step: step).sign(.publish) { _, _ in (nil, nil) }
    }
}

/// What every signed step names: the signer's key, the step's date, the playlist.
struct StepOptions: ParsableArguments {
    @Option(help: Messages.Help.key.argument)
    var key: String

    @Option(help: Messages.Help.stepDate.argument)
    var date: String?

    @Argument(help: Messages.Help.signedFile.argument)
    var file: String
}

/// Adds one signed step to `FILE.sig`: the step is signed, the whole file checked with it as
/// the daemon would (through this step), and the sheet written only when every check passes.
struct SheetSigning {
    let check: PlaylistCheck
    let step: StepOptions

    /// Signs `role`; `fields` gives the step's section and confidentiality verdict.
    func sign(
        _ role: ApprovalRole,
        fields: (PersonalKey, Roster) throws -> (section: String?, confidentiality: String?)
    ) throws {
        let key: PersonalKey
        do {
            key = try PersonalKey.load(path: step.key)
        } catch {
            Console.error("lobbyctl: \(error)")
            if step.key.hasSuffix(".pub") { Console.error("lobbyctl: \(Messages.Console.publicNotPrivate(step.key))") }
            throw ExitCode(ExitStatus.invalidInput)
        }
        let playlistFile = try check.read(step.file)
        let (validator, configuration) = try check.validator()
        let sheetFile = "\(step.file).sig"
        var sheet = ApprovalSheet(for: playlistFile.bytes)
        if let existing = playlistFile.signature {
            do {
                sheet = try ApprovalSheet.parse(text: String(decoding: existing, as: UTF8.self), file: sheetFile)
            } catch {
                Console.error("lobbyctl: \(error)")
                throw ExitCode(ExitStatus.invalidInput)
            }
            guard sheet.contentDigest == Digest.sha256Hex(playlistFile.bytes) else {
                Console.error("lobbyctl: \(Messages.Console.sheetOfOther(sheetFile))")
                throw ExitCode(ExitStatus.invalidInput)
            }
        }
        let today = try step.date.map(StepDate.parse) ?? configuration.timeZone.localTime(of: Date()).date
        let (section, confidentiality) = try fields(key, validator.trust.roster)
        let signed = try sheet.appending(
            ApprovalSheet.Step(role: role, keyID: "", date: today, section: section, confidentiality: confidentiality),
            signedBy: key)
        let text = Array(signed.fileText.utf8)
        let playlist = try check.check(file: step.file, bytes: playlistFile.bytes, sheet: text, through: role)
        try Console.attempt(Messages.Console.signing) {
            try AtomicFile.write(text, to: sheetFile)
        }
        let next = ApprovalRole.allCases.first { $0 > role }
        let signer = playlist.approval.steps.last?.person ?? key.holder
        print(Messages.Console.signed(sheetFile, role, by: signer, key: key.publicKey.keyID, next: next))
    }

}

/// A date given on the command line.
enum StepDate {
    static func parse(_ text: String) throws -> LocalDate {
        guard let date = LocalDate(parsing: text) else {
            Console.error("lobbyctl: \(Messages.Console.badDate(text))")
            throw ExitCode(ExitStatus.invalidInput)
        }
        return date
    }
}

/// `lobbyctl verify FILE`: the daemon's full validation, with its messages; exit 0 or 2.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: Messages.Help.verify.description)

    @OptionGroup var check: PlaylistCheck

    @Argument(help: Messages.Help.fileWithSig.argument)
    var file: String

    func run() throws {
        let (playlist, _, _) = try check.verify(file)
        print(Messages.Console.verified(file))
        print(playlist.summary(zone: try check.configuration.load().timeZone))
    }
}

/// `lobbyctl submit FILE`: verify, then place the playlist and its signature in incoming/.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: Messages.Help.submit.description)

    @OptionGroup var check: PlaylistCheck

    @Option(help: Messages.Help.spool.argument)
    var spool: String?

    @Argument(help: Messages.Help.fileWithSig.argument)
    var file: String

    func run() throws {
        let (playlist, bytes, signature) = try check.verify(file)
        let spoolDirectory = try spool ?? check.configuration.load().paths.spool
        let incoming = "\(spoolDirectory)/incoming"
        try OutputPlace.requireDirectory(incoming)
        let name = URL(fileURLWithPath: file).lastPathComponent
        try run(Messages.Console.submitting) {
            // The signature first: the spool watcher then usually sees a complete pair at once.
            try AtomicFile.write(signature, to: "\(incoming)/\(name).sig")
            try AtomicFile.write(bytes, to: "\(incoming)/\(name)")
        }
        print(Messages.Console.submitted("\(incoming)/\(name)", playlist.id, playlist.version))
    }
}

/// `lobbyctl preview PLAYLIST --out DIR`: every page as the panel will show it, plus one
/// labelled sheet; then the daemon's checks (a draft's sheet as far as it goes), exit 2 when
/// one fails.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: Messages.Help.preview.description)

    @OptionGroup var check: PlaylistCheck

    @Argument(help: Messages.Help.draft.argument)
    var playlist: String

    @Option(help: Messages.Help.previewOut.argument)
    var out: String

    func run() throws {
        let (validator, configuration) = try check.validator()
        try OutputPlace.requireNoFile(at: out)
        let file = try check.read(playlist)
        let verdict = validator.validate(
            file: playlist, bytes: file.bytes, signature: file.signature, now: Date(), through: nil)
        // Whatever parses is drawn, also when a check fails: the clerk sees what to change.
        let text = String(decoding: file.bytes, as: UTF8.self)
        if let parsed = try? Playlist.parse(text: text, file: playlist, zone: configuration.timeZone) {
            try run(Messages.Console.previewing) { try draw(parsed, configuration) }
        }
        if case .rejected(let problems) = verdict {
            let now = configuration.timeZone.iso8601(Date())
            Console.error(RejectionReport.text(file: playlist, problems: problems, rejectedAt: now), terminator: "")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// One panel picture per page in the panel's own colours, and the contact sheet with each
    /// page labelled by item and page.
    private func draw(_ parsed: Playlist, _ configuration: Configuration) throws {
        let renderer = try TextRenderer(configuration: configuration)
        let font = try FontFace(path: configuration.font.path, pixelSize: 16)
        let labels = try TextRenderer(font: font, width: 16 * 14, height: 16)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var sheet: [(label: Frame?, frame: Frame)] = []
        for (index, item) in parsed.items.enumerated() {
            // What the sign shows: a scroll item as its panel-wide windows. An item that cannot be
            // drawn (a static text over one page) is left out here; the checks say where it is.
            guard let drawn = try? renderer.pages(for: item) else { continue }
            let frames = drawn.map { $0.shown(on: configuration.panel.colors) }
            for (page, frame) in frames.enumerated() {
                let path = "\(out)/item-\(index + 1)-page-\(page + 1).png"
                try AtomicFile.write(frame.panelPicture().encoded(), to: path)
                print(path)
                let label = Messages.Console.pageLabel(item: index + 1, page: page + 1, of: frames.count)
                sheet.append((try labels.render(label.description, style: TextStyle(), mode: .page).first, frame))
            }
        }
        try AtomicFile.write(Frame.contactSheet(sheet).encoded(), to: "\(out)/contact-sheet.png")
        print("\(out)/contact-sheet.png")
    }
}

extension ParsableCommand {
    /// Runs `body`, turning any error into a message naming `what` failed and exit status 2.
    func run(_ what: Localized, _ body: () throws -> Void) throws {
        try Console.attempt(what, body)
    }
}

extension Console {
    /// Runs `body`, turning any error into a message naming `what` failed and exit status 2:
    /// for commands and the helpers they call.
    static func attempt(_ what: Localized, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            Console.error("lobbyctl: \(Messages.Console.failed(what, "\(error)"))")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
