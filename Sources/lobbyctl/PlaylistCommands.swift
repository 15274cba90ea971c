import ArgumentParser
import Foundation
import LobbyCore
import LobbyRender

/// `lobbyctl keygen --name NAME --out DIR`: a publisher's key pair.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: "Make a publisher's Ed25519 key pair: DIR/FILE.key (0600) and DIR/FILE.pub.")

    @Option(help: "The publisher's name as it appears in logs and reports, e.g. \"政务服务中心 张三\".")
    var name: String

    @Option(help: "Directory to write the key files into.")
    var out: String

    @Option(help: "File name stem (default: the key id).")
    var file: String?

    func run() throws {
        let key = PublisherKey(publisher: name)
        let stem = "\(out)/\(file ?? key.publicKey.keyID)"
        for path in ["\(stem).key", "\(stem).pub"] where FileManager.default.fileExists(atPath: path) {
            Console.error("lobbyctl keygen: \(path) exists; refusing to overwrite a key")
            throw ExitCode(ExitStatus.invalidInput)
        }
        try run("writing the key pair") {
            try AtomicFile.write(Array(key.fileText.utf8), to: "\(stem).key", mode: 0o600)
            try AtomicFile.write(Array(key.publicKey.fileText.utf8), to: "\(stem).pub", mode: 0o644)
        }
        print(
            "key \(key.publicKey.keyID) for \(name)\n  private: \(stem).key (keep it secret)\n  public:  \(stem).pub (give it to the technician)"
        )
    }
}

/// `lobbyctl sign --key KEY FILE`: writes `FILE.sig`.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: "Sign a playlist with a publisher's private key: writes FILE.sig.")

    @Option(help: "The publisher's private key file (.key).")
    var key: String

    @Argument(help: "The playlist file, exactly as it will be published.")
    var file: String

    func run() throws {
        try run("signing") {
            let publisher = try PublisherKey.load(path: key)
            let signature = try publisher.sign(try AtomicFile.read(file))
            try AtomicFile.write(Array(signature.fileText.utf8), to: "\(file).sig")
            print("\(file).sig: signed by \(publisher.publisher) (key \(signature.keyID))")
        }
    }
}

/// `lobbyctl verify FILE`: the daemon's full validation, with its messages; exit 0 or 2.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Validate a playlist exactly as lobbyd will (exit 2 with the reasons if rejected).")

    @OptionGroup var check: PlaylistCheck

    @Argument(help: "The playlist file; its signature is FILE.sig.")
    var file: String

    func run() throws {
        let (playlist, publisher, _, _) = try check.verify(file)
        print("\(file): OK\n\(playlist.summary(publisher: publisher, zone: try check.configuration.load().timeZone))")
    }
}

/// `lobbyctl submit FILE`: verify, then place the playlist and its signature in incoming/.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit", abstract: "Verify a playlist, then place it and its signature in the spool's incoming/.")

    @OptionGroup var check: PlaylistCheck

    @Option(help: "Spool directory holding incoming/ (default: [paths] spool).")
    var spool: String?

    @Argument(help: "The playlist file; its signature is FILE.sig.")
    var file: String

    func run() throws {
        let (playlist, _, bytes, signature) = try check.verify(file)
        let spoolDirectory = try spool ?? check.configuration.load().paths.spool
        let incoming = "\(spoolDirectory)/incoming"
        let name = URL(fileURLWithPath: file).lastPathComponent
        try run("submitting") {
            // The signature first: the spool watcher then usually sees a complete pair at once.
            try AtomicFile.write(signature, to: "\(incoming)/\(name).sig")
            try AtomicFile.write(bytes, to: "\(incoming)/\(name)")
        }
        print("\(incoming)/\(name): submitted (\(playlist.id) version \(playlist.version))")
    }
}

/// `lobbyctl preview PLAYLIST --out DIR`: every page as the panel will show it, plus one sheet.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Draw every page of a playlist like the real panel: one PNG per page and a contact sheet.")

    @OptionGroup var configuration: ConfigurationOption

    @Argument(help: "The playlist file (it need not be signed yet).")
    var playlist: String

    @Option(help: "Directory for the pictures (created if needed).")
    var out: String

    func run() throws {
        let configuration = try configuration.load()
        try run("previewing") {
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
    func run(_ what: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            Console.error("lobbyctl: \(what) failed: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
