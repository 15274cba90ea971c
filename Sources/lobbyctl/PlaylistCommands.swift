import ArgumentParser
import Foundation
import LobbyCore
import LobbyRender

/// `lobbyctl keygen --name NAME --out DIR`: a publisher's key pair.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: Messages.Help.keygen.description)

    @Option(help: Messages.Help.publisherName.argument)
    var name: String

    @Option(help: Messages.Help.keyDir.argument)
    var out: String

    @Option(help: Messages.Help.keyStem.argument)
    var file: String?

    func run() throws {
        try OutputPlace.requireDirectory(out)
        let key = PublisherKey(publisher: name)
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

/// `lobbyctl sign --key KEY FILE`: writes `FILE.sig`.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: Messages.Help.sign.description)

    @Option(help: Messages.Help.key.argument)
    var key: String

    @Argument(help: Messages.Help.signedFile.argument)
    var file: String

    func run() throws {
        try run(Messages.Console.signing) {
            let publisher = try PublisherKey.load(path: key)
            let signature = try publisher.sign(try AtomicFile.read(file))
            try AtomicFile.write(Array(signature.fileText.utf8), to: "\(file).sig")
            print(Messages.Console.signed("\(file).sig", by: publisher.publisher, key: signature.keyID))
        }
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
        let (playlist, publisher, _, _) = try check.verify(file)
        print(Messages.Console.verified(file))
        print(playlist.summary(publisher: publisher, zone: try check.configuration.load().timeZone))
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
        let (playlist, _, bytes, signature) = try check.verify(file)
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

/// `lobbyctl preview PLAYLIST --out DIR`: every page as the panel will show it, plus one sheet.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: Messages.Help.preview.description)

    @OptionGroup var configuration: ConfigurationOption

    @Argument(help: Messages.Help.draft.argument)
    var playlist: String

    @Option(help: Messages.Help.previewOut.argument)
    var out: String

    func run() throws {
        let configuration = try configuration.load()
        try OutputPlace.requireNoFile(at: out)
        try run(Messages.Console.previewing) {
            let text = String(decoding: try AtomicFile.read(playlist), as: UTF8.self)
            let parsed = try Playlist.parse(text: text, file: playlist, zone: configuration.timeZone)
            let renderer = try TextRenderer(configuration: configuration)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var all: [Frame] = []
            for (index, item) in parsed.items.enumerated() {
                // What the sign shows: a scroll item as its panel-wide windows.
                let frames = try renderer.pages(for: item)
                for (page, frame) in frames.enumerated() {
                    let path = "\(out)/item-\(index + 1)-page-\(page + 1).png"
                    try AtomicFile.write(frame.panelPicture().encoded(), to: path)
                    print(path)
                }
                all += frames
            }
            try AtomicFile.write(Frame.contactSheet(all).encoded(), to: "\(out)/contact-sheet.png")
            print("\(out)/contact-sheet.png")
        }
    }
}

extension ParsableCommand {
    /// Runs `body`, turning any error into a message naming `what` failed and exit status 2.
    func run(_ what: Localized, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            Console.error("lobbyctl: \(Messages.Console.failed(what, "\(error)"))")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
